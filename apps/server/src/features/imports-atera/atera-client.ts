import type { ErrorCode } from '@porta/contracts/errors';
import { OutboundRefused, outboundRequest } from '../../platform/net/outbound-guard.ts';
import { type AteraPage, ateraPageSchema } from './atera-shapes.ts';

/** Atera's maximum page size. */
export const ITEMS_IN_PAGE = 50;
/** A page of 50 tickets with their first comments can be large; more than this is refused. */
const MAX_PAGE_BYTES = 16 * 1024 * 1024;
const TIMEOUT_MS = 30_000;

export interface AteraConnection {
  baseUrl: string;
  apiKey: string;
  allowPrivate: boolean;
}

/**
 * Why a request to Atera failed. `transient` ones are tried again (with `retryAfterMs` when
 * Atera said how long to wait); the others stop the import until an admin resumes it.
 */
export class AteraError extends Error {
  constructor(
    readonly code: Extract<ErrorCode, 'ATERA_KEY_REFUSED' | 'ATERA_UNREACHABLE' | 'ATERA_RATE_LIMITED' | 'ATERA_BAD_ANSWER' | 'OUTBOUND_URL_REFUSED'>,
    readonly detail: string,
    readonly transient: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(`${code}: ${detail}`);
    this.name = 'AteraError';
  }
}

/** `https://app.atera.com/api/v3` and `…/api/v3/` both work: paths are joined to a base ending in `/`. */
export function endpointUrl(baseUrl: string, path: string, page: number): string {
  const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
  const url = new URL(path, base);
  url.searchParams.set('page', String(page));
  url.searchParams.set('itemsInPage', String(ITEMS_IN_PAGE));
  return url.toString();
}

/** `Retry-After` in seconds or as an HTTP date; at most an hour, 30 s when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number {
  const raw = Array.isArray(header) ? header[0] : header;
  if (raw !== undefined && /^\d+$/.test(raw.trim())) return Math.min(Number(raw.trim()) * 1000, 3_600_000);
  const date = raw ? Date.parse(raw) : NaN;
  if (!Number.isNaN(date)) return Math.min(Math.max(date - now, 0), 3_600_000);
  return 30_000;
}

/** One page of an Atera list (`customers`, `contacts`, `tickets/{id}/comments`, …), through the outbound guard. */
export async function fetchAteraPage(conn: AteraConnection, path: string, page: number): Promise<AteraPage> {
  const where = `${path} page ${page}`;
  let res;
  try {
    res = await outboundRequest({
      url: endpointUrl(conn.baseUrl, path, page),
      method: 'GET',
      headers: { 'x-api-key': conn.apiKey, accept: 'application/json' },
      allowPrivate: conn.allowPrivate,
      timeoutMs: TIMEOUT_MS,
      maxAnswerBytes: MAX_PAGE_BYTES,
    });
  } catch (err) {
    if (err instanceof OutboundRefused) throw new AteraError('OUTBOUND_URL_REFUSED', err.message, false);
    throw new AteraError('ATERA_UNREACHABLE', `${where}: ${err instanceof Error ? err.message : String(err)}`, true);
  }
  if (res.status === 401 || res.status === 403) throw new AteraError('ATERA_KEY_REFUSED', `${where}: HTTP ${res.status}`, false);
  if (res.status === 429) throw new AteraError('ATERA_RATE_LIMITED', `${where}: HTTP 429`, true, retryAfterMs(res.headers['retry-after']));
  if (res.status >= 500) throw new AteraError('ATERA_UNREACHABLE', `${where}: HTTP ${res.status}`, true);
  if (res.status !== 200) throw new AteraError('ATERA_BAD_ANSWER', `${where}: HTTP ${res.status}`, false);
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    throw new AteraError('ATERA_BAD_ANSWER', `${where}: not JSON`, false);
  }
  const parsed = ateraPageSchema.safeParse(body);
  if (!parsed.success) throw new AteraError('ATERA_BAD_ANSWER', `${where}: not a page of items`, false);
  return parsed.data;
}
