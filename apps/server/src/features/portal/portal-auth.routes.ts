import { contactLoginBodySchema, logoutBodySchema } from '@porta/contracts/auth';
import { okSchema } from '@porta/contracts/common';
import { portalMePatchSchema, portalMeSchema, portalPasswordBodySchema, portalSessionSchema } from '@porta/contracts/portal';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { contactOf, tenantOf } from '../../platform/auth/guard.ts';
import { currentCsrfToken, endSession, startSession } from '../../platform/auth/sign-in.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { AppError } from '../../platform/errors.ts';
import { contactFromSession } from '../../platform/auth/authenticate.ts';
import { updateContact } from '../contacts/contacts.repo.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';
import { changeContactPassword, loginContact } from './portal-auth.service.ts';
import { presentPortalUser } from './portal-me.presenter.ts';

const contact = { access: 'contact' } as const;
const tags = ['portal'];

function meOf(ctx: AppContext, req: FastifyRequest) {
  return { ...presentPortalUser(contactOf(req), tenantOf(req)), csrfToken: currentCsrfToken(ctx, req, 'contact') };
}

export function portalAuthRoutes(app: ZodApp, ctx: AppContext): void {
  app.post(
    '/api/v1/portal/auth/login',
    { config: { access: 'public' }, schema: { tags, body: contactLoginBodySchema, response: { 200: portalSessionSchema } } },
    async (req, reply) => {
      const tenant = tenantOf(req);
      const row = await loginContact(ctx, tenant.id, req.body.username, req.body.password, req.ip);
      const { token, csrfToken } = await startSession(ctx, req, reply, tenant.id, 'contact', row.id);
      // Read the principal back exactly as every later request will see it.
      const principal = await contactFromSession(ctx, tenant.id, token);
      if (!principal) throw new AppError('UNAUTHENTICATED');
      return { user: presentPortalUser(principal, tenant), csrfToken };
    },
  );

  app.post('/api/v1/portal/auth/logout', { config: contact, schema: { tags, body: logoutBodySchema, response: { 200: okSchema } } }, async (req, reply) => {
    await endSession(ctx, req, reply, 'contact', req.body?.everywhere ?? false);
    return { ok: true as const };
  });

  app.get('/api/v1/portal/me', { config: contact, schema: { tags, response: { 200: portalMeSchema } } }, async (req) => meOf(ctx, req));

  app.patch('/api/v1/portal/me', { config: contact, schema: { tags, body: portalMePatchSchema, response: { 200: portalMeSchema } } }, async (req) => {
    const me = contactOf(req);
    await updateContact(ctx.db, me.tenantId, me.id, {
      ...(req.body.language !== undefined && { language: req.body.language }),
      ...(req.body.phone !== undefined && { phone: req.body.phone }),
    });
    if (req.body.language !== undefined) {
      me.language = req.body.language;
      req.lang = req.body.language;
    }
    if (req.body.phone !== undefined) me.phone = req.body.phone;
    await sessionsChanged(ctx, me.tenantId, me.id);
    return meOf(ctx, req);
  });

  app.post('/api/v1/portal/me/password', { config: contact, schema: { tags, body: portalPasswordBodySchema, response: { 200: okSchema } } }, async (req) => {
    await changeContactPassword(ctx, contactOf(req), req.body.currentPassword, req.body.newPassword, tenantOf(req).name);
    return { ok: true as const };
  });
}
