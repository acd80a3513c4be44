import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Branding } from '@porta/contracts/branding';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { makeTechnician, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { b64, icoOf, JPEG_HEAD, solidPng, WEBP_HEAD } from '../../test/images.ts';
import { tenantUrl } from '../../platform/tenancy/tenant-address.ts';
import { readBranding } from './branding.repo.ts';

// A build as Vite leaves it, so that pages (and the sign-in shell) are served.
const INDEX = `<!doctype html>
<html lang="en">
  <head>
    <link rel="icon" type="image/svg+xml" href="/favicon.svg" />
    <title>Porta</title>
    <script type="module" crossorigin src="/assets/index-Ab12Cd34.js"></script>
    <link rel="stylesheet" crossorigin href="/assets/index-Cs5678Ef.css">
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

const LOGO = solidPng(8, 8, [28, 61, 110]);

describe('branding (D-1, D-4)', () => {
  let node: TestApp & { close(): Promise<void> };
  let dist: string;
  let fx: TenantFixture;
  let admin: Client;

  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-web-dist-'));
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), INDEX);
    node = await createTestApp({ env: { PORTA_WEB_DIST: dist } });
    fx = await makeTenant(node.ctx, { name: 'Acme IT' });
    admin = await mintSession(node.app, node.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  });
  afterAll(async () => {
    await node?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const upload = (kind: 'logo' | 'favicon', bytes: Buffer | string, lang = 'en') => admin.request('PUT', `/api/v1/settings/branding/${kind}`, { body: { data: b64(bytes) }, headers: { 'accept-language': lang } });
  const page = (url: string, host = fx.host) => node.app.inject({ method: 'GET', url, headers: { host, 'accept-language': 'it' } });

  it('shows the generated portal address (the one tenant-address builds) and no branding by default', async () => {
    const res = await admin.get('/api/v1/settings/branding');
    expectStatus(res, 200);
    expect(res.json<Branding>()).toEqual({ portalAddress: await tenantUrl(node.ctx, fx.tenant), portalName: null, primaryColor: null, logoUrl: null, faviconUrl: null });
    // A tenant that is not the install's default: its generated host.
    const other = await makeTenant(node.ctx);
    const otherAdmin = await mintSession(node.app, node.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
    const address = (await otherAdmin.get('/api/v1/settings/branding')).json<Branding>().portalAddress;
    expect(address).toBe(await tenantUrl(node.ctx, other.tenant));
    expect(address).toMatch(new RegExp(`^http://${other.tenant.slug}\\.`));
  });

  it('the console answers on the same host under /console', async () => {
    const res = await page('/console/login');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('<div id="root"></div>');
  });

  describe('primary colour: white text on it must reach 4.5:1', () => {
    it('#767676 (4.54:1) is accepted, #777777 (4.47:1) refused with the measured ratio, localised', async () => {
      const ok = await admin.patch('/api/v1/settings/branding', { primaryColor: '#767676' });
      expectStatus(ok, 200);
      expect(ok.json<Branding>().primaryColor).toBe('#767676');
      const refused = expectError(await admin.patch('/api/v1/settings/branding', { primaryColor: '#777777' }), 400, 'BRANDING_COLOR_CONTRAST');
      expect(refused.message).toContain('4.47:1');
      const fr = expectError(await admin.patch('/api/v1/settings/branding', { primaryColor: '#FFFF00' }, { 'accept-language': 'fr' }), 400, 'BRANDING_COLOR_CONTRAST');
      expect(fr.message).toContain('1.07:1');
      expect(fr.message).toContain('contraste');
      expect((await readBranding(node.ctx.db, fx.tenant.id))?.primaryColor).toBe('#767676');
    });

    it('refuses what is not #rrggbb, and a refused patch writes nothing (not even its valid name)', async () => {
      expectError(await admin.patch('/api/v1/settings/branding', { primaryColor: 'red' }), 400, 'VALIDATION_FAILED');
      expectError(await admin.patch('/api/v1/settings/branding', { portalName: 'Half written', primaryColor: '#ffffff' }), 400, 'BRANDING_COLOR_CONTRAST');
      expect((await readBranding(node.ctx.db, fx.tenant.id))?.portalName).toBeNull();
    });
  });

  describe('images: the type comes from the bytes', () => {
    it('a PNG (whatever it was called) is stored as image/png and served immutable with nosniff', async () => {
      const res = await upload('logo', LOGO);
      expectStatus(res, 200);
      const url = res.json<Branding>().logoUrl;
      expect(url).toMatch(/^\/api\/v1\/branding\/logo\/[0-9a-f]{32}$/);
      const img = await page(url ?? '');
      expect(img.statusCode).toBe(200);
      expect(img.headers['content-type']).toBe('image/png');
      expect(img.headers['x-content-type-options']).toBe('nosniff');
      expect(img.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(img.rawPayload.equals(LOGO)).toBe(true);
      const etag = String(img.headers.etag);
      const again = await node.app.inject({ method: 'GET', url: url ?? '', headers: { host: fx.host, 'if-none-match': etag } });
      expect(again.statusCode).toBe(304);
    });

    it('JPEG and WebP logos are accepted with their sniffed type; an ICO or PNG favicon too', async () => {
      for (const [bytes, type] of [[JPEG_HEAD, 'image/jpeg'], [WEBP_HEAD, 'image/webp']] as const) {
        const url = (await upload('logo', bytes)).json<Branding>().logoUrl ?? '';
        expect((await page(url)).headers['content-type']).toBe(type);
      }
      const ico = (await upload('favicon', icoOf(solidPng(16, 16, [200, 0, 0])))).json<Branding>().faviconUrl ?? '';
      expect((await page(ico)).headers['content-type']).toBe('image/x-icon');
      expectStatus(await upload('logo', LOGO), 200);
    });

    it('refuses an SVG (even one named .png), HTML, a polyglot, an empty file and one too large; nothing changes', async () => {
      const before = await readBranding(node.ctx.db, fx.tenant.id);
      const svg = expectError(await upload('logo', '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', 'it'), 415, 'BRANDING_IMAGE_SVG');
      expect(svg.message).toContain('SVG');
      expectError(await upload('logo', '<!doctype html><html><body><script>alert(1)</script></body></html>'), 415, 'BRANDING_IMAGE_TYPE');
      // HTML that carries a PNG's bytes further in: the signature must be at the start.
      expectError(await upload('logo', Buffer.concat([Buffer.from('<html><script>alert(1)</script>'), LOGO])), 415, 'BRANDING_IMAGE_TYPE');
      // A PNG signature without its header chunk is not a PNG.
      expectError(await upload('logo', Buffer.concat([LOGO.subarray(0, 8), Buffer.from('<script>alert(1)</script>')])), 415, 'BRANDING_IMAGE_TYPE');
      const typed = expectError(await upload('favicon', JPEG_HEAD), 415, 'BRANDING_IMAGE_TYPE');
      expect(typed.message).toContain('PNG, ICO');
      expectError(await upload('logo', Buffer.alloc(0)), 400, 'BRANDING_IMAGE_EMPTY');
      const big = expectError(await upload('logo', Buffer.concat([LOGO, Buffer.alloc(512 * 1024)])), 413, 'BRANDING_IMAGE_TOO_LARGE');
      expect(big.message).toContain('512');
      expect(await readBranding(node.ctx.db, fx.tenant.id)).toEqual(before);
    });

    it("another tenant's host answers 404 for this tenant's image URL", async () => {
      const other = await makeTenant(node.ctx);
      const url = (await admin.get('/api/v1/settings/branding')).json<Branding>().logoUrl ?? '';
      expect((await page(url)).statusCode).toBe(200);
      const res = await page(url, other.host);
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/json/);
      expect((await page(url.replace(/.$/, (c) => (c === '0' ? '1' : '0')))).statusCode).toBe(404);
    });

    it('removing the logo makes its URL a 404', async () => {
      const url = (await admin.get('/api/v1/settings/branding')).json<Branding>().logoUrl ?? '';
      expect((await admin.delete('/api/v1/settings/branding/logo')).json<Branding>().logoUrl).toBeNull();
      expect((await page(url)).statusCode).toBe(404);
      expectStatus(await upload('logo', LOGO), 200);
    });
  });

  it('a technician who is not an admin cannot change the branding', async () => {
    const tech = await makeTechnician(node.ctx, fx.tenant.id);
    const asTech = await mintSession(node.app, node.ctx, fx.host, fx.tenant.id, 'technician', tech.id);
    expectError(await asTech.patch('/api/v1/settings/branding', { portalName: 'Nope' }), 403, 'FORBIDDEN');
  });

  describe('pages carry the brand, live after saving', () => {
    beforeAll(async () => {
      expectStatus(await admin.patch('/api/v1/settings/branding', { portalName: 'Acme <Help> Desk', primaryColor: '#1c3d6e' }), 200);
    });

    it('every page: the name in the tab title, the favicon, and #porta-brand for the app', async () => {
      const b = (await admin.get('/api/v1/settings/branding')).json<Branding>();
      const res = await page('/tickets');
      expect(res.body).toContain('<title>Acme &lt;Help&gt; Desk</title>');
      expect(res.body).toContain(`<link rel="icon" href="${b.faviconUrl}">`);
      const json = /<script nonce="[^"]+" type="application\/json" id="porta-brand">([^<]*)<\/script>/.exec(res.body)?.[1] ?? '';
      expect(JSON.parse(json)).toEqual({ name: 'Acme <Help> Desk', primaryColor: '#1c3d6e', logoUrl: b.logoUrl, faviconUrl: b.faviconUrl });
    });

    it('the server-written sign-in shows the logo, the portal name and the colour', async () => {
      const b = (await admin.get('/api/v1/settings/branding')).json<Branding>();
      const res = await page('/login');
      expect(res.body).toContain(`<img class="shell-logo-img" src="${b.logoUrl}"`);
      expect(res.body).toContain('Acme &lt;Help&gt; Desk</span>');
      expect(res.body).toContain('.shell{--shell-primary:#1c3d6e}');
      expect(res.body).toMatch(/<title>[^<]+ · Acme &lt;Help&gt; Desk<\/title>/);
    });

    it('a change shows on the next page load; clearing it brings the tenant name back', async () => {
      expectStatus(await admin.patch('/api/v1/settings/branding', { portalName: null }), 200);
      const res = await page('/login');
      expect(res.body).toContain('Acme IT</span>');
      expect(res.body).toMatch(/<title>[^<]+ · Acme IT<\/title>/);
    });

    it("another tenant's pages show nothing of it", async () => {
      const other = await makeTenant(node.ctx, { name: 'Globex MSP' });
      const res = await page('/login', other.host);
      expect(res.body).not.toContain('<img class="shell-logo-img"');
      expect(res.body).not.toContain('#1c3d6e');
      expect(res.body).toContain('Globex MSP</span>');
    });
  });
});
