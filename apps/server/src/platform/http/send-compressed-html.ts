import zlib from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

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
 * A page built per request (index.html with what the server knows, a few kB): brotli when
 * accepted, else gzip, else plain; never stored by caches (`no-cache`: revalidated each use).
 */
export function sendCompressedHtml(request: FastifyRequest, reply: FastifyReply, html: string): FastifyReply {
  const encodings = accepted(request.headers['accept-encoding']);
  reply.code(200).type('text/html; charset=utf-8').header('cache-control', 'no-cache').header('vary', 'Accept-Encoding');
  const raw = Buffer.from(html, 'utf8');
  if (encodings.has('br')) {
    return reply.header('content-encoding', 'br').send(zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
  }
  if (encodings.has('gzip')) return reply.header('content-encoding', 'gzip').send(zlib.gzipSync(raw, { level: 6 }));
  return reply.send(html);
}
