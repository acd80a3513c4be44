import { idParamsSchema } from '@porta/contracts/common';
import { deviceDetailSchema, deviceListQuerySchema, devicePageSchema, deviceUpdateSchema, portalDeviceListSchema } from '@porta/contracts/devices';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { contactOf, technicianOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { type Outgoing, streamEvents } from '../../platform/http/event-stream.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { resolvePortalSettings, sectionEnabled } from '../portal-settings/portal-settings.model.ts';
import { presentDevice, presentPortalDevice } from './devices.presenter.ts';
import * as repo from './devices.repo.ts';
import { assignContacts, deviceDetail, revokeDevice } from './devices.service.ts';

const tech = { access: 'technician' } as const;
const tags = ['devices'];

/** SS-3: the portal's devices exist only where the self-service section is on for the contact's customer. */
function selfServiceContact(req: FastifyRequest) {
  const contact = contactOf(req);
  if (!sectionEnabled(resolvePortalSettings(contact.portalSettingsRaw).sections.selfService, contact.customerId)) throw new AppError('NOT_FOUND');
  return contact;
}

/** SS-2: devices in the console (technicians) and "My devices" in the portal. */
export function deviceRoutes(app: ZodApp, ctx: AppContext): void {
  // SS-7: the console's device pages follow command transitions (and revocations) of the tenant live.
  app.get('/api/v1/devices/events', { config: tech, schema: { tags, produces: ['text/event-stream'] } }, async (req, reply) => {
    const tenantId = technicianOf(req).tenantId;
    streamEvents(ctx, req, reply, (m): Outgoing | null => {
      if (m.topic === 'agent-command.changed' && m.tenantId === tenantId) return { event: 'device.changed', data: { deviceId: m.deviceId, commandId: m.commandId } };
      if (m.topic === 'device.revoked' && m.tenantId === tenantId) return { event: 'device.changed', data: { deviceId: m.deviceId } };
      return null;
    });
  });

  app.get('/api/v1/devices', { config: tech, schema: { tags, querystring: deviceListQuerySchema, response: { 200: devicePageSchema } } }, async (req) => {
    const page = await repo.listDevices(ctx.db, technicianOf(req).tenantId, req.query);
    return { items: page.items.map(presentDevice), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/api/v1/devices/:id', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: deviceDetailSchema } } }, async (req) => deviceDetail(ctx, technicianOf(req).tenantId, req.params.id));

  app.patch('/api/v1/devices/:id', { config: tech, schema: { tags, params: idParamsSchema, body: deviceUpdateSchema, response: { 200: deviceDetailSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    await assignContacts(ctx, tenantId, req.params.id, req.body.contactIds);
    return deviceDetail(ctx, tenantId, req.params.id);
  });

  app.post('/api/v1/devices/:id/revoke', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: deviceDetailSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    await revokeDevice(ctx, tenantId, req.params.id);
    return deviceDetail(ctx, tenantId, req.params.id);
  });

  app.get('/api/v1/portal/devices', { config: { access: 'contact' }, schema: { tags: ['portal'], response: { 200: portalDeviceListSchema } } }, async (req) => {
    const contact = selfServiceContact(req);
    const rows = await repo.listContactDevices(ctx.db, contact.tenantId, contact.id);
    return { items: rows.map(presentPortalDevice) };
  });
}
