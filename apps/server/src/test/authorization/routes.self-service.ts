import { uniq } from '../factories.ts';
import { admins, contacts, technicians } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

async function aPackage(w: World): Promise<string> {
  const row = await w.ctx.db.insertInto('software_packages').values({ tenant_id: w.T.tenant.id, name: `Authz ${uniq()}`, chocolatey_id: 'googlechrome' }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
const packageRow = (w: World, id: string) => () => w.ctx.db.selectFrom('software_packages').selectAll().where('id', '=', id).executeTakeFirst();
const smsSettings = (w: World) => () => w.ctx.db.selectFrom('sms_settings').selectAll().where('tenant_id', '=', w.T.tenant.id).executeTakeFirst();
const ssSettings = (w: World) => () => w.ctx.db.selectFrom('self_service_settings').selectAll().where('tenant_id', '=', w.T.tenant.id).executeTakeFirst();
const NO_REQUEST = '00000000-0000-4000-8000-000000000012';

/**
 * SMS, phone verification, software catalogue, self-service actions, audit (issue 12: SS-3,
 * SS-5, SS-6, SS-7). The self-service section is off in this world (the default), so every
 * portal self-service route is 404 for every contact (SS-3); isolation with the section on is
 * covered in features/self-service and features/phone-verification.
 */
export const SELF_SERVICE_ROWS: Record<string, Row> = {
  'GET /api/v1/settings/sms': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/sms' }) },
  'PUT /api/v1/settings/sms': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({ url: '/api/v1/settings/sms', body: { provider: 'outbox' }, snapshot: smsSettings(w) }),
  },
  'POST /api/v1/settings/sms/test': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({ url: '/api/v1/settings/sms/test', body: { to: '+447911123456' }, snapshot: () => w.ctx.db.selectFrom('sms_messages').select('id').where('tenant_id', '=', w.T.tenant.id).execute() }),
  },
  'GET /api/v1/sms-outbox': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/sms-outbox' }) },
  'GET /api/v1/portal/phone': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/phone' }) },
  'POST /api/v1/portal/phone': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/phone', body: { phone: '+447911123456' } }) },
  'POST /api/v1/portal/phone/verify': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/phone/verify', body: { code: '123456' } }) },
  'DELETE /api/v1/contacts/:id/phone': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    call: (w) => ({
      url: `/api/v1/contacts/${w.people.contact.id}/phone`,
      snapshot: () => w.ctx.db.selectFrom('contacts').select(['phone_e164', 'phone_verified_at']).where('id', '=', w.people.contact.id).executeTakeFirst(),
    }),
  },
  'GET /api/v1/software': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/software' }) },
  'GET /api/v1/software/starter': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/software/starter' }) },
  'POST /api/v1/software': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/software',
      body: { name: `Authz ${uniq()}`, wingetId: 'Mozilla.Firefox' },
      snapshot: () => w.ctx.db.selectFrom('software_packages').select('id').where('tenant_id', '=', w.T.tenant.id).execute(),
    }),
  },
  'PATCH /api/v1/software/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await aPackage(w);
      return { url: `/api/v1/software/${id}`, body: { name: `Renamed ${uniq()}` }, snapshot: packageRow(w, id) };
    },
  },
  'DELETE /api/v1/software/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await aPackage(w);
      return { url: `/api/v1/software/${id}`, snapshot: packageRow(w, id) };
    },
  },
  // Issue 13 item 6: the pinned catalogue paths, the same handlers as /api/v1/software.
  'GET /api/v1/software-catalogue': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/software-catalogue' }) },
  'POST /api/v1/software-catalogue': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/software-catalogue',
      body: { name: `Authz ${uniq()}`, aliases: ['authz alias'], homebrewId: 'firefox' },
      snapshot: () => w.ctx.db.selectFrom('software_packages').select(['id', 'aliases']).where('tenant_id', '=', w.T.tenant.id).execute(),
    }),
  },
  'PATCH /api/v1/software-catalogue/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await aPackage(w);
      return { url: `/api/v1/software-catalogue/${id}`, body: { aliases: [`alias ${uniq()}`] }, snapshot: packageRow(w, id) };
    },
  },
  'DELETE /api/v1/software-catalogue/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await aPackage(w);
      return { url: `/api/v1/software-catalogue/${id}`, snapshot: packageRow(w, id) };
    },
  },
  'GET /api/v1/settings/self-service': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/self-service' }) },
  'PATCH /api/v1/settings/self-service': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({ url: '/api/v1/settings/self-service', body: { homebrewTap: 'acme/tools' }, snapshot: ssSettings(w) }),
  },
  'POST /api/v1/self-service/cancel-queued': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({ url: '/api/v1/self-service/cancel-queued', snapshot: () => w.ctx.db.selectFrom('audit_log').select('seq').where('tenant_id', '=', w.T.tenant.id).execute() }),
  },
  'GET /api/v1/audit': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/audit' }) },
  'GET /api/v1/audit/verify': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/audit/verify' }) },
  'POST /api/v1/portal/devices/:id/actions': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/devices/${NO_REQUEST}/actions`, body: { action: 'restart' } }) },
  'GET /api/v1/portal/devices/:id/software': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/devices/${NO_REQUEST}/software` }) },
  'POST /api/v1/portal/actions/:id/confirm': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/actions/${NO_REQUEST}/confirm`, body: { code: '123456' } }) },
  'GET /api/v1/portal/actions/:id': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/actions/${NO_REQUEST}` }) },
  // SS-7: with the section on, what each contact hears is covered in features/self-service/self-service-live.
  'GET /api/v1/portal/actions/events': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/actions/events' }) },
  'GET /api/v1/portal/actions': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/actions' }) },
  // Issue 13 item 5: confirm and approval modes. With the section on, who may decide (primary
  // contacts of the requester's company only; twice → 409) is covered in features/self-service/approvals.
  'POST /api/v1/portal/actions/:id/proceed': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/actions/${NO_REQUEST}/proceed` }) },
  'GET /api/v1/portal/approvals': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/approvals' }) },
  'POST /api/v1/portal/approvals/:id/approve': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/approvals/${NO_REQUEST}/approve`, body: {} }) },
  'POST /api/v1/portal/approvals/:id/deny': { expect: contacts(404), call: () => ({ url: `/api/v1/portal/approvals/${NO_REQUEST}/deny`, body: { reason: 'no' } }) },
  'GET /api/v1/customers/:id/action-policies': { expect: technicians({ ok: 200, ownHost: 404 }), call: (w) => ({ url: `/api/v1/customers/${w.customerA.id}/action-policies` }) },
  'PUT /api/v1/customers/:id/action-policies': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    call: (w) => ({
      url: `/api/v1/customers/${w.customerA.id}/action-policies`,
      body: { overrides: { restart: 'approval' } },
      snapshot: () => w.ctx.db.selectFrom('customers').select('action_policies').where('id', '=', w.customerA.id).executeTakeFirst(),
    }),
  },
};
