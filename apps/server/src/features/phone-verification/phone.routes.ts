import { idParamsSchema, okSchema } from '@porta/contracts/common';
import { codeBodySchema, phoneAnswerSchema, phoneBodySchema, phoneStateSchema } from '@porta/contracts/self-service';
import { contactOf, technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { selfServiceContact } from '../self-service/self-service.policy.ts';
import { clearPhone, phoneState, startPhoneEnrolment, verifyPhone } from './phone.service.ts';

const contactAccess = { access: 'contact' } as const;
const tech = { access: 'technician' } as const;

/** SS-6: phone enrolment in the portal (self-service section only), and the console's "clear number". */
export function phoneRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/portal/phone', { config: contactAccess, schema: { tags: ['portal'], response: { 200: phoneStateSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return phoneState(ctx, contactOf(req).tenantId, contact.id);
  });

  app.post('/api/v1/portal/phone', { config: contactAccess, schema: { tags: ['portal'], body: phoneBodySchema, response: { 200: phoneAnswerSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return startPhoneEnrolment(ctx, contactOf(req).tenantId, contact, req.body.phone);
  });

  app.post('/api/v1/portal/phone/verify', { config: contactAccess, schema: { tags: ['portal'], body: codeBodySchema, response: { 200: phoneStateSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return verifyPhone(ctx, contactOf(req).tenantId, contact, req.body.code);
  });

  app.delete('/api/v1/contacts/:id/phone', { config: tech, schema: { tags: ['contacts'], params: idParamsSchema, response: { 200: okSchema } } }, async (req) => {
    const t = technicianOf(req);
    await clearPhone(ctx, t.tenantId, req.params.id, t.id);
    return { ok: true as const };
  });
}
