import fs from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '@porta/contracts/errors';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorOf } from '../../test/assertions.ts';
import { type Client, mintSession, type Response } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { sharedDatabase, useTestApp } from '../../test/harness.ts';
import { setKbSection, writeArticle } from '../../test/kb.ts';
import { multipartFile } from '../../test/multipart.ts';
import { openTicket, outboxOf } from '../../test/tickets.ts';
import { makeDevice } from '../../test/devices.ts';

/**
 * Issue 10, item 3: every route that writes a reference to another object, fired together
 * with the delete of that object. Each side answers only what it documents (the write its 2xx
 * or the 404 of the missing object, the delete its 2xx or its 409), never a 5xx, and nothing
 * is left half written. On PostgreSQL each race is also played deterministically: the delete
 * is held open in a transaction of its own until the write waits on its row lock, then
 * committed, so the write always meets the foreign key (or the vanished row) after its own
 * check passed: the path the error mapping (platform/db/constraint-answers.ts) serves.
 */
const ROUNDS = Number(process.env.PORTA_RACE_ROUNDS ?? 20);
const t = useTestApp();

interface Round {
  write(): Promise<Response>;
  remove(): Promise<Response>;
  /** The row the delete removes, for the held-open variant. */
  row: { table: 'contacts' | 'technicians' | 'custom_fields' | 'ticket_statuses' | 'customers' | 'kb_categories' | 'kb_articles' | 'webhook_endpoints'; id: string };
  /** Nothing half written, whichever side won. */
  settled(write: Response, removed: Response): Promise<void>;
}

interface Race {
  name: string;
  /** `signedOut`: the writer is the deleted person, so a delete that ran first ended their session (401). */
  write: { ok: number; missing: ErrorCode[]; signedOut?: true; refused?: { status: number; code: ErrorCode } };
  remove: { ok: number; conflict?: ErrorCode };
  prepare(): Promise<Round>;
}

let fx: TenantFixture;
let admin: Client;
let customerId: string;
let requesterId: string;
let asContact: Client;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  customerId = (await makeCustomer(t.ctx, fx.tenant.id)).id;
  requesterId = (await makeContact(t.ctx, fx.tenant.id, customerId)).id;
  asContact = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', requesterId);
  await setKbSection(admin, 'all');
});

const db = () => t.ctx.db;
const ticketsWithSubject = (subject: string) => db().selectFrom('tickets').select(['id', 'assignee_id']).where('tenant_id', '=', fx.tenant.id).where('subject', '=', subject).execute();
/** Every ticket of the tenant has exactly its one `ticket.created` event: a refused creation left none. */
async function createdEventsMatchTickets(): Promise<void> {
  const tickets = await db().selectFrom('tickets').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', fx.tenant.id).executeTakeFirstOrThrow();
  const events = await db().selectFrom('outbox').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', fx.tenant.id).where('topic', '=', 'ticket.created').executeTakeFirstOrThrow();
  expect(Number(events.n)).toBe(Number(tickets.n));
}
const webhookEndpoint = async () => {
  const res = await admin.post('/api/v1/webhooks', { url: 'https://hooks.example.com/race', eventTypes: ['ticket.created'] });
  expect(res.statusCode).toBe(201);
  return res.json<{ endpoint: { id: string } }>().endpoint.id;
};
const exists = async (table: Round['row']['table'], id: string) => (await db().selectFrom(table).select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
const customField = async () => {
  const res = await admin.post('/api/v1/custom-fields', { key: `f${uniq(4)}`, label: 'Asset', type: 'text' });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string; key: string }>();
};
const category = async () => {
  const res = await admin.post('/api/v1/kb/categories', { names: { en: `Cat ${uniq(3)}` } });
  expect(res.statusCode).toBe(201);
  return res.json<{ id: string }>().id;
};
const article = () => writeArticle(admin, { en: { title: `Printer ${uniq(3)}`, body: 'Open tray 2.' }, it: { title: 'Stampante', body: 'Apri il cassetto 2.' } });
const filesOf = (tenantId: string): string[] => {
  const dir = path.join(t.ctx.config.attachmentsDir, tenantId);
  return fs.existsSync(dir) ? fs.readdirSync(dir).map((f) => `${tenantId}/${f}`).sort() : [];
};
const allStorageKeys = async () => (await db().selectFrom('ticket_attachments').select('storage_key').where('tenant_id', '=', fx.tenant.id).execute()).map((r) => r.storage_key).sort();
const translationsOf = (articleId: string) => db().selectFrom('kb_translations').select('language').where('article_id', '=', articleId).execute();

const races: Race[] = [
  {
    name: 'POST /tickets with contactId vs DELETE /contacts/:id',
    write: { ok: 201, missing: ['CONTACT_NOT_FOUND'] },
    remove: { ok: 204, conflict: 'CONTACT_HAS_TICKETS' },
    async prepare() {
      const contact = await makeContact(t.ctx, fx.tenant.id, customerId);
      const subject = `Race ${uniq()}`;
      return {
        row: { table: 'contacts', id: contact.id },
        write: () => admin.post('/api/v1/tickets', { contactId: contact.id, subject }),
        remove: () => admin.delete(`/api/v1/contacts/${contact.id}`),
        async settled(w) {
          expect((await ticketsWithSubject(subject)).length).toBe(w.statusCode === 201 ? 1 : 0);
          expect(await exists('contacts', contact.id)).toBe(w.statusCode === 201);
          await createdEventsMatchTickets();
        },
      };
    },
  },
  {
    name: 'POST /tickets with assigneeId vs DELETE /technicians/:id',
    write: { ok: 201, missing: ['TECHNICIAN_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const tech = await makeTechnician(t.ctx, fx.tenant.id);
      const subject = `Race ${uniq()}`;
      return {
        row: { table: 'technicians', id: tech.id },
        write: () => admin.post('/api/v1/tickets', { contactId: requesterId, subject, assigneeId: tech.id }),
        remove: () => admin.delete(`/api/v1/technicians/${tech.id}`),
        async settled(w) {
          const tickets = await ticketsWithSubject(subject);
          expect(tickets.length).toBe(w.statusCode === 201 ? 1 : 0);
          // The technician is gone either way: a ticket created first lost its assignee (SET NULL).
          for (const ticket of tickets) expect(ticket.assignee_id).toBeNull();
          await createdEventsMatchTickets();
        },
      };
    },
  },
  {
    name: 'POST /tickets with customFields vs DELETE /custom-fields/:id',
    write: { ok: 201, missing: ['CUSTOM_FIELD_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const field = await customField();
      const subject = `Race ${uniq()}`;
      return {
        row: { table: 'custom_fields', id: field.id },
        write: () => admin.post('/api/v1/tickets', { contactId: requesterId, subject, customFields: { [field.key]: 'A-1' } }),
        remove: () => admin.delete(`/api/v1/custom-fields/${field.id}`),
        async settled(w) {
          expect((await ticketsWithSubject(subject)).length).toBe(w.statusCode === 201 ? 1 : 0);
          const values = await db().selectFrom('ticket_field_values').select('ticket_id').where('field_id', '=', field.id).execute();
          expect(values).toEqual([]);
          await createdEventsMatchTickets();
        },
      };
    },
  },
  {
    name: 'POST /portal/tickets with customFields vs DELETE /custom-fields/:id',
    // A field deleted first is no longer among those the portal lets the contact edit.
    write: { ok: 201, missing: ['CUSTOM_FIELD_NOT_FOUND'], refused: { status: 403, code: 'FIELD_NOT_EDITABLE' } },
    remove: { ok: 204 },
    async prepare() {
      const field = await customField();
      expect((await admin.patch('/api/v1/settings/portal', { fieldVisibility: { [`custom.${field.key}`]: 'edit' } })).statusCode).toBe(200);
      const subject = `Race ${uniq()}`;
      return {
        row: { table: 'custom_fields', id: field.id },
        write: () => asContact.post('/api/v1/portal/tickets', { subject, customFields: { [field.key]: 'A-1' } }),
        remove: () => admin.delete(`/api/v1/custom-fields/${field.id}`),
        async settled(w) {
          expect((await ticketsWithSubject(subject)).length).toBe(w.statusCode === 201 ? 1 : 0);
          await createdEventsMatchTickets();
        },
      };
    },
  },
  {
    name: 'PATCH /tickets/:id assigneeId vs DELETE /technicians/:id',
    write: { ok: 200, missing: ['TECHNICIAN_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const tech = await makeTechnician(t.ctx, fx.tenant.id);
      const ticketId = await openTicket(t.ctx, fx.tenant.id, requesterId);
      return {
        row: { table: 'technicians', id: tech.id },
        write: () => admin.patch(`/api/v1/tickets/${ticketId}`, { assigneeId: tech.id }),
        remove: () => admin.delete(`/api/v1/technicians/${tech.id}`),
        async settled() {
          const ticket = await db().selectFrom('tickets').select('assignee_id').where('id', '=', ticketId).executeTakeFirstOrThrow();
          expect(ticket.assignee_id).toBeNull();
        },
      };
    },
  },
  {
    name: 'PATCH /tickets/:id status vs DELETE /ticket-statuses/:id',
    write: { ok: 200, missing: ['STATUS_NOT_FOUND'] },
    remove: { ok: 204, conflict: 'STATUS_IN_USE' },
    async prepare() {
      const key = `s${uniq(4)}`;
      const created = await admin.post('/api/v1/ticket-statuses', { key, name: `Waiting ${key}`, category: 'open' });
      expect(created.statusCode).toBe(201);
      const statusId = created.json<{ id: string }>().id;
      const ticketId = await openTicket(t.ctx, fx.tenant.id, requesterId);
      return {
        row: { table: 'ticket_statuses', id: statusId },
        write: () => admin.patch(`/api/v1/tickets/${ticketId}`, { status: key }),
        remove: () => admin.delete(`/api/v1/ticket-statuses/${statusId}`),
        async settled(w, r) {
          const ticket = await db().selectFrom('tickets').select('status_id').where('id', '=', ticketId).executeTakeFirstOrThrow();
          expect(ticket.status_id === statusId).toBe(w.statusCode === 200);
          expect(await exists('ticket_statuses', statusId)).toBe(r.statusCode === 409);
          const changes = (await outboxOf(t.ctx, fx.tenant.id, ticketId)).filter((e) => e.topic === 'ticket.status_changed');
          expect(changes.length).toBe(w.statusCode === 200 ? 1 : 0);
        },
      };
    },
  },
  {
    name: 'PATCH /tickets/:id customFields vs DELETE /custom-fields/:id',
    write: { ok: 200, missing: ['CUSTOM_FIELD_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const field = await customField();
      const ticketId = await openTicket(t.ctx, fx.tenant.id, requesterId);
      return {
        row: { table: 'custom_fields', id: field.id },
        write: () => admin.patch(`/api/v1/tickets/${ticketId}`, { customFields: { [field.key]: 'A-2' }, subject: `Changed ${uniq()}` }),
        remove: () => admin.delete(`/api/v1/custom-fields/${field.id}`),
        async settled(w) {
          const values = await db().selectFrom('ticket_field_values').select('ticket_id').where('field_id', '=', field.id).execute();
          expect(values).toEqual([]);
          const ticket = await db().selectFrom('tickets').select('subject').where('id', '=', ticketId).executeTakeFirstOrThrow();
          // A refused change changed nothing (the subject went with the values, or not at all).
          expect(ticket.subject.startsWith('Changed')).toBe(w.statusCode === 200);
        },
      };
    },
  },
  {
    name: 'POST /contacts with customerId vs DELETE /customers/:id',
    write: { ok: 201, missing: ['CUSTOMER_NOT_FOUND'] },
    remove: { ok: 204, conflict: 'CUSTOMER_HAS_CONTACTS' },
    async prepare() {
      const customer = await makeCustomer(t.ctx, fx.tenant.id);
      const email = `race-${uniq()}@customer.example.com`;
      return {
        row: { table: 'customers', id: customer.id },
        write: () => admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Rita', lastName: 'Race', email }),
        remove: () => admin.delete(`/api/v1/customers/${customer.id}`),
        async settled(w) {
          const contacts = await db().selectFrom('contacts').select('id').where('tenant_id', '=', fx.tenant.id).where('email', '=', email).execute();
          expect(contacts.length).toBe(w.statusCode === 201 ? 1 : 0);
          expect(await exists('customers', customer.id)).toBe(w.statusCode === 201);
          const welcome = await db().selectFrom('outbox').select('payload').where('tenant_id', '=', fx.tenant.id).where('topic', '=', 'contact.created').execute();
          const about = (id: string) => welcome.filter((e) => JSON.stringify(e.payload).includes(id)).length;
          expect(contacts.map((c) => about(c.id))).toEqual(contacts.map(() => 1));
        },
      };
    },
  },
  {
    name: 'POST /enrolment-tokens vs DELETE /customers/:id (issue 12)',
    write: { ok: 201, missing: ['CUSTOMER_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const customer = await makeCustomer(t.ctx, fx.tenant.id);
      return {
        row: { table: 'customers', id: customer.id },
        write: () => admin.post('/api/v1/enrolment-tokens', { customerId: customer.id }),
        remove: () => admin.delete(`/api/v1/customers/${customer.id}`),
        async settled() {
          const tokens = await db().selectFrom('enrolment_tokens').select('id').where('customer_id', '=', customer.id).execute();
          expect(tokens.length === 0 || (await exists('customers', customer.id))).toBe(true);
        },
      };
    },
  },
  {
    name: 'PATCH /devices/:id contactIds vs DELETE /contacts/:id of the assigned contact (issue 12)',
    write: { ok: 200, missing: ['CONTACT_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const contact = await makeContact(t.ctx, fx.tenant.id, customerId);
      const device = await makeDevice(t.ctx, fx.tenant.id, customerId);
      return {
        row: { table: 'contacts', id: contact.id },
        write: () => admin.patch(`/api/v1/devices/${device.id}`, { contactIds: [contact.id] }),
        remove: () => admin.delete(`/api/v1/contacts/${contact.id}`),
        async settled() {
          const rows = await db().selectFrom('device_contacts').select('contact_id').where('device_id', '=', device.id).execute();
          expect(rows).toEqual([]);
        },
      };
    },
  },
  {
    name: 'POST /webhooks/:id/test vs DELETE /webhooks/:id (issue 15)',
    write: { ok: 200, missing: ['WEBHOOK_NOT_FOUND'] },
    remove: { ok: 200 },
    async prepare() {
      const id = await webhookEndpoint();
      return {
        row: { table: 'webhook_endpoints', id },
        write: () => admin.post(`/api/v1/webhooks/${id}/test`, {}),
        remove: () => admin.delete(`/api/v1/webhooks/${id}`),
        async settled() {
          expect(await db().selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id).execute()).toEqual([]);
        },
      };
    },
  },
  {
    name: 'POST /webhooks/:id/deliveries/:deliveryId/redeliver vs DELETE /webhooks/:id (issue 15)',
    write: { ok: 200, missing: ['WEBHOOK_NOT_FOUND', 'WEBHOOK_DELIVERY_NOT_FOUND'] },
    remove: { ok: 200 },
    async prepare() {
      const id = await webhookEndpoint();
      const delivery = await db()
        .insertInto('webhook_deliveries')
        .values({ tenant_id: fx.tenant.id, endpoint_id: id, message_id: 'msg_race', event_type: 'ticket.created', body: '{}', status: 'dead' })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        row: { table: 'webhook_endpoints', id },
        write: () => admin.post(`/api/v1/webhooks/${id}/deliveries/${delivery.id}/redeliver`, {}),
        remove: () => admin.delete(`/api/v1/webhooks/${id}`),
        async settled() {
          expect(await db().selectFrom('webhook_deliveries').select('id').where('endpoint_id', '=', id).execute()).toEqual([]);
        },
      };
    },
  },
  {
    name: 'PATCH /customers/:id domains vs DELETE /customers/:id',
    write: { ok: 200, missing: ['CUSTOMER_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const customer = await makeCustomer(t.ctx, fx.tenant.id);
      return {
        row: { table: 'customers', id: customer.id },
        write: () => admin.patch(`/api/v1/customers/${customer.id}`, { domains: [`race-${uniq()}.example.com`] }),
        remove: () => admin.delete(`/api/v1/customers/${customer.id}`),
        async settled() {
          const domains = await db().selectFrom('customer_domains').select('domain').where('customer_id', '=', customer.id).execute();
          expect(domains).toEqual([]);
        },
      };
    },
  },
  {
    name: 'POST /kb/articles with categoryId vs DELETE /kb/categories/:id',
    write: { ok: 201, missing: ['KB_CATEGORY_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const categoryId = await category();
      const title = `Race ${uniq()}`;
      return {
        row: { table: 'kb_categories', id: categoryId },
        write: () => admin.post('/api/v1/kb/articles', { status: 'published', categoryId, translations: { en: { title, body: 'Body.' } } }),
        remove: () => admin.delete(`/api/v1/kb/categories/${categoryId}`),
        async settled(w) {
          const written = await db().selectFrom('kb_translations').select('article_id').where('tenant_id', '=', fx.tenant.id).where('title', '=', title).execute();
          expect(written.length).toBe(w.statusCode === 201 ? 1 : 0);
          const orphans = await db()
            .selectFrom('kb_articles as a')
            .select('a.id')
            .where('a.tenant_id', '=', fx.tenant.id)
            .where((eb) => eb.not(eb.exists(eb.selectFrom('kb_translations as tr').select('tr.article_id').whereRef('tr.article_id', '=', 'a.id'))))
            .execute();
          expect(orphans).toEqual([]);
        },
      };
    },
  },
  {
    name: 'PATCH /kb/articles/:id categoryId vs DELETE /kb/categories/:id',
    write: { ok: 200, missing: ['KB_CATEGORY_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const categoryId = await category();
      const articleId = await article();
      return {
        row: { table: 'kb_categories', id: categoryId },
        write: () => admin.patch(`/api/v1/kb/articles/${articleId}`, { categoryId, tags: ['moved'] }),
        remove: () => admin.delete(`/api/v1/kb/categories/${categoryId}`),
        async settled(w) {
          const a = await db().selectFrom('kb_articles').select(['category_id', 'tags']).where('id', '=', articleId).executeTakeFirstOrThrow();
          expect(a.category_id).toBeNull();
          expect(a.tags).toEqual(w.statusCode === 200 ? ['moved'] : []);
        },
      };
    },
  },
  {
    name: 'PATCH /kb/articles/:id translations vs DELETE /kb/articles/:id',
    write: { ok: 200, missing: ['KB_ARTICLE_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const articleId = await article();
      return {
        row: { table: 'kb_articles', id: articleId },
        write: () => admin.patch(`/api/v1/kb/articles/${articleId}`, { translations: { fr: { title: 'Imprimante', body: 'Ouvrez le bac 2.' }, it: null } }),
        remove: () => admin.delete(`/api/v1/kb/articles/${articleId}`),
        async settled() {
          expect(await exists('kb_articles', articleId)).toBe(false);
          expect(await translationsOf(articleId)).toEqual([]);
        },
      };
    },
  },
  {
    name: 'PATCH /kb/articles/:id tags vs DELETE /kb/articles/:id',
    write: { ok: 200, missing: ['KB_ARTICLE_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const articleId = await article();
      return {
        row: { table: 'kb_articles', id: articleId },
        write: () => admin.patch(`/api/v1/kb/articles/${articleId}`, { tags: ['printer', 'tray'] }),
        remove: () => admin.delete(`/api/v1/kb/articles/${articleId}`),
        async settled() {
          expect(await exists('kb_articles', articleId)).toBe(false);
          expect(await translationsOf(articleId)).toEqual([]);
        },
      };
    },
  },
  {
    name: 'PUT /portal/kb/articles/:id/vote vs DELETE /kb/articles/:id',
    write: { ok: 200, missing: ['KB_ARTICLE_NOT_FOUND'] },
    remove: { ok: 204 },
    async prepare() {
      const articleId = await article();
      return {
        row: { table: 'kb_articles', id: articleId },
        write: () => asContact.request('PUT', `/api/v1/portal/kb/articles/${articleId}/vote`, { body: { helpful: true } }),
        remove: () => admin.delete(`/api/v1/kb/articles/${articleId}`),
        async settled() {
          const votes = await db().selectFrom('kb_votes').select('contact_id').where('article_id', '=', articleId).execute();
          expect(votes).toEqual([]);
        },
      };
    },
  },
  {
    name: 'POST /tickets/:id/comments by a technician vs DELETE /technicians/:id of that technician',
    write: { ok: 201, missing: ['TECHNICIAN_NOT_FOUND'], signedOut: true },
    remove: { ok: 204 },
    async prepare() {
      const tech = await makeTechnician(t.ctx, fx.tenant.id);
      const asTech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', tech.id);
      const ticketId = await openTicket(t.ctx, fx.tenant.id, requesterId);
      return {
        row: { table: 'technicians', id: tech.id },
        write: () => asTech.post(`/api/v1/tickets/${ticketId}/comments`, { body: 'On my way.' }),
        remove: () => admin.delete(`/api/v1/technicians/${tech.id}`),
        async settled(w) {
          const comments = await db().selectFrom('ticket_comments').select('author_technician_id').where('ticket_id', '=', ticketId).execute();
          expect(comments.length).toBe(w.statusCode === 201 ? 1 : 0);
          for (const c of comments) expect(c.author_technician_id).toBeNull();
          const replies = (await outboxOf(t.ctx, fx.tenant.id, ticketId)).filter((e) => e.topic === 'ticket.replied');
          expect(replies.length).toBe(comments.length);
        },
      };
    },
  },
  {
    name: 'POST /tickets/:id/attachments by a technician vs DELETE /technicians/:id of that technician',
    write: { ok: 201, missing: ['TECHNICIAN_NOT_FOUND'], signedOut: true },
    remove: { ok: 204 },
    async prepare() {
      const tech = await makeTechnician(t.ctx, fx.tenant.id);
      const asTech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', tech.id);
      const ticketId = await openTicket(t.ctx, fx.tenant.id, requesterId);
      const file = multipartFile('notes.txt', 'Toner replaced.');
      return {
        row: { table: 'technicians', id: tech.id },
        write: () => asTech.request('POST', `/api/v1/tickets/${ticketId}/attachments`, { body: file.body, headers: file.headers }),
        remove: () => admin.delete(`/api/v1/technicians/${tech.id}`),
        async settled(w) {
          const rows = await db().selectFrom('ticket_attachments').select('storage_key').where('ticket_id', '=', ticketId).execute();
          expect(rows.length).toBe(w.statusCode === 201 ? 1 : 0);
          // The file and its row exist together or not at all.
          expect(filesOf(fx.tenant.id)).toEqual(await allStorageKeys());
        },
      };
    },
  },
  {
    name: 'PUT /portal/kb/articles/:id/vote vs DELETE /contacts/:id of the voter',
    write: { ok: 200, missing: ['CONTACT_NOT_FOUND'], signedOut: true },
    remove: { ok: 204 },
    async prepare() {
      const articleId = await article();
      const voter = await makeContact(t.ctx, fx.tenant.id, customerId);
      const asVoter = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', voter.id);
      return {
        row: { table: 'contacts', id: voter.id },
        write: () => asVoter.request('PUT', `/api/v1/portal/kb/articles/${articleId}/vote`, { body: { helpful: false } }),
        remove: () => admin.delete(`/api/v1/contacts/${voter.id}`),
        async settled() {
          const votes = await db().selectFrom('kb_votes').select('contact_id').where('article_id', '=', articleId).execute();
          expect(votes).toEqual([]);
        },
      };
    },
  },
  {
    name: 'POST /portal/tickets vs DELETE /contacts/:id of the requester',
    write: { ok: 201, missing: ['CONTACT_NOT_FOUND'], signedOut: true },
    remove: { ok: 204, conflict: 'CONTACT_HAS_TICKETS' },
    async prepare() {
      const requester = await makeContact(t.ctx, fx.tenant.id, customerId);
      const asRequester = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', requester.id);
      const subject = `Race ${uniq()}`;
      return {
        row: { table: 'contacts', id: requester.id },
        write: () => asRequester.post('/api/v1/portal/tickets', { subject }),
        remove: () => admin.delete(`/api/v1/contacts/${requester.id}`),
        async settled(w) {
          expect((await ticketsWithSubject(subject)).length).toBe(w.statusCode === 201 ? 1 : 0);
          expect(await exists('contacts', requester.id)).toBe(w.statusCode === 201);
          await createdEventsMatchTickets();
        },
      };
    },
  },
];

function expectDocumented(race: Race, w: Response, r: Response): void {
  const context = `${race.name}: write ${w.statusCode} ${w.body.slice(0, 200)} / delete ${r.statusCode} ${r.body.slice(0, 200)}`;
  if (w.statusCode === 401 && race.write.signedOut) {
    expect(errorOf(w)?.code, context).toBe('UNAUTHENTICATED');
  } else if (race.write.refused && w.statusCode === race.write.refused.status) {
    expect(errorOf(w)?.code, context).toBe(race.write.refused.code);
  } else if (w.statusCode !== race.write.ok) {
    expect(w.statusCode, context).toBe(404);
    expect(race.write.missing, context).toContain(errorOf(w)?.code);
  }
  if (r.statusCode !== race.remove.ok) {
    expect(r.statusCode, context).toBe(409);
    expect(errorOf(r)?.code, context).toBe(race.remove.conflict);
  }
}

describe('writes racing the delete of what they reference (issue 10, item 3)', () => {
  for (const race of races) {
    it(`${race.name}: ${ROUNDS} rounds fired together`, { timeout: 60_000 }, async () => {
      const seen = new Set<string>();
      for (let i = 0; i < ROUNDS; i++) {
        const round = await race.prepare();
        // Alternate which request leaves first.
        const [w, r] = i % 2 === 0 ? await Promise.all([round.write(), round.remove()]) : await Promise.all([round.remove(), round.write()]).then(([a, b]) => [b, a] as const);
        expectDocumented(race, w, r);
        await round.settled(w, r);
        seen.add(`${w.statusCode}/${r.statusCode}`);
      }
      expect(seen.size).toBeGreaterThan(0);
    });
  }
});

/**
 * Deletes the row in a transaction of its own and keeps it open until the write waits on
 * that row's lock (its foreign-key check or its UPDATE), then commits: the write's own check
 * saw the row, its write then finds it gone.
 */
async function withDeleteHeldOpen(row: Round['row'], write: () => Promise<Response>): Promise<{ res: Response; waited: boolean }> {
  const holder = new pg.Client(sharedDatabase().connection);
  await holder.connect();
  try {
    await holder.query('begin');
    const deleted = await holder.query(`delete from ${row.table} where id = $1`, [row.id]);
    expect(deleted.rowCount).toBe(1);
    const pid = (await holder.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]?.pid;
    let finished = false;
    const pending = write().finally(() => {
      finished = true;
    });
    let waited = false;
    for (let polls = 0; !finished && !waited && polls < 2000; polls++) {
      const blocked = await holder.query('select 1 from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid]);
      waited = (blocked.rowCount ?? 0) > 0;
      if (!waited) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await holder.query('commit');
    return { res: await pending, waited };
  } finally {
    await holder.end();
  }
}

// PGlite is one session: a transaction held open there would stop every other query.
if (sharedDatabase().engine === 'postgres') {
describe('the same races, the delete committed while the write waits on its row (PostgreSQL)', () => {
  for (const race of races) {
    it(`${race.name}: the write answers ${race.write.missing.join(' or ')}`, { timeout: 30_000 }, async () => {
      for (let i = 0; i < 2; i++) {
        const round = await race.prepare();
        const { res, waited } = await withDeleteHeldOpen(round.row, () => round.write());
        expect(waited, `${race.name}: the write never waited on the deleted row`).toBe(true);
        expect(res.statusCode, `${race.name}: ${res.body.slice(0, 300)}`).toBe(404);
        expect(race.write.missing).toContain(errorOf(res)?.code);
        await round.settled(res, { statusCode: 204, body: '', headers: {}, json: () => null } as unknown as Response);
      }
    });
  }
});
}
