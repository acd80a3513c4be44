import { portalSettingsPatchSchema, portalSettingsSchema } from '@porta/contracts/portal-settings';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { getPortalSettings, updatePortalSettings } from './portal-settings.service.ts';

const admin = { access: 'admin' } as const;
const tags = ['settings'];

/** T-2, T-3, T-4, T-6: what the portal shows, to whom. */
export function portalSettingsRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/settings/portal', { config: admin, schema: { tags, response: { 200: portalSettingsSchema } } }, async (req) =>
    getPortalSettings(ctx, technicianOf(req).tenantId),
  );
  app.patch('/api/v1/settings/portal', { config: admin, schema: { tags, body: portalSettingsPatchSchema, response: { 200: portalSettingsSchema } } }, async (req) =>
    updatePortalSettings(ctx, technicianOf(req).tenantId, req.body),
  );
}
