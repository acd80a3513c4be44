import {
  changePasswordBodySchema,
  logoutBodySchema,
  techLoginBodySchema,
  techSessionSchema,
  totpDisableBodySchema,
  totpEnableBodySchema,
  totpEnableResultSchema,
  totpSetupSchema,
} from '@porta/contracts/auth';
import { okSchema } from '@porta/contracts/common';
import { meUpdateSchema } from '@porta/contracts/technicians';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import { currentCsrfToken, endSession, startSession } from '../../platform/auth/sign-in.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { findTenant } from '../tenants/tenants.repo.ts';
import { updateTechnician } from '../technicians/technicians.repo.ts';
import { presentTechnicianUser } from './auth.presenter.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';
import * as service from './auth.service.ts';

const tags = ['auth'];
/** Personal-account routes: a signed-in person, still reachable while TOTP enrolment is due. */
const personal = { access: 'technician', apiKey: false, duringTotpEnrolment: true } as const;

function meOf(ctx: AppContext, req: FastifyRequest) {
  const me = technicianOf(req);
  return { user: presentTechnicianUser(me, tenantOf(req), me.requireTotp), csrfToken: currentCsrfToken(ctx, req, 'technician') };
}

export function authRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/v1/auth/login',
    { config: { access: 'public' }, schema: { tags, body: techLoginBodySchema, response: { 200: techSessionSchema } } },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const tech = await service.loginTechnician(ctx, tenant.id, req.body, req.ip);
      const { csrfToken } = await startSession(ctx, req, reply, tenant.id, 'technician', tech.id);
      const requireTotp = (await findTenant(ctx.db, tenant.id))?.require_totp ?? false;
      const user = presentTechnicianUser(
        { id: tech.id, name: tech.name, email: tech.email, isAdmin: tech.is_admin, language: tech.language, totpEnabled: tech.totp_enabled_at !== null },
        tenant,
        requireTotp,
      );
      return { user, csrfToken };
    },
  );

  app.post('/api/v1/auth/logout', { config: personal, schema: { tags, body: logoutBodySchema, response: { 200: okSchema } } }, async (req, reply) => {
    await endSession(ctx, req, reply, 'technician', req.body?.everywhere ?? false);
    return { ok: true as const };
  });

  app.get('/api/v1/me', { config: { access: 'technician', duringTotpEnrolment: true }, schema: { tags, response: { 200: techSessionSchema } } }, async (req) => meOf(ctx, req));

  app.patch('/api/v1/me', { config: personal, schema: { tags, body: meUpdateSchema, response: { 200: techSessionSchema } } }, async (req) => {
    const me = technicianOf(req);
    const row = await updateTechnician(ctx.db, me.tenantId, me.id, {
      ...(req.body.name !== undefined && { name: req.body.name }),
      ...(req.body.language !== undefined && { language: req.body.language }),
    });
    if (row) Object.assign(me, { name: row.name, language: row.language });
    await sessionsChanged(ctx, me.tenantId, me.id);
    return meOf(ctx, req);
  });

  app.post('/api/v1/me/password', { config: personal, schema: { tags, body: changePasswordBodySchema, response: { 200: okSchema } } }, async (req) => {
    await service.changeTechnicianPassword(ctx, technicianOf(req), req.body.currentPassword, req.body.newPassword, tenantOf(req).name);
    return { ok: true as const };
  });

  app.post('/api/v1/me/totp/setup', { config: personal, schema: { tags, response: { 200: totpSetupSchema } } }, async (req) =>
    service.startTotpSetup(ctx, technicianOf(req), tenantOf(req).name),
  );

  app.post('/api/v1/me/totp/enable', { config: personal, schema: { tags, body: totpEnableBodySchema, response: { 200: totpEnableResultSchema } } }, async (req) => ({
    recoveryCodes: await service.enableTotp(ctx, technicianOf(req), req.body.code),
  }));

  app.post('/api/v1/me/totp/disable', { config: personal, schema: { tags, body: totpDisableBodySchema, response: { 200: okSchema } } }, async (req) => {
    await service.disableTotp(ctx, technicianOf(req), req.body.password);
    return { ok: true as const };
  });
}
