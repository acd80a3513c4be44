import { idParamsSchema } from '@porta/contracts/common';
import {
  actionCreatedSchema,
  actionRequestBodySchema,
  approvalDecisionBodySchema,
  cancelAllAnswerSchema,
  codeBodySchema,
  portalActionListSchema,
  portalDeviceSoftwareSchema,
  selfServiceActionSchema,
} from '@porta/contracts/self-service';
import { contactOf, technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { streamEvents } from '../../platform/http/event-stream.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { listPackages } from '../software/software.repo.ts';
import { type DeviceOs, installParams } from '../software/software.model.ts';
import { selfServiceContact } from './self-service.policy.ts';
import { assignedDevice } from './self-service.repo.ts';
import { cancelAllQueued, confirmAction, decideApproval, getAction, listActions, listPendingApprovals, proceedAction, requestAction } from './self-service.service.ts';

const contactAccess = { access: 'contact' } as const;
const admin = { access: 'admin' } as const;
const tags = ['portal'];

/** Issue 12 item 9: the portal's self-service actions (section off → 404) and the console kill switch. */
export function selfServiceRoutes(app: ZodApp, ctx: AppContext): void {
  app.post('/api/v1/portal/devices/:id/actions', { config: contactAccess, schema: { tags, params: idParamsSchema, body: actionRequestBodySchema, response: { 200: actionCreatedSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return requestAction(ctx, contactOf(req).tenantId, contact, { deviceId: req.params.id, action: req.body.action, packageId: req.body.packageId });
  });

  app.get('/api/v1/portal/devices/:id/software', { config: contactAccess, schema: { tags, params: idParamsSchema, response: { 200: portalDeviceSoftwareSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    const tenantId = contactOf(req).tenantId;
    const device = await assignedDevice(ctx.db, tenantId, contact.id, req.params.id);
    if (!device) throw new AppError('DEVICE_NOT_FOUND');
    const none = { chocolateySource: null, homebrewTap: null };
    const items = (await listPackages(ctx.db, tenantId)).filter((p) => installParams(p, device.os as DeviceOs, none) !== null).map((p) => ({ id: p.id, name: p.name }));
    return { items };
  });

  app.post('/api/v1/portal/actions/:id/confirm', { config: contactAccess, schema: { tags, params: idParamsSchema, body: codeBodySchema, response: { 200: selfServiceActionSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return confirmAction(ctx, contactOf(req).tenantId, contact, req.params.id, req.body.code);
  });

  // Issue 13 item 5: `confirm` mode — the requester confirms, then the code is sent.
  app.post('/api/v1/portal/actions/:id/proceed', { config: contactAccess, schema: { tags, params: idParamsSchema, response: { 200: selfServiceActionSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return proceedAction(ctx, contactOf(req).tenantId, contact, req.params.id);
  });

  // Issue 13 item 5: `approval` mode — the company's primary contacts see and decide.
  app.get('/api/v1/portal/approvals', { config: contactAccess, schema: { tags, response: { 200: portalActionListSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return { items: await listPendingApprovals(ctx, contactOf(req).tenantId, contact) };
  });

  app.post('/api/v1/portal/approvals/:id/approve', { config: contactAccess, schema: { tags, params: idParamsSchema, body: approvalDecisionBodySchema, response: { 200: selfServiceActionSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return decideApproval(ctx, contactOf(req).tenantId, contact, req.params.id, true, req.body.reason);
  });

  app.post('/api/v1/portal/approvals/:id/deny', { config: contactAccess, schema: { tags, params: idParamsSchema, body: approvalDecisionBodySchema, response: { 200: selfServiceActionSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return decideApproval(ctx, contactOf(req).tenantId, contact, req.params.id, false, req.body.reason);
  });

  app.get('/api/v1/portal/actions/:id', { config: contactAccess, schema: { tags, params: idParamsSchema, response: { 200: selfServiceActionSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return getAction(ctx, contactOf(req).tenantId, contact, req.params.id);
  });

  // SS-7: the contact's actions move on screen as their commands change state: their own, and
  // (primary contacts) their company's, the same rule as reading one. Nothing else reaches them.
  app.get('/api/v1/portal/actions/events', { config: contactAccess, schema: { tags, produces: ['text/event-stream'] } }, async (req, reply) => {
    const contact = selfServiceContact(req);
    const tenantId = contactOf(req).tenantId;
    streamEvents(ctx, req, reply, (m) => {
      if ((m.topic !== 'agent-command.changed' && m.topic !== 'self-service.request.changed') || m.tenantId !== tenantId || m.actionId === null) return null;
      const visible = m.contactId === contact.id || (contact.isPrimary && m.customerId === contact.customerId);
      return visible ? { event: 'action.changed', data: { actionId: m.actionId, status: m.status } } : null;
    });
  });

  app.get('/api/v1/portal/actions', { config: contactAccess, schema: { tags, response: { 200: portalActionListSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    return { items: await listActions(ctx, contactOf(req).tenantId, contact) };
  });

  app.post('/api/v1/self-service/cancel-queued', { config: admin, schema: { tags: ['self-service'], response: { 200: cancelAllAnswerSchema } } }, async (req) => {
    const t = technicianOf(req);
    return cancelAllQueued(ctx, t.tenantId, t.id);
  });
}
