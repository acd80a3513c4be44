import type { FastifyInstance } from 'fastify';
import { requestLanguage } from '../i18n/request-language.ts';
import type { TenantResolver } from '../tenancy/tenant-resolver.ts';
import { noPortalPage } from './no-portal-page.ts';
import { sendHtmlDocument } from './send-compressed-html.ts';

/**
 * D-2: a custom domain that does not route (pending, failed after its grace period, removed)
 * answers the neutral "no portal here" page on every path, `/api` included: 421 Misdirected
 * Request, in the caller's Accept-Language, naming no tenant and loading no asset. Runs before
 * the guard, so nothing of the tenant (sign-in, branding, API errors) is ever reached.
 */
export function registerWithheldHosts(app: FastifyInstance, tenants: TenantResolver): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!(await tenants.withheld(request.headers.host))) return;
    return sendHtmlDocument(request, reply, noPortalPage(requestLanguage(request)), 421);
  });
}
