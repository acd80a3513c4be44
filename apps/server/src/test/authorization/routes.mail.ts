import { queueMail } from '../../features/mail/queued-mail.ts';
import { admins, contacts, everyone, technicians } from './expectations.ts';
import type { Row } from './routes.table.ts';
import { targets, type World } from './world.ts';

const outboxRow = (w: World, id: string) => () => w.ctx.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();

async function heldMail(w: World): Promise<string> {
  const messageId = await queueMail(w.ctx, w.ctx.db, w.T.tenant.id, { kind: 'notification', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'X', address: 'x@customer.example.com' }, subject: 'Authz', text: 'Body' });
  const id = messageId.slice(1, 37);
  await w.ctx.db.updateTable('outbox').set({ status: 'held' }).where('id', '=', id).execute();
  return id;
}

async function failedInbound(w: World): Promise<string> {
  const row = await w.ctx.db
    .insertInto('mail_inbound')
    .values({ tenant_id: w.T.tenant.id, content_hash: `authz-${Math.random()}`, status: 'failed', reason: 'unreadable', raw: Buffer.from('not a mail') })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Issue 5: mail settings, the outbox, inbound mail, the welcome mail and password reset. */
export const MAIL_ROWS: Record<string, Row> = {
  'GET /api/v1/settings/mail': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/mail' }) },
  'PATCH /api/v1/settings/mail': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/settings/mail',
      body: { fromName: 'Authz support' },
      snapshot: () => w.ctx.db.selectFrom('mail_settings').selectAll().where('tenant_id', '=', w.T.tenant.id).executeTakeFirst(),
    }),
  },
  'POST /api/v1/settings/portal/welcome-preview': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: () => ({ url: '/api/v1/settings/portal/welcome-preview', body: { language: 'en' } }),
  },
  'GET /api/v1/mail/outbox': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/mail/outbox' }) },
  'GET /api/v1/mail/outbox/:id': {
    expect: admins({ ok: 200, ownHost: 404 }),
    async call(w) {
      return { url: `/api/v1/mail/outbox/${await heldMail(w)}` };
    },
  },
  'POST /api/v1/mail/outbox/:id/retry': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await heldMail(w);
      return { url: `/api/v1/mail/outbox/${id}/retry`, snapshot: outboxRow(w, id) };
    },
  },
  'GET /api/v1/mail/inbound': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/mail/inbound' }) },
  'POST /api/v1/mail/inbound/:id/reprocess': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await failedInbound(w);
      return { url: `/api/v1/mail/inbound/${id}/reprocess`, snapshot: () => w.ctx.db.selectFrom('mail_inbound').select(['id', 'status']).where('tenant_id', '=', w.T.tenant.id).where('status', '=', 'failed').execute() };
    },
  },
  'POST /api/v1/contacts/:id/welcome-email': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.contact(w);
      return {
        url: `/api/v1/contacts/${id}/welcome-email`,
        snapshot: () => w.ctx.db.selectFrom('outbox').select('id').where('tenant_id', '=', w.T.tenant.id).where('topic', '=', 'contact.welcome').execute(),
      };
    },
  },
  'GET /api/v1/portal/me/mail': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/me/mail' }) },
  'PATCH /api/v1/portal/me/mail': {
    // Only a primary contact may opt in to the company's tickets; others are refused (403).
    expect: { ...contacts(403), primaryContact: 200 },
    call: (w) => ({
      url: '/api/v1/portal/me/mail',
      body: { notifyCompanyTickets: false },
      snapshot: () => w.ctx.db.selectFrom('contacts').select(['id', 'notify_company_tickets']).where('tenant_id', '=', w.T.tenant.id).orderBy('id').execute(),
    }),
  },
  // Public by nature: the answer never tells whether an account exists.
  'POST /api/v1/portal/auth/forgot-password': { expect: everyone(200), call: () => ({ url: '/api/v1/portal/auth/forgot-password', body: { login: 'authz-nobody' } }) },
  'POST /api/v1/portal/auth/reset-password': {
    expect: everyone(400),
    call: () => ({ url: '/api/v1/portal/auth/reset-password', body: { token: 'not-a-real-reset-token', newPassword: 'long-enough-password' } }),
  },
};
