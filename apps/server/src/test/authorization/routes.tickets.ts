import { readStoredSettings } from '../../features/portal-settings/portal-settings.repo.ts';
import { uniq } from '../factories.ts';
import { multipartFile } from '../multipart.ts';
import { admins, contacts, technicians, ticketOfContact } from './expectations.ts';
import type { Row } from './routes.table.ts';
import { targets, type World } from './world.ts';

const ticketRow = (w: World, id: string) => () => w.ctx.db.selectFrom('tickets').selectAll().where('id', '=', id).executeTakeFirst();
const commentsOf = (w: World, id: string) => () => w.ctx.db.selectFrom('ticket_comments').select('id').where('ticket_id', '=', id).execute();
const attachmentsOf = (w: World, id: string) => () => w.ctx.db.selectFrom('ticket_attachments').select('id').where('ticket_id', '=', id).execute();
const upload = () => multipartFile('screenshot.txt', 'error 0x80070005');

/** Tickets (issue 3: T-1..T-10, A-5), statuses, custom fields and portal settings. */
export const TICKET_ROWS: Record<string, Row> = {
  // Console queue and ticket page (T-8).
  'GET /api/v1/tickets': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/tickets' }) },
  'POST /api/v1/tickets': {
    expect: technicians({ ok: 201, write: true, ownHost: 404 }),
    call: (w) => {
      const subject = `Authz ${uniq()}`;
      return {
        url: '/api/v1/tickets',
        body: { contactId: w.people.contact.id, subject },
        snapshot: () => w.ctx.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute(),
      };
    },
  },
  'GET /api/v1/tickets/:id': { expect: technicians({ ok: 200, ownHost: 404 }), call: (w) => ({ url: `/api/v1/tickets/${w.ticket.id}` }) },
  'PATCH /api/v1/tickets/:id': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.ticket(w);
      return { url: `/api/v1/tickets/${id}`, body: { priority: 'critical', billed: true }, snapshot: ticketRow(w, id) };
    },
  },
  'POST /api/v1/tickets/:id/comments': {
    expect: technicians({ ok: 201, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.ticket(w);
      return { url: `/api/v1/tickets/${id}/comments`, body: { body: 'On it.', internal: true }, snapshot: commentsOf(w, id) };
    },
  },
  'POST /api/v1/tickets/:id/attachments': {
    expect: technicians({ ok: 201, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.ticket(w);
      const file = upload();
      return { url: `/api/v1/tickets/${id}/attachments`, body: file.body, headers: file.headers, snapshot: attachmentsOf(w, id) };
    },
  },
  'GET /api/v1/tickets/:id/attachments/:attachmentId': {
    expect: technicians({ ok: 200, ownHost: 404 }),
    call: (w) => ({ url: `/api/v1/tickets/${w.ticket.id}/attachments/${w.ticket.attachmentId}` }),
  },
  'GET /api/v1/tickets/events': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/tickets/events' }) },

  // Statuses (T-3) and custom fields (T-7): technicians read, admins change.
  'GET /api/v1/ticket-statuses': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/ticket-statuses' }) },
  'POST /api/v1/ticket-statuses': {
    expect: admins({ ok: 201, write: true, ownHost: 201 }),
    call: (w) => {
      const key = `authz-${uniq()}`;
      return {
        url: '/api/v1/ticket-statuses',
        body: { key, name: 'On hold', category: 'open' },
        snapshot: () => w.ctx.db.selectFrom('ticket_statuses').select('id').where('key', '=', key).execute(),
      };
    },
  },
  'PATCH /api/v1/ticket-statuses/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.status(w);
      return { url: `/api/v1/ticket-statuses/${id}`, body: { name: 'Renamed' }, snapshot: () => w.ctx.db.selectFrom('ticket_statuses').selectAll().where('id', '=', id).executeTakeFirst() };
    },
  },
  'DELETE /api/v1/ticket-statuses/:id': {
    expect: admins({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.status(w);
      return { url: `/api/v1/ticket-statuses/${id}`, snapshot: () => w.ctx.db.selectFrom('ticket_statuses').selectAll().where('id', '=', id).executeTakeFirst() };
    },
  },
  'GET /api/v1/custom-fields': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/custom-fields' }) },
  'POST /api/v1/custom-fields': {
    expect: admins({ ok: 201, write: true, ownHost: 201 }),
    call: (w) => {
      const key = `authz${uniq()}`;
      return {
        url: '/api/v1/custom-fields',
        body: { key, label: 'Contract', type: 'text' },
        snapshot: () => w.ctx.db.selectFrom('custom_fields').select('id').where('key', '=', key).execute(),
      };
    },
  },
  'GET /api/v1/custom-fields/:id': { expect: technicians({ ok: 200, ownHost: 404 }), call: (w) => ({ url: `/api/v1/custom-fields/${w.customFieldId}` }) },
  'PATCH /api/v1/custom-fields/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.customField(w);
      return { url: `/api/v1/custom-fields/${id}`, body: { label: 'Renamed' }, snapshot: () => w.ctx.db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst() };
    },
  },
  'DELETE /api/v1/custom-fields/:id': {
    expect: admins({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.customField(w);
      return { url: `/api/v1/custom-fields/${id}`, snapshot: () => w.ctx.db.selectFrom('custom_fields').selectAll().where('id', '=', id).executeTakeFirst() };
    },
  },

  // Portal settings (T-2..T-6): admins only.
  'GET /api/v1/settings/portal': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/portal' }) },
  'PATCH /api/v1/settings/portal': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/settings/portal',
      body: { tickets: { allowReopen: false } },
      snapshot: () => readStoredSettings(w.ctx.db, w.T.tenant.id),
      after: async () => {
        await w.ctx.db.deleteFrom('portal_settings').where('tenant_id', 'in', [w.T.tenant.id, w.U.tenant.id]).execute();
      },
    }),
  },

  // Portal tickets (T-1, A-5): the requester and the primary contact; nobody else learns it exists.
  'GET /api/v1/portal/ticket-form': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/ticket-form' }) },
  'GET /api/v1/portal/tickets': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/tickets?scope=company' }) },
  'POST /api/v1/portal/tickets': {
    expect: contacts(201),
    call: (w) => {
      const subject = `Authz ${uniq()}`;
      return { url: '/api/v1/portal/tickets', body: { subject }, snapshot: () => w.ctx.db.selectFrom('tickets').select('id').where('subject', '=', subject).execute() };
    },
  },
  'GET /api/v1/portal/tickets/:id': { expect: ticketOfContact(200), call: (w) => ({ url: `/api/v1/portal/tickets/${w.ticket.id}` }) },
  'PATCH /api/v1/portal/tickets/:id': {
    expect: ticketOfContact(200),
    async call(w) {
      const { id } = await targets.ticket(w);
      return { url: `/api/v1/portal/tickets/${id}`, body: { priority: 'high' }, snapshot: ticketRow(w, id) };
    },
  },
  'POST /api/v1/portal/tickets/:id/comments': {
    expect: ticketOfContact(201),
    async call(w) {
      const { id } = await targets.ticket(w);
      return { url: `/api/v1/portal/tickets/${id}/comments`, body: { body: 'Still broken.' }, snapshot: commentsOf(w, id) };
    },
  },
  'POST /api/v1/portal/tickets/:id/attachments': {
    expect: ticketOfContact(201),
    async call(w) {
      const { id } = await targets.ticket(w);
      const file = upload();
      return { url: `/api/v1/portal/tickets/${id}/attachments`, body: file.body, headers: file.headers, snapshot: attachmentsOf(w, id) };
    },
  },
  'GET /api/v1/portal/tickets/:id/attachments/:attachmentId': {
    expect: ticketOfContact(200),
    call: (w) => ({ url: `/api/v1/portal/tickets/${w.ticket.id}/attachments/${w.ticket.attachmentId}` }),
  },
  'GET /api/v1/portal/tickets/:id/events': { expect: ticketOfContact(200), call: (w) => ({ url: `/api/v1/portal/tickets/${w.ticket.id}/events` }) },
};
