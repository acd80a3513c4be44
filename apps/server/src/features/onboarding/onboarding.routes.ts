import { onboardingSchema } from '@porta/contracts/onboarding';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import * as service from './onboarding.service.ts';

const tech = { access: 'technician' } as const;
const tags = ['onboarding'];

/** Issue 9 item 5: the console home's first-run checklist. */
export function onboardingRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/onboarding', { config: tech, schema: { tags, response: { 200: onboardingSchema } } }, async (req) =>
    service.getOnboarding(ctx, technicianOf(req).tenantId),
  );

  app.post('/api/v1/onboarding/portal-address', { config: tech, schema: { tags, response: { 200: onboardingSchema } } }, async (req) =>
    service.sharePortalAddress(ctx, technicianOf(req).tenantId),
  );
}
