import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDefaultTenant } from '../../features/tenants/default-tenant.service.ts';
import { expectStatus } from '../../test/assertions.ts';
import { mintSession } from '../../test/client.ts';
import { type RunningDatabase, startIsolatedDatabase } from '../../test/database.ts';
import { makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp } from '../../test/harness.ts';

// Issue 15 item 7: a Content-Security-Policy without 'unsafe-inline' on every page of both
// apps. A build as Vite leaves it (module script, preloads, style sheet); the tenant has a
// brand colour, so pages carry #porta-brand and the sign-in shell a colour rule. The "no
// portal here" page needs an install without a default tenant: a database of its own.
const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <title>Porta</title>
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/vendor-Vv1234.js">
    <link rel="stylesheet" crossorigin href="/assets/index-Cs5678Ef.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

interface Document {
  status: number;
  policy: string;
  cacheControl: string | undefined;
  /** Every element's name and attributes, in document order, as an HTML parser reads them. */
  elements: { name: string; attributes: Record<string, string> }[];
}

function parse(html: string): Document['elements'] {
  const elements: Document['elements'] = [];
  const parser = new Parser({ onopentag: (name, attributes) => elements.push({ name, attributes }) }, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  parser.write(html);
  parser.end();
  return elements;
}

/** The policy's directives by name, each with its sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

/** Checks one HTML document answer and returns its nonce. */
function expectNoncedDocument(doc: Document, what: string): string {
  expect(doc.policy, what).not.toContain('unsafe-inline');
  expect(doc.policy, what).not.toContain('unsafe-eval');
  const d = directives(doc.policy);
  expect(d.get('script-src'), what).toEqual(["'self'"]);
  const styles = d.get('style-src') ?? [];
  const nonces = styles.filter((s) => s.startsWith("'nonce-")).map((s) => s.slice(7, -1));
  expect(nonces, what).toHaveLength(1);
  expect(styles, what).toEqual(["'self'", `'nonce-${nonces[0]}'`]);
  const nonce = nonces[0] ?? '';
  // Base64 of at least 128 random bits.
  expect(nonce, what).toMatch(/^[A-Za-z0-9+/]+={0,2}$/);
  expect(Buffer.from(nonce, 'base64').length, what).toBeGreaterThanOrEqual(16);
  // Each document has its nonce: no cache may keep one.
  expect(doc.cacheControl, what).toBe('no-store');
  // Every <style> and <script> carries the nonce; the app finds it in <meta property="csp-nonce">.
  const tagged = doc.elements.filter((e) => e.name === 'style' || e.name === 'script');
  expect(tagged.length, what).toBeGreaterThan(0);
  for (const element of tagged) expect(element.attributes.nonce, `${what}: <${element.name}>`).toBe(nonce);
  expect(doc.elements.filter((e) => e.name === 'meta' && e.attributes.property === 'csp-nonce').map((e) => e.attributes.nonce), what).toEqual([nonce]);
  // No style attribute anywhere in what the server wrote: the policy would refuse it.
  expect(doc.elements.filter((e) => 'style' in e.attributes).map((e) => e.name), what).toEqual([]);
  return nonce;
}

describe('Content-Security-Policy without unsafe-inline (issue 15 item 7)', () => {
  let db: RunningDatabase;
  let node: TestApp & { close(): Promise<void> };
  let dist: string;
  let fx: TenantFixture;

  beforeAll(async () => {
    db = await startIsolatedDatabase(sharedDatabase());
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-web-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
    fs.writeFileSync(path.join(dist, 'assets/index-Ab12Cd34.js'), 'export {};\n');
    fs.writeFileSync(path.join(dist, 'assets/locale-en-Zzen9876.js'), 'export default {};\n');
    node = await createTestApp({ database: db.info, env: { PORTA_WEB_DIST: dist } });
    fx = await makeTenant(node.ctx, { name: 'Acme IT' });
    const admin = await mintSession(node.app, node.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    expectStatus(await admin.patch('/api/v1/settings/branding', { primaryColor: '#1c3d6e' }), 200);
  });
  afterAll(async () => {
    await node?.close();
    await db?.stop();
    if (dist) fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = async (url: string, host = fx.host, headers: Record<string, string> = {}): Promise<Document & { html: string }> => {
    const res = await node.app.inject({ method: 'GET', url, headers: { host, 'accept-language': 'en', ...headers } });
    const encoding = res.headers['content-encoding'];
    const html = encoding === 'br' ? zlib.brotliDecompressSync(res.rawPayload).toString() : encoding === 'gzip' ? zlib.gunzipSync(res.rawPayload).toString() : res.body;
    const cacheControl = res.headers['cache-control'];
    return { status: res.statusCode, policy: String(res.headers['content-security-policy'] ?? ''), cacheControl: cacheControl === undefined ? undefined : String(cacheControl), elements: parse(html), html };
  };

  const PAGES = ['/', '/login', '/tickets/42', '/kb/some-article?q=x', '/console', '/console/login', '/console/settings/branding', '/no-such-page'];

  it('every page of the portal and the console: a nonce of its own on each <style> and <script>, no style attribute', async () => {
    const seen = new Set<string>();
    for (const url of PAGES) {
      for (const encoding of ['br', 'identity']) {
        const doc = await get(url, fx.host, { 'accept-encoding': encoding });
        expect(doc.status, url).toBe(200);
        const nonce = expectNoncedDocument(doc, `${url} (${encoding})`);
        expect(seen.has(nonce), `${url}: a nonce used before`).toBe(false);
        seen.add(nonce);
        // The brand block is there on every page, nonced like the rest.
        expect(doc.elements.some((e) => e.name === 'script' && e.attributes.id === 'porta-brand'), url).toBe(true);
      }
    }
    expect(seen.size).toBe(PAGES.length * 2);
  });

  it("the server-written sign-in: its styles in a nonced <style> (the brand's colour too), its data blocks nonced", async () => {
    const doc = await get('/login');
    const nonce = expectNoncedDocument(doc, '/login');
    expect(doc.html).toContain('id="porta-shell"');
    expect(doc.elements.filter((e) => e.name === 'style')).toHaveLength(1);
    expect(doc.html).toContain(`<style nonce="${nonce}">body{margin:0}`);
    expect(doc.html).toContain('.shell{--shell-primary:#1c3d6e}</style>');
    expect(doc.elements.filter((e) => e.name === 'script').map((e) => e.attributes.id ?? e.attributes.src)).toEqual(['/assets/index-Ab12Cd34.js', 'porta-brand', 'porta-boot']);
  });

  it('the same page asked twice gets two nonces', async () => {
    const first = expectNoncedDocument(await get('/console'), 'first');
    const second = expectNoncedDocument(await get('/console'), 'second');
    expect(first).not.toBe(second);
  });

  it('the "no portal here" page (404 on a host naming no tenant) is nonced the same way', async () => {
    await setDefaultTenant(node.ctx, 'none');
    const nonces = new Set<string>();
    for (const url of ['/', '/console', '/tickets/42']) {
      const doc = await get(url, 'localhost:3000', { 'accept-encoding': 'gzip' });
      expect(doc.status, url).toBe(404);
      expect(doc.html).toContain('<main>');
      expect(doc.elements.filter((e) => e.name === 'style'), url).toHaveLength(1);
      nonces.add(expectNoncedDocument(doc, url));
    }
    expect(nonces.size).toBe(3);
  });

  it("answers that are not the server's HTML keep a policy without unsafe-inline and without a nonce", async () => {
    for (const url of ['/api/v1/tenant', '/api/v1/no-such-route', '/assets/gone-0000.js', '/api/openapi.json']) {
      const res = await node.app.inject({ method: 'GET', url, headers: { host: fx.host } });
      const policy = String(res.headers['content-security-policy'] ?? '');
      expect(directives(policy).get('style-src'), url).toEqual(["'self'"]);
      expect(directives(policy).get('script-src'), url).toEqual(["'self'"]);
      expect(policy, url).not.toContain('unsafe-inline');
    }
    // The API reference (Swagger UI) sends its own policy, with hashes of its inline code.
    const docs = await node.app.inject({ method: 'GET', url: '/api/docs/', headers: { host: fx.host } });
    expect(docs.statusCode).toBe(200);
    expect(String(docs.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });
});
