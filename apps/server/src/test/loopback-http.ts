import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface LoopbackAnswer {
  status: number;
  contentType: string;
  body: string;
}

/**
 * GETs an absolute URL from a server on this machine, over real HTTP. Names under `localhost`
 * (`localhost`, `acme.localhost`) are reached on 127.0.0.1 with the URL's host in the Host
 * header, as browsers resolve them to loopback; any other name is refused, so a link to
 * somewhere else fails the test instead of leaving the machine.
 */
export function getOverLoopback(address: string): Promise<LoopbackAnswer> {
  const url = new URL(address);
  if (url.protocol !== 'http:') return Promise.reject(new Error(`Not an http: link: ${address}`));
  if (url.hostname !== 'localhost' && !url.hostname.endsWith('.localhost')) return Promise.reject(new Error(`Not a loopback name: ${address}`));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(url.port || 80), path: `${url.pathname}${url.search}`, method: 'GET', headers: { host: url.host, accept: 'text/html,application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A TCP port free on 127.0.0.1 right now (the server that needs it is configured with it before it listens). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The marker in the stand-in web build's `index.html`. */
export const SPA_MARKER = '<div id="root" data-test="porta-spa-index"></div>';

/** A stand-in web build (just `index.html`) so page links answer with the SPA index; removed by `remove`. */
export function makeWebDist(): { dir: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-test-web-'));
  fs.writeFileSync(path.join(dir, 'index.html'), `<!doctype html><html><head><title>Porta</title></head><body>${SPA_MARKER}</body></html>\n`);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
