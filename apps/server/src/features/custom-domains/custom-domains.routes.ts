import { idParamsSchema, okSchema } from '@porta/contracts/common';
import { customDomainCreateSchema, customDomainListSchema, customDomainSchema } from '@porta/contracts/custom-domains';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { addCustomDomain, checkCustomDomain, listCustomDomains, removeCustomDomain } from './custom-domains.service.ts';

const admin = { access: 'admin' } as const;
const tags = ['settings'];
const base = '/api/v1/settings/portal/domains';

/** D-2: Admin > Customer portal > Custom domain. Admins only: the domain decides where the portal answers. */
export function customDomainRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(base, { config: admin, schema: { tags, response: { 200: customDomainListSchema } } }, async (req) => listCustomDomains(ctx, technicianOf(req).tenantId));

  app.post(base, { config: admin, schema: { tags, body: customDomainCreateSchema, response: { 200: customDomainSchema } } }, async (req) =>
    addCustomDomain(ctx, technicianOf(req).tenantId, req.body.name),
  );

  app.post(`${base}/:id/check`, { config: admin, schema: { tags, params: idParamsSchema, response: { 200: customDomainSchema } } }, async (req) =>
    checkCustomDomain(ctx, technicianOf(req).tenantId, req.params.id),
  );

  app.delete(`${base}/:id`, { config: admin, schema: { tags, params: idParamsSchema, response: { 200: okSchema } } }, async (req) => {
    await removeCustomDomain(ctx, technicianOf(req).tenantId, req.params.id);
    return { ok: true as const };
  });
}
