import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

// #9 item 7: the portal sign-in's first paint comes with the HTML. A build as Vite leaves it
// (index.html with its script tags, a catalogue chunk per language); the tenant's name carries
// markup so that escaping is seen.
const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <title>Porta</title>
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-Cs5678Ef.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

function writeBuild(dir: string): void {
  fs.mkdirSync(path.join(dir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'index.html'), INDEX);
  fs.writeFileSync(path.join(dir, 'assets/index-Ab12Cd34.js'), 'export {};\n');
  for (const lang of ['en', 'fr', 'it']) fs.writeFileSync(path.join(dir, `assets/locale-${lang}-Zz${lang}9876.js`), `export default {};\n`);
}

describe('the portal sign-in page written by the server (#9 item 7)', () => {
  let node: TestApp & { close(): Promise<void> };
  let dist: string;
  let fx: TenantFixture;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-web-dist-'));
    writeBuild(dist);
    node = await createTestApp({ env: { PORTA_WEB_DIST: dist } });
    fx = await makeTenant(node.ctx, { name: `Acme <b>IT</b> & "Co"`, language: 'it' });
  });
  afterAll(async () => {
    await node?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const page = async (url: string, headers: Record<string, string> = {}) => {
    const res = await node.app.inject({ method: 'GET', url, headers: { host: fx.host, ...headers } });
    const encoding = res.headers['content-encoding'];
    const html = encoding === 'br' ? zlib.brotliDecompressSync(res.rawPayload).toString() : encoding === 'gzip' ? zlib.gunzipSync(res.rawPayload).toString() : res.body;
    return { res, html };
  };

  it("carries the localised heading, the tenant's escaped name and a form that cannot submit", async () => {
    const { res, html } = await page('/login', { 'accept-language': 'fr-CH, fr;q=0.9, en;q=0.5', 'accept-encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    // A fresh CSP nonce per document (csp.ts): such a page is never stored.
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-encoding']).toBe('br');
    expect(String(res.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(html).toContain('<html lang="fr"');
    expect(html).toContain('<h1 class="shell-title">Connexion</h1>');
    expect(html).toContain('Portail client de Acme &lt;b&gt;IT&lt;/b&gt; &amp; &quot;Co&quot;');
    expect(html).toContain('<title>Connexion · Acme &lt;b&gt;IT&lt;/b&gt; &amp; &quot;Co&quot;</title>');
    expect(html).not.toContain('<b>IT</b>');
    // The app's mount point stays, after the shell; the scripts are still there. The shell is
    // drawn by its inline styles; the app's style sheet follows it, so it holds back only #root.
    const [head = '', body = ''] = html.split('</head>');
    expect(head).toContain('src="/assets/index-Ab12Cd34.js"');
    expect(head).not.toContain('rel="stylesheet"');
    expect(body.indexOf('<style nonce="')).toBeLessThan(body.indexOf('id="porta-shell"'));
    expect(body.indexOf('id="porta-shell"')).toBeLessThan(body.indexOf('<link rel="stylesheet" crossorigin href="/assets/index-Cs5678Ef.css">'));
    expect(body.indexOf('href="/assets/index-Cs5678Ef.css"')).toBeLessThan(body.indexOf('<div id="root"></div>'));
    // Nothing typed can leave the page before the app has taken over.
    const form = /<form[^>]*>/.exec(html)?.[0] ?? '';
    expect(form).not.toMatch(/action=|method=/);
    expect(html).not.toMatch(/<input[^>]* name=/);
    expect(html.match(/<button [^>]*>/g)?.every((b) => b.includes('type="button"') && b.includes(' disabled'))).toBe(true);
    // The boot block names the tenant as GET /api/v1/tenant would; its JSON cannot end the script early.
    const boot = /<script nonce="[^"]+" type="application\/json" id="porta-boot">(.*?)<\/script>/.exec(html)?.[1] ?? '';
    expect(boot).not.toContain('<');
    expect(JSON.parse(boot)).toEqual({ lang: 'fr', tenant: { name: `Acme <b>IT</b> & "Co"`, slug: fx.tenant.slug, defaultLanguage: 'it' } });
    // The catalogue of the page's language is preloaded, no other.
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/locale-fr-Zzfr9876.js">');
    expect(html).not.toContain('locale-en-');
  });

  it("follows the picker's cookie over the browser's languages, and the browser's over English", async () => {
    const chosen = await page('/login', { 'accept-language': 'fr', cookie: 'porta_lang=it' });
    expect(chosen.html).toContain('<h1 class="shell-title">Accedi</h1>');
    expect(chosen.html).toContain('locale-it-Zzit9876.js');
    const bogus = await page('/login', { 'accept-language': 'fr', cookie: 'porta_lang=xx' });
    expect(bogus.html).toContain('<html lang="fr"');
    const none = await page('/login', { 'accept-language': 'ja' });
    expect(none.res.headers['content-encoding']).toBeUndefined();
    expect(none.html).toContain('<h1 class="shell-title">Sign in</h1>');
  });

  it('is only the portal sign-in: other pages get index.html with the preload alone', async () => {
    for (const url of ['/', '/console/login', '/tickets/42', '/login-help']) {
      const { res, html } = await page(url, { 'accept-language': 'en' });
      expect(res.statusCode, url).toBe(200);
      expect(html, url).not.toContain('porta-shell');
      const nonce = /'nonce-([^']+)'/.exec(String(res.headers['content-security-policy']))?.[1];
      const expected = INDEX.replace('</head>', '  <link rel="modulepreload" crossorigin href="/assets/locale-en-Zzen9876.js">\n  </head>')
        .replace('<head>', `<head>\n    <meta property="csp-nonce" nonce="${nonce}">`)
        .replace('<script ', `<script nonce="${nonce}" `);
      expect(html, url).toBe(expected);
    }
  });

  it('sends hashed scripts with nosniff but without the document-only policies; pages keep them all', async () => {
    const asset = await node.app.inject({ method: 'GET', url: '/assets/index-Ab12Cd34.js', headers: { host: fx.host } });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['x-content-type-options']).toBe('nosniff');
    for (const header of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'permissions-policy', 'cross-origin-opener-policy']) {
      expect(asset.headers[header], header).toBeUndefined();
    }
    const { res } = await page('/login');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    const missing = await node.app.inject({ method: 'GET', url: '/assets/gone-0000.js', headers: { host: fx.host } });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'");
  });
});
