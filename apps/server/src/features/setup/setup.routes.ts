import { techSessionSchema } from '@porta/contracts/auth';
import { setupBodySchema, setupStatusSchema } from '@porta/contracts/setup';
import type { AppContext } from '../../platform/context.ts';
import { startSession } from '../../platform/auth/sign-in.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import type { TenantResolver } from '../../platform/tenancy/tenant-resolver.ts';
import { presentTechnicianUser } from '../auth/auth.presenter.ts';
import { completeSetup, setupNeeded } from './setup.service.ts';

const open = { access: 'public', tenant: false } as const;
const tags = ['setup'];

export function setupRoutes(app: ZodApp, ctx: AppContext, tenants: TenantResolver): void {
  app.get('/api/v1/setup/status', { config: open, schema: { tags, response: { 200: setupStatusSchema } } }, async () => ({
    needed: await setupNeeded(ctx),
  }));

  app.post('/api/v1/setup', { config: open, schema: { tags, body: setupBodySchema, response: { 201: techSessionSchema } } }, async (req, reply) => {
    const { tenant, admin } = await completeSetup(ctx, req.body);
    tenants.invalidate();
    const { csrfToken } = await startSession(ctx, req, reply, tenant.id, 'technician', admin.id);
    const resolved = { id: tenant.id, slug: tenant.slug, name: tenant.name, defaultLanguage: tenant.default_language };
    const user = presentTechnicianUser(
      { id: admin.id, name: admin.name, email: admin.email, isAdmin: true, language: admin.language, totpEnabled: false },
      resolved,
      tenant.require_totp,
    );
    return reply.status(201).send({ user, csrfToken });
  });
}
