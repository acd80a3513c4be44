import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { startDocument, withNonce } from './csp.ts';

/** Encodings the client accepts with a non-zero weight (`br;q=0` refuses brotli). */
function accepted(header: string | string[] | undefined): Set<string> {
  const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
  const out = new Set<string>();
  for (const item of list) {
    const [name = '', ...params] = item.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) out.add(name);
  }
  return out;
}

/**
 * An HTML document the server wrote (index.html with what the server knows, the "no portal
 * here" page; a few kB): with a fresh CSP nonce on its `<style>` and `<script>` elements and in
 * its policy, never stored by caches (csp.ts), brotli when accepted, else gzip, else plain.
 */
export function sendHtmlDocument(request: FastifyRequest, reply: FastifyReply, html: string, status = 200): FastifyReply {
  const encodings = accepted(request.headers['accept-encoding']);
  const nonce = startDocument(reply);
  reply.code(status).type('text/html; charset=utf-8').header('vary', 'Accept-Encoding');
  const raw = Buffer.from(withNonce(html, nonce), 'utf8');
  if (encodings.has('br')) {
    return reply.header('content-encoding', 'br').send(zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
  }
  if (encodings.has('gzip')) return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(raw, { level: 6 }));
  return reply.send(raw);
}
