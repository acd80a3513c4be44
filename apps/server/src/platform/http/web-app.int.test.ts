import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';

// A build output as apps/web/build/precompress.ts leaves it: each text file with its brotli
// and gzip siblings, made here from distinct bodies so the test can tell which one was sent.
const SCRIPT = `export const answer = ${JSON.stringify('x'.repeat(4000))};\n`;
const INDEX = '<!doctype html><html><head><title>Porta</title></head><body><div id="root"></div></body></html>\n';
const ICON = '<svg xmlns="http://www.w3.org/2000/svg"></svg>\n';

function writeBuild(dir: string): void {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  const files: Record<string, string> = { 'index.html': INDEX, 'assets/index-Ab12Cd34.js': SCRIPT, 'favicon.svg': ICON };
  for (const [name, body] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    if (name === 'favicon.svg') continue; // too small to be worth compressing: sent as it is
    fs.writeFileSync(`${file}.br`, zlib.brotliCompressSync(body));
    fs.writeFileSync(`${file}.gz`, zlib.gzipSync(body));
  }
}

describe('web app serving: precompressed assets, caching, 404s (#9 item 7)', () => {
  let node: TestApp & { close(): Promise<void> };
  let dist: string;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-web-dist-'));
    writeBuild(dist);
    node = await createTestApp({ env: { PORTA_WEB_DIST: dist } });
  });
  afterAll(async () => {
    await node?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (url: string, acceptEncoding?: string) =>
    node.app.inject({ method: 'GET', url, headers: { host: 'localhost', ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) } });

  it('sends brotli to a browser that accepts it, immutable, with Vary: Accept-Encoding', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip, deflate, br, zstd');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(SCRIPT);
    expect(res.rawPayload.length).toBeLessThan(SCRIPT.length / 4);
  });

  it('sends gzip to a client that accepts only gzip', async () => {
    const res = await get('/assets/index-Ab12Cd34.js', 'gzip');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(res.rawPayload).toString()).toBe(SCRIPT);
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
  });

  it('sends the plain file to a client that accepts no encoding, still varying on it', async () => {
    for (const acceptEncoding of [undefined, 'identity']) {
      const res = await get('/assets/index-Ab12Cd34.js', acceptEncoding);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.body).toBe(SCRIPT);
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
  });

  /** INDEX as a page is sent: the nonce its policy names in `<meta property="csp-nonce">`. */
  const withMeta = (policy: unknown) => {
    const nonce = /'nonce-([^']+)'/.exec(String(policy))?.[1] ?? 'none';
    return INDEX.replace('<head>', `<head>\n    <meta property="csp-nonce" nonce="${nonce}">`);
  };

  it('answers deep links with index.html, never stored, compressed when accepted', async () => {
    for (const url of ['/', '/console/tickets', '/tickets/42?tab=comments']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      // Never stored: each answer carries a CSP nonce of its own (csp.ts).
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['content-encoding']).toBe('br');
      expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
      expect(zlib.brotliDecompressSync(res.rawPayload).toString()).toBe(withMeta(res.headers['content-security-policy']));
    }
    const plain = await get('/portal-page-without-encoding');
    expect(plain.body).toBe(withMeta(plain.headers['content-security-policy']));
  });

  it('serves files outside /assets/ (not hashed) with no-cache, and uncompressed when no sibling exists', async () => {
    const res = await get('/favicon.svg', 'br, gzip');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.body).toBe(ICON);
  });

  it('answers a missing asset with 404, never with index.html', async () => {
    for (const url of ['/assets/index-Gone0000.js', '/assets/style-Gone0000.css', '/assets/']) {
      const res = await get(url, 'br, gzip');
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    }
  });

  it('keeps API 404s as JSON errors', async () => {
    const res = await get('/api/v1/no-such-route', 'br');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
