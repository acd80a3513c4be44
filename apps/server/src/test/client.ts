import { randomInt } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../platform/context.ts';
import type { SessionKind } from '../platform/auth/cookies.ts';
import { createSession, csrfTokenFor } from '../platform/auth/sessions.ts';

export type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** What tests read from an answer (a subset of light-my-request's, also for event streams). */
export interface Response {
  statusCode: number;
  headers: LightMyRequestResponse['headers'];
  cookies: LightMyRequestResponse['cookies'];
  body: string;
  json<T = unknown>(): T;
}

const STREAM_WAIT_MS = 2_000;

/**
 * Reads an injected answer taken as a stream: to its end, or for `text/event-stream` (which
 * never ends) up to the first event, then closes it as a browser leaving the page would.
 */
async function settle(res: LightMyRequestResponse): Promise<Response> {
  const stream: Readable = res.stream();
  const endless = String(res.headers['content-type'] ?? '').startsWith('text/event-stream');
  const chunks: Buffer[] = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, STREAM_WAIT_MS);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      if (endless) done();
    });
    stream.on('end', done);
    stream.on('error', done);
  });
  if (endless) res.raw.res.destroy();
  const body = Buffer.concat(chunks).toString('utf8');
  return { statusCode: res.statusCode, headers: res.headers, cookies: res.cookies, body, json: <T>() => JSON.parse(body) as T };
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Leave out the x-csrf-token header (to test CSRF). */
  noCsrf?: boolean;
}

/**
 * A caller of the app: a Host (the tenant), and optionally a session cookie with its CSRF
 * token, or an API key. Every request comes from the client's own IP, so sign-in throttling
 * of one test never reaches another.
 */
export interface Client {
  host: string;
  ip: string;
  cookie: string | null;
  csrfToken: string | null;
  request(method: Method, url: string, opts?: RequestOptions): Promise<Response>;
  get(url: string, headers?: Record<string, string>): Promise<Response>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response>;
  delete(url: string, headers?: Record<string, string>): Promise<Response>;
}

export interface ClientOptions {
  cookie?: string | null;
  csrfToken?: string | null;
  bearer?: string;
  ip?: string;
  headers?: Record<string, string>;
}

/** A random private address: throttling is per IP, and the PostgreSQL test database outlives runs. */
export function randomIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

export function client(app: FastifyInstance, host: string, opts: ClientOptions = {}): Client {
  const c: Client = {
    host,
    ip: opts.ip ?? randomIp(),
    cookie: opts.cookie ?? null,
    csrfToken: opts.csrfToken ?? null,
    async request(method, url, ro = {}) {
      const headers: Record<string, string> = { host: c.host, ...opts.headers };
      if (c.cookie) headers.cookie = c.cookie;
      if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
      if (c.csrfToken && !ro.noCsrf && method !== 'GET') headers['x-csrf-token'] = c.csrfToken;
      Object.assign(headers, ro.headers);
      const payload = ro.body === undefined ? {} : typeof ro.body === 'string' ? { payload: ro.body } : { payload: ro.body as object };
      return settle(await app.inject({ method, url, headers, remoteAddress: c.ip, payloadAsStream: true, ...payload }));
    },
    get: (url, headers) => c.request('GET', url, headers ? { headers } : {}),
    post: (url, body, headers) => c.request('POST', url, { body, ...(headers && { headers }) }),
    patch: (url, body, headers) => c.request('PATCH', url, { body, ...(headers && { headers }) }),
    delete: (url, headers) => c.request('DELETE', url, headers ? { headers } : {}),
  };
  return c;
}

/** `name=value` of the session cookie a response set, if any. */
export function sessionCookieOf(res: Response): string | null {
  const c = res.cookies.find((k) => k.name.includes('porta_') && k.value !== '');
  return c ? `${c.name}=${c.value}` : null;
}

interface SignedIn {
  csrfToken: string;
}

function signedIn(app: FastifyInstance, host: string, res: Response, ip: string): Client {
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = sessionCookieOf(res);
  if (!cookie) throw new Error('sign-in set no session cookie');
  return client(app, host, { cookie, csrfToken: res.json<SignedIn>().csrfToken, ip });
}

/** Signs a technician in through `POST /api/v1/auth/login` (the real path: argon2, throttle, TOTP). */
export async function signInTechnician(app: FastifyInstance, host: string, email: string, password: string, totp?: string): Promise<Client> {
  const ip = randomIp();
  const res = await client(app, host, { ip }).post('/api/v1/auth/login', { email, password, ...(totp && { totp }) });
  return signedIn(app, host, res, ip);
}

/** Signs a contact in through `POST /api/v1/portal/auth/login`. */
export async function signInContact(app: FastifyInstance, host: string, username: string, password: string): Promise<Client> {
  const ip = randomIp();
  const res = await client(app, host, { ip }).post('/api/v1/portal/auth/login', { username, password });
  return signedIn(app, host, res, ip);
}

/**
 * A session made straight in the database, without the argon2 cost of signing in: for
 * suites that need many sessions (authorization) rather than the sign-in path itself.
 */
export async function mintSession(app: FastifyInstance, ctx: AppContext, host: string, tenantId: string, kind: SessionKind, subjectId: string): Promise<Client> {
  const ip = randomIp();
  const { token } = await createSession(ctx, tenantId, kind, subjectId, { ip, userAgent: 'vitest' });
  const name = kind === 'technician' ? 'porta_console' : 'porta_portal';
  return client(app, host, { cookie: `${name}=${token}`, csrfToken: csrfTokenFor(ctx, token), ip });
}
