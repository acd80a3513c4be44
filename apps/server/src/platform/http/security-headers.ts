import type { FastifyInstance } from 'fastify';
import { BASE_POLICY } from './csp.ts';

/** A script, style sheet or source map of the web build found under `/assets/` (apps/server/src/platform/http/web-app.ts). */
function isBuiltAsset(url: string, status: number): boolean {
  return status === 200 && url.startsWith('/assets/') && /\.(js|css|map)$/.test(url.split('?')[0] ?? '');
}

/**
 * Strict browser policy on every answer but the build's scripts and styles; API answers are never
 * cached. HTML documents the server writes set their own policy, with their nonce (csp.ts).
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    // The build's hashed scripts and styles (40-80 per page on a phone's first load, #9 item 7)
    // get only what applies to them: the policies below govern documents (and workers, which
    // the app has none of), so on an asset they are bytes on the wire and nothing else.
    if (isBuiltAsset(request.url, reply.statusCode)) return payload;
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', BASE_POLICY);
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=()');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
    // API answers are never cached, unless the route said otherwise (branding images: immutable, named by their hash).
    if (request.url.startsWith('/api/v1') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
