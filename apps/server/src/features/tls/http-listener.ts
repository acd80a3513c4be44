import http from 'node:http';
import type { Db } from '../../platform/db/db.ts';
import { normaliseHost } from './hosts-to-certify.ts';
import { findChallenge } from './tls.repo.ts';

const CHALLENGE_PREFIX = '/.well-known/acme-challenge/';

export interface HttpListenerOptions {
  db: Db;
  /** Whether Porta serves this (normalised) host: only those are redirected. */
  isServed: (host: string) => Promise<boolean>;
  httpsPort: number;
  onError?: (err: unknown) => void;
}

function plain(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

/**
 * With PORTA_TLS on, the plain-HTTP port answers ACME HTTP-01 challenges (from the database,
 * so whichever node the CA reaches answers) and redirects everything else to HTTPS. The
 * redirect names the host only when Porta serves it: an unknown Host is never echoed back.
 */
export function createHttpListener(opts: HttpListenerOptions): http.Server {
  return http.createServer((req, res) => {
    const url = req.url ?? '/';
    void (async () => {
      if (url.startsWith(CHALLENGE_PREFIX)) {
        const token = url.slice(CHALLENGE_PREFIX.length).split('?')[0] ?? '';
        const answer = /^[A-Za-z0-9_-]{1,256}$/.test(token) ? await findChallenge(opts.db, token) : null;
        return answer ? plain(res, 200, answer) : plain(res, 404, 'Not found');
      }
      const host = normaliseHost(req.headers.host);
      if (!host || !(await opts.isServed(host))) return plain(res, 404, 'This address is not configured.');
      const port = opts.httpsPort === 443 ? '' : `:${opts.httpsPort}`;
      const path = url.startsWith('/') && !url.startsWith('//') ? url : '/';
      res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 301 : 308, { location: `https://${host}${port}${path}` });
      res.end();
    })().catch((err: unknown) => {
      opts.onError?.(err);
      if (!res.headersSent) plain(res, 503, 'Service unavailable');
      else res.end();
    });
  });
}
