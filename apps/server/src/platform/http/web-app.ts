import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { PageBrand } from '@porta/contracts/branding';
import type { FastifyInstance } from 'fastify';
import { translate } from '@porta/i18n/translate';
import type { ResolvedTenant } from '../auth/principal.ts';
import type { TenantResolver } from '../tenancy/tenant-resolver.ts';
import { noPortalPage } from './no-portal-page.ts';
import { sendHtmlDocument } from './send-compressed-html.ts';
import { appPage, catalogueChunks } from './app-page.ts';

/** `apps/web/dist`, found from both `apps/server/src` and the bundled `apps/server/dist`. */
export function defaultWebDist(): string {
  return fileURLToPath(new URL('../../web/dist', import.meta.url.replace(/\/(src|dist)\/.*$/, '/$1/x')));
}

/** Hashed build output: its name changes with its content, so it is cached for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Serves the single-page app: files from the build, and `index.html` for any other GET
 * outside `/api`, so deep links (`/tickets/42`, `/console/contacts/7`) load the app. On a host
 * that names no tenant while tenants exist (no default tenant: `porta tenant default none`),
 * pages get a neutral "no portal here" page instead (404); with no tenant at all the app
 * loads, for first-run setup.
 * The build writes brotli and gzip siblings of each text file (`apps/web/build/precompress.ts`);
 * they are sent by content negotiation (`Accept-Encoding`, with `Vary: Accept-Encoding`).
 * `index.html` is sent from memory with a preload of the page language's catalogue chunk, and
 * on the portal sign-in with the server-written first paint (sign-in-shell.ts), compressed per
 * request (it is a few kB), with the tenant's brand (D-4: tab title, favicon, theme colour, logo)
 * and a CSP nonce of its own (csp.ts), never stored. Hashed files under `/assets/` are immutable;
 * everything else is revalidated on each use, so a new release is picked up at once. A missing `/assets/` file
 * is a 404, never `index.html` (a stale page asking for an old chunk must fail loudly, not
 * parse HTML as a script).
 */
/** A tenant's brand for its pages (features/branding); read on each page load, so a change shows on the next one. */
export type BrandOf = (tenant: ResolvedTenant) => Promise<PageBrand | null>;

export async function registerWebApp(app: FastifyInstance, webDist: string, tenants: TenantResolver, brandOf?: BrandOf): Promise<void> {
  const indexFile = path.join(webDist, 'index.html');
  const built = fs.existsSync(indexFile);
  const indexHtml = built ? fs.readFileSync(indexFile, 'utf8') : '';
  const catalogues = built ? catalogueChunks(webDist) : new Map<string, string>();
  if (built) {
    const assetsDir = `${path.sep}assets${path.sep}`;
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      preCompressed: true,
      setHeaders(res, file) {
        res.header('cache-control', file.includes(assetsDir) ? IMMUTABLE : 'no-cache');
      },
    });
  }
  app.setNotFoundHandler(async (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const isPage = request.method === 'GET' && !pathname.startsWith('/api') && !pathname.startsWith('/healthz') && !pathname.startsWith('/readyz') && !pathname.startsWith('/metrics') && !pathname.startsWith('/assets/');
    const tenant = isPage ? await tenants.resolve(request.headers.host) : null;
    if (isPage && !tenant && (await tenants.tenantCount()) > 0) {
      return sendHtmlDocument(request, reply, noPortalPage(request.lang), 404);
    }
    if (isPage && built) {
      const brand = tenant && brandOf ? await brandOf(tenant) : null;
      return sendHtmlDocument(request, reply, appPage(indexHtml, { request, pathname, tenant, brand, catalogues }));
    }
    if (isPage) return reply.type('text/plain; charset=utf-8').status(503).send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: translate(request.lang, 'errors', 'NOT_FOUND') } });
  });
}
