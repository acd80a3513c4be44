import type { z } from 'zod';
import { type ApiArea, ApiError, parseDetailFields, parseErrorBody, parseFieldIssues } from './api-error';
import { LazySchema } from './lazy-schema';
import { currentLanguage, i18next } from './i18n';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type QueryValue = string | number | boolean | undefined | null;
export type Query = Record<string, QueryValue>;

interface ClientOptions {
  area: ApiArea;
  /** The session's CSRF token, sent on unsafe methods. */
  getCsrfToken?: () => string | undefined;
  /** Called once when the server refuses the CSRF token; answers a fresh token to retry with. */
  refreshCsrfToken?: () => Promise<string | undefined>;
}

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** How an answer is checked: a contract schema, or one loaded when needed (lib/lazy-schema.ts). */
type Schema<S extends z.ZodType> = S | LazySchema<S>;

export function createApiClient({ area, getCsrfToken, refreshCsrfToken }: ClientOptions) {
  async function send(method: Method, path: string, body: unknown, csrfToken: string | undefined, signal?: AbortSignal): Promise<Response> {
    const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLanguage() };
    // FormData (uploads) sets its own multipart content type with the boundary.
    const isForm = body instanceof FormData;
    if (body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
    try {
      return await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : isForm ? body : JSON.stringify(body),
        credentials: 'same-origin',
        ...(signal && { signal }),
      });
    } catch (err) {
      // A request superseded by a newer one (a search while typing) is abandoned, not a network error.
      if (signal?.aborted) throw err;
      throw new ApiError({ status: 0, code: 'NETWORK', message: i18next.t('common:errors.network'), area });
    }
  }

  async function request<S extends z.ZodType>(method: Method, path: string, schemaOrLazy: Schema<S>, body?: unknown, signal?: AbortSignal): Promise<z.infer<S>> {
    let response = await send(method, path, body, getCsrfToken?.(), signal);
    let payload = await readJson(response);
    if (!response.ok && method !== 'GET' && refreshCsrfToken && isCsrfRefusal(payload)) {
      const fresh = await refreshCsrfToken();
      response = await send(method, path, body, fresh, signal);
      payload = await readJson(response);
    }
    if (!response.ok) throw toApiError(response.status, payload, area);
    const schema = schemaOrLazy instanceof LazySchema ? await schemaOrLazy.load() : schemaOrLazy;
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      console.error(`Unexpected answer from ${method} ${path}`, parsed.error.issues);
      throw new ApiError({ status: response.status, code: 'BAD_RESPONSE', message: i18next.t('common:errors.unexpected'), area });
    }
    return parsed.data;
  }

  return {
    /** `signal` cancels the request (react-query passes one, aborted when the query is superseded). */
    get: <S extends z.ZodType>(path: string, schema: Schema<S>, query?: Query, signal?: AbortSignal) => request('GET', withQuery(path, query), schema, undefined, signal),
    post: <S extends z.ZodType>(path: string, schema: Schema<S>, body: unknown = {}) => request('POST', path, schema, body),
    patch: <S extends z.ZodType>(path: string, schema: Schema<S>, body: unknown) => request('PATCH', path, schema, body),
    put: <S extends z.ZodType>(path: string, schema: Schema<S>, body: unknown) => request('PUT', path, schema, body),
    delete: <S extends z.ZodType>(path: string, schema: Schema<S>) => request('DELETE', path, schema),
    /** Sends one file as multipart/form-data (part `file`), with the CSRF token like any write. */
    upload: <S extends z.ZodType>(path: string, schema: Schema<S>, file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return request('POST', path, schema, form);
    },
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

function isCsrfRefusal(payload: unknown): boolean {
  return parseErrorBody(payload)?.code === 'CSRF_INVALID';
}

function toApiError(status: number, payload: unknown, area: ApiArea): ApiError {
  const parsed = parseErrorBody(payload);
  if (!parsed) {
    return new ApiError({ status, code: status >= 500 ? 'INTERNAL' : 'HTTP_ERROR', message: i18next.t('common:errors.unexpected'), area });
  }
  const { code, message, details } = parsed;
  const validation = code === 'VALIDATION_FAILED';
  return new ApiError({ status, code, message, area, fieldIssues: validation ? parseFieldIssues(details) : [], detailFields: validation ? parseDetailFields(details) : [] });
}
