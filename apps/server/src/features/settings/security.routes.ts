import { securitySettingsPatchSchema, securitySettingsSchema } from '@porta/contracts/auth';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { AppError } from '../../platform/errors.ts';
import { findTenant, updateTenantSecurity } from '../tenants/tenants.repo.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';

const admin = { access: 'admin' } as const;
const tags = ['settings'];

/** an admin can require an authenticator app from every technician of the tenant. */
export function securitySettingsRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/settings/security', { config: admin, schema: { tags, response: { 200: securitySettingsSchema } } }, async (req) => {
    const tenant = await findTenant(ctx.db, technicianOf(req).tenantId);
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    return { requireTotp: tenant.require_totp };
  });

  app.patch('/api/v1/settings/security', { config: admin, schema: { tags, body: securitySettingsPatchSchema, response: { 200: securitySettingsSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    const row = await updateTenantSecurity(ctx.db, tenantId, req.body.requireTotp);
    await sessionsChanged(ctx, tenantId, null);
    return { requireTotp: row.require_totp };
  });
}
