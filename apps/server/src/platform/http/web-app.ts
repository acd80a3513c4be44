import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { translate } from '@porta/i18n/translate';
import type { TenantResolver } from '../tenancy/tenant-resolver.ts';
import { noPortalPage } from './no-portal-page.ts';

/** `apps/web/dist`, found from both `apps/server/src` and the bundled `apps/server/dist`. */
export function defaultWebDist(): string {
  return fileURLToPath(new URL('../../web/dist', import.meta.url.replace(/\/(src|dist)\/.*$/, '/$1/x')));
}

/**
 * Serves the single-page app: files from the build, and `index.html` for any other GET
 * outside `/api`, so deep links (`/tickets/42`, `/console/contacts/7`) load the app. On a host
 * that names no tenant while tenants exist (no default tenant: `porta tenant default none`),
 * pages get a neutral "no portal here" page instead (404); with no tenant at all the app
 * loads, for first-run setup.
 */
export async function registerWebApp(app: FastifyInstance, webDist: string, tenants: TenantResolver): Promise<void> {
  const indexFile = path.join(webDist, 'index.html');
  const built = fs.existsSync(indexFile);
  if (built) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      index: false,
      setHeaders(res, file) {
        res.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  const indexHtml = built ? fs.readFileSync(indexFile, 'utf8') : null;
  app.setNotFoundHandler(async (request, reply) => {
    const isPage = request.method === 'GET' && !request.url.startsWith('/api') && !request.url.startsWith('/healthz');
    if (isPage && !(await tenants.resolve(request.headers.host)) && (await tenants.tenantCount()) > 0) {
      return reply.status(404).type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(noPortalPage(request.lang));
    }
    if (isPage && indexHtml) return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(indexHtml);
    if (isPage) return reply.type('text/plain; charset=utf-8').status(503).send('The web app is not built yet: run `npm run build` (npm start does it for you).');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: translate(request.lang, 'errors', 'NOT_FOUND') } });
  });
}
