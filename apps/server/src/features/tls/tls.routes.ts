import { tlsAllowedQuerySchema, tlsAllowedSchema, tlsStatusSchema } from '@porta/contracts/tls';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { isServedHost, noCustomDomains, type CustomDomainSource } from './hosts-to-certify.ts';
import { tenantTlsStatus } from './tls.service.ts';

/**
 * D-3. `allowed` is for a reverse proxy's on-demand TLS (Caddy's `ask`): it reaches Porta on
 * whatever internal address, so it needs no tenant, and answers yes or 404 only.
 */
export function tlsRoutes(app: ZodApp, ctx: AppContext, customDomains: CustomDomainSource = noCustomDomains): void {
  app.get(
    '/api/v1/tls/allowed',
    { config: { access: 'public', tenant: false }, schema: { tags: ['tls'], querystring: tlsAllowedQuerySchema, response: { 200: tlsAllowedSchema } } },
    async (req) => {
      if (!(await isServedHost(ctx, req.query.domain, customDomains))) throw new AppError('NOT_FOUND');
      return { allowed: true as const };
    },
  );
  app.get('/api/v1/settings/tls', { config: { access: 'admin' }, schema: { tags: ['settings'], response: { 200: tlsStatusSchema } } }, async (req) =>
    tenantTlsStatus(ctx, technicianOf(req).tenantId, customDomains),
  );
}
