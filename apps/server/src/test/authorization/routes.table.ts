import { Secret, TOTP } from 'otpauth';
import { encrypt } from '../../platform/crypto/keys.ts';
import { uniq } from '../factories.ts';
import { admins, contacts, everyone, type Expect, personal, technicians } from './expectations.ts';
import { DEVICE_ROWS } from './routes.devices.ts';
import { DOMAIN_ROWS } from './routes.domains.ts';
import { KB_ROWS } from './routes.kb.ts';
import { MAIL_ROWS } from './routes.mail.ts';
import { TICKET_ROWS } from './routes.tickets.ts';
import { SELF_SERVICE_ROWS } from './routes.self-service.ts';
import { ASSISTANT_ROWS } from './routes.assistant.ts';
import { BRANDING_ROWS } from './routes.branding.ts';
import { WEBHOOK_ROWS } from './routes.webhooks.ts';
import { IMPORT_ROWS } from './routes.imports.ts';
import { IMPORTS_ATERA_ROWS } from './routes.imports-atera.ts';
import { type Actor, targets, type World } from './world.ts';

export interface Call {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** The target's state, read before and after a denied call: it must not change. */
  snapshot?: () => Promise<unknown>;
  /** Undo an allowed call that would disturb later cases. */
  after?: () => Promise<void>;
}

export interface Row {
  expect: Expect;
  /** Make a new person per case: the route changes the caller's own password or TOTP. */
  freshCaller?: boolean;
  call(w: World, a: Actor): Promise<Call> | Call;
}

const NO_SUCH_EMAIL = 'authz-nobody@msp.example.com';

export const row = (w: World) => ({
  customer: (id: string) => () => w.ctx.db.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst(),
  contact: (id: string) => () => w.ctx.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst(),
  technician: (id: string) => () => w.ctx.db.selectFrom('technicians').selectAll().where('id', '=', id).executeTakeFirst(),
  apiKey: (id: string) => () => w.ctx.db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst(),
});

/**
 * Every route under /api/v1, as `METHOD /path` exactly as registered, with what each role
 * gets. A route missing here fails the suite: a new route must say who may call it.
 */
export const TABLE: Record<string, Row> = {
  ...TICKET_ROWS,
  ...KB_ROWS,
  ...DEVICE_ROWS,
  ...MAIL_ROWS,
  ...SELF_SERVICE_ROWS,
  ...ASSISTANT_ROWS,
  ...BRANDING_ROWS,
  ...DOMAIN_ROWS,
  ...WEBHOOK_ROWS,
  ...IMPORT_ROWS,
  ...IMPORTS_ATERA_ROWS,

  // Public: setup, tenant branding, sign-in.
  'GET /api/v1/setup/status': { expect: everyone(200), call: () => ({ url: '/api/v1/setup/status' }) },
  'POST /api/v1/setup': {
    // Tenants exist: setup is over for everyone, whatever they hold.
    expect: everyone(409),
    call: () => ({
      url: '/api/v1/setup',
      body: { token: 'guess', tenant: { slug: `authz-${uniq()}`, name: 'X' }, admin: { name: 'X', email: 'x@example.com', password: 'long-enough-password' } },
    }),
  },
  'GET /api/v1/tenant': { expect: everyone(200), call: () => ({ url: '/api/v1/tenant' }) },
  'POST /api/v1/auth/login': { expect: everyone(401), call: () => ({ url: '/api/v1/auth/login', body: { email: NO_SUCH_EMAIL, password: 'wrong' } }) },
  'POST /api/v1/portal/auth/login': { expect: everyone(401), call: () => ({ url: '/api/v1/portal/auth/login', body: { username: 'authz-nobody', password: 'wrong' } }) },

  // A technician's own account.
  'GET /api/v1/me': { expect: { ...personal(200), readKey: 200, writeKey: 200 }, call: () => ({ url: '/api/v1/me' }) },
  'PATCH /api/v1/me': { expect: personal(200), call: () => ({ url: '/api/v1/me', body: { language: 'en' } }) },
  'POST /api/v1/auth/logout': { expect: personal(200), call: () => ({ url: '/api/v1/auth/logout', body: { everywhere: true } }) },
  'POST /api/v1/me/password': {
    expect: personal(200),
    freshCaller: true,
    call: (_w, a) => ({ url: '/api/v1/me/password', body: { currentPassword: a.person?.password ?? 'wrong', newPassword: 'a-new-password-1' } }),
  },
  'POST /api/v1/me/totp/setup': { expect: personal(200), call: () => ({ url: '/api/v1/me/totp/setup' }) },
  'POST /api/v1/me/totp/enable': {
    expect: personal(200),
    freshCaller: true,
    async call(w, a) {
      const secret = new Secret({ size: 20 });
      if (a.person?.kind === 'technician') {
        await w.ctx.db.updateTable('technicians').set({ totp_pending_enc: encrypt(w.ctx.keys, secret.base32) }).where('id', '=', a.person.id).execute();
      }
      return { url: '/api/v1/me/totp/enable', body: { code: new TOTP({ secret }).generate() } };
    },
  },
  'POST /api/v1/me/totp/disable': { expect: personal(200), call: (_w, a) => ({ url: '/api/v1/me/totp/disable', body: { password: a.person?.password ?? 'wrong' } }) },

  // Tenant settings.
  // D-3: a reverse proxy asks without any session; the answer names no tenant.
  'GET /api/v1/tls/allowed': { expect: everyone(200), call: (w) => ({ url: `/api/v1/tls/allowed?domain=${encodeURIComponent(w.T.host)}` }) },
  'GET /api/v1/settings/tls': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/tls' }) },
  'GET /api/v1/settings/security': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/security' }) },
  'PATCH /api/v1/settings/security': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/settings/security',
      body: { requireTotp: true },
      snapshot: () => w.ctx.db.selectFrom('tenants').select('require_totp').where('id', '=', w.T.tenant.id).executeTakeFirst(),
      after: async () => {
        await w.ctx.db.updateTable('tenants').set({ require_totp: false }).where('id', 'in', [w.T.tenant.id, w.U.tenant.id]).execute();
      },
    }),
  },

  // Technicians (admins only).
  'GET /api/v1/technicians': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/technicians' }) },
  'POST /api/v1/technicians': {
    expect: admins({ ok: 201, write: true, ownHost: 201 }),
    call: (w) => {
      const email = `authz-${uniq()}@msp.example.com`;
      return {
        url: '/api/v1/technicians',
        body: { name: 'New', email, password: 'long-enough-password' },
        snapshot: () => w.ctx.db.selectFrom('technicians').select('id').where('email', '=', email).execute(),
      };
    },
  },
  'GET /api/v1/technicians/:id': { expect: admins({ ok: 200, ownHost: 404 }), call: (w) => ({ url: `/api/v1/technicians/${w.people.technician.id}` }) },
  'PATCH /api/v1/technicians/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.technician(w);
      return { url: `/api/v1/technicians/${id}`, body: { name: 'Renamed', isAdmin: true }, snapshot: row(w).technician(id) };
    },
  },
  'DELETE /api/v1/technicians/:id': {
    expect: admins({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.technician(w);
      return { url: `/api/v1/technicians/${id}`, snapshot: row(w).technician(id) };
    },
  },

  // API keys: signed-in admins only, never with a key.
  'GET /api/v1/api-keys': { expect: admins({ ok: 200, ownHost: 200, apiKeys: false }), call: () => ({ url: '/api/v1/api-keys' }) },
  'POST /api/v1/api-keys': { expect: admins({ ok: 201, write: true, ownHost: 201, apiKeys: false }), call: () => ({ url: '/api/v1/api-keys', body: { name: 'authz', scope: 'write' } }) },
  'DELETE /api/v1/api-keys/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404, apiKeys: false }),
    async call(w) {
      const { id } = await targets.apiKey(w);
      return { url: `/api/v1/api-keys/${id}`, snapshot: row(w).apiKey(id) };
    },
  },

  // First-run checklist (issue 9 item 5).
  'GET /api/v1/onboarding': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/onboarding' }) },
  'POST /api/v1/onboarding/portal-address': {
    expect: technicians({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/onboarding/portal-address',
      snapshot: () => w.ctx.db.selectFrom('tenants').select('portal_address_shared_at').where('id', '=', w.T.tenant.id).executeTakeFirst(),
    }),
  },

  // Customers.
  'GET /api/v1/customers': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/customers' }) },
  'POST /api/v1/customers': {
    expect: technicians({ ok: 201, write: true, ownHost: 201 }),
    call: (w) => {
      const name = `Authz ${uniq()}`;
      return { url: '/api/v1/customers', body: { name }, snapshot: () => w.ctx.db.selectFrom('customers').select('id').where('name', '=', name).execute() };
    },
  },
  'GET /api/v1/customers/:id': { expect: technicians({ ok: 200, ownHost: 404 }), call: (w) => ({ url: `/api/v1/customers/${w.customerA.id}` }) },
  'PATCH /api/v1/customers/:id': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.customer(w);
      return { url: `/api/v1/customers/${id}`, body: { name: 'Renamed', domains: [`authz-${uniq()}.example.com`] }, snapshot: row(w).customer(id) };
    },
  },
  'DELETE /api/v1/customers/:id': {
    expect: technicians({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.customer(w);
      return { url: `/api/v1/customers/${id}`, snapshot: row(w).customer(id) };
    },
  },

  // Contacts.
  'GET /api/v1/contacts/defaults': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/contacts/defaults' }) },
  'GET /api/v1/contacts': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/contacts' }) },
  'POST /api/v1/contacts': {
    expect: technicians({ ok: 201, write: true, ownHost: 404 }),
    call: (w) => {
      const email = `authz-${uniq()}@customer.example.com`;
      return {
        url: '/api/v1/contacts',
        body: { customerId: w.customerA.id, firstName: 'New', lastName: 'Contact', email },
        snapshot: () => w.ctx.db.selectFrom('contacts').select('id').where('email', '=', email).execute(),
      };
    },
  },
  'GET /api/v1/contacts/:id': { expect: technicians({ ok: 200, ownHost: 404 }), call: (w) => ({ url: `/api/v1/contacts/${w.people.contact.id}` }) },
  'PATCH /api/v1/contacts/:id': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.contact(w);
      return { url: `/api/v1/contacts/${id}`, body: { firstName: 'Renamed', isPrimary: true }, snapshot: row(w).contact(id) };
    },
  },
  'DELETE /api/v1/contacts/:id': {
    expect: technicians({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.contact(w);
      return { url: `/api/v1/contacts/${id}`, snapshot: row(w).contact(id) };
    },
  },
  'POST /api/v1/contacts/:id/credentials': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const { id } = await targets.contact(w);
      return { url: `/api/v1/contacts/${id}/credentials`, snapshot: row(w).contact(id) };
    },
  },

  // Portal (contacts).
  'POST /api/v1/portal/auth/logout': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/auth/logout', body: { everywhere: true } }) },
  'GET /api/v1/portal/me': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/me' }) },
  // #9 item 8: every contact has a home (blocks for the sections they have); nobody else.
  'GET /api/v1/portal/home': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/home' }) },
  'PATCH /api/v1/portal/me': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/me', body: { language: 'en' } }) },
  'POST /api/v1/portal/me/password': {
    expect: contacts(200),
    freshCaller: true,
    call: (_w, a) => ({ url: '/api/v1/portal/me/password', body: { currentPassword: a.person?.password ?? 'wrong', newPassword: 'a-new-password-1' } }),
  },
};
