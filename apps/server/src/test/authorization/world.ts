import { encrypt } from '../../platform/crypto/keys.ts';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import { insertTechnician } from '../../features/technicians/technicians.repo.ts';
import type { AppContext } from '../../platform/context.ts';
import type { FastifyInstance } from 'fastify';
import { createTicket } from '../../features/tickets/tickets.service.ts';
import { insertCustomField } from '../../features/custom-fields/custom-fields.repo.ts';
import { insertStatus } from '../../features/ticket-statuses/ticket-statuses.repo.ts';
import { type Client, client, mintSession } from '../client.ts';
import { multipartFile } from '../multipart.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant, type TenantFixture, uniq } from '../factories.ts';

/** Everyone the suite calls as (DESIGN.md, invariant 2). "foreign" = of another tenant. */
export const ROLES = [
  'anonymous',
  'contact',
  'primaryContact',
  /** Another non-primary contact of the same customer (A-5: sees only their own tickets). */
  'colleagueContact',
  'otherCustomerContact',
  'technician',
  'admin',
  'readKey',
  'writeKey',
  /** Another tenant's admin, with its own cookie, on the target tenant's host. */
  'foreignAdmin',
  /** Another tenant's admin on its own host, naming the target tenant's object ids. */
  'foreignAdminOwnHost',
  'foreignContact',
  'foreignKey',
] as const;
export type Role = (typeof ROLES)[number];

export interface Person {
  kind: 'technician' | 'contact';
  id: string;
  tenantId: string;
  password: string;
}

export interface Actor {
  role: Role;
  client: Client;
  /** The signed-in person, when the role is one. */
  person: Person | null;
}

/** Two tenants: T, the target, with two customers, their contacts, a technician and API keys; U, the other one. */
export interface World {
  app: FastifyInstance;
  ctx: AppContext;
  T: TenantFixture;
  U: TenantFixture;
  customerA: { id: string };
  customerB: { id: string };
  people: {
    contact: Person;
    primaryContact: Person;
    colleagueContact: Person;
    otherCustomerContact: Person;
    technician: Person;
    admin: Person;
    foreignAdmin: Person;
    foreignContact: Person;
  };
  /** A ticket of `contact` (customer A) with one attachment, and a custom field: read-only targets. */
  ticket: { id: string; attachmentId: string };
  customFieldId: string;
  keys: { read: string; write: string; foreign: string };
  /** Ids of T's objects that must never appear in an answer to another tenant. */
  targetIds: string[];
}

async function insertKey(ctx: AppContext, tenantId: string, technicianId: string, scope: 'read' | 'write'): Promise<{ id: string; secret: string }> {
  const secret = `porta_${randomToken(30)}`;
  const row = await ctx.db
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, technician_id: technicianId, name: `authz ${scope}`, scope, prefix: secret.slice(0, 12), secret_hash: hashToken(secret) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, secret };
}

/** A ticket opened by `requesterId` (a contact), through the service. */
export function newTicket(ctx: AppContext, tenantId: string, requesterId: string): Promise<string> {
  return createTicket(
    ctx,
    tenantId,
    { requesterId, subject: `Printer ${uniq()}`, description: 'It jams.', priority: 'medium', type: 'incident', impact: 'low' },
    { contactId: requesterId, technicianId: null },
  ).then((created) => created.ticket.id);
}

/** Uploads a small text file to a ticket through the console API, as the tenant's admin. */
async function uploadAttachment(app: FastifyInstance, ctx: AppContext, T: TenantFixture, ticketId: string): Promise<string> {
  const admin = await mintSession(app, ctx, T.host, T.tenant.id, 'technician', T.admin.id);
  const file = multipartFile('notes.txt', 'printer log');
  const res = await admin.request('POST', `/api/v1/tickets/${ticketId}/attachments`, { body: file.body, headers: file.headers });
  if (res.statusCode !== 201) throw new Error(`attachment upload failed: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

export async function buildWorld(app: FastifyInstance, ctx: AppContext): Promise<World> {
  const T = await makeTenant(ctx);
  const U = await makeTenant(ctx);
  const customerA = await makeCustomer(ctx, T.tenant.id, { name: 'Customer A' });
  const customerB = await makeCustomer(ctx, T.tenant.id, { name: 'Customer B' });
  const contact = await makeContact(ctx, T.tenant.id, customerA.id);
  const primary = await makeContact(ctx, T.tenant.id, customerA.id, { isPrimary: true });
  const colleague = await makeContact(ctx, T.tenant.id, customerA.id);
  const other = await makeContact(ctx, T.tenant.id, customerB.id);
  const tech = await makeTechnician(ctx, T.tenant.id);
  const foreignCustomer = await makeCustomer(ctx, U.tenant.id);
  const foreignContact = await makeContact(ctx, U.tenant.id, foreignCustomer.id);
  const asPerson = (kind: Person['kind'], tenantId: string, p: { id: string; password: string }): Person => ({ kind, tenantId, id: p.id, password: p.password });
  const ticketId = await newTicket(ctx, T.tenant.id, contact.id);
  const attachmentId = await uploadAttachment(app, ctx, T, ticketId);
  const field = await insertCustomField(ctx.db, T.tenant.id, { key: `f${uniq()}`, label: 'Asset tag', type: 'text', options: [], position: 0 });
  return {
    app,
    ctx,
    T,
    U,
    customerA,
    customerB,
    people: {
      contact: asPerson('contact', T.tenant.id, contact),
      primaryContact: asPerson('contact', T.tenant.id, primary),
      colleagueContact: asPerson('contact', T.tenant.id, colleague),
      otherCustomerContact: asPerson('contact', T.tenant.id, other),
      technician: asPerson('technician', T.tenant.id, tech),
      admin: asPerson('technician', T.tenant.id, T.admin),
      foreignAdmin: asPerson('technician', U.tenant.id, U.admin),
      foreignContact: asPerson('contact', U.tenant.id, foreignContact),
    },
    keys: {
      read: (await insertKey(ctx, T.tenant.id, T.admin.id, 'read')).secret,
      write: (await insertKey(ctx, T.tenant.id, T.admin.id, 'write')).secret,
      foreign: (await insertKey(ctx, U.tenant.id, U.admin.id, 'write')).secret,
    },
    ticket: { id: ticketId, attachmentId },
    customFieldId: field.id,
    targetIds: [T.tenant.id, T.admin.id, tech.id, customerA.id, customerB.id, contact.id, primary.id, colleague.id, other.id, ticketId, attachmentId, field.id],
  };
}

/** A person like the role's, made for one case (for routes that change the caller's own password or TOTP). */
async function freshPerson(w: World, role: Role): Promise<Person | null> {
  const { ctx, T, U } = w;
  const contactIn = async (tenantId: string, customerId: string, isPrimary = false) => {
    const c = await makeContact(ctx, tenantId, customerId, { isPrimary });
    return { kind: 'contact' as const, tenantId, id: c.id, password: c.password };
  };
  const techIn = async (tenantId: string, isAdmin: boolean) => {
    const p = await makeTechnician(ctx, tenantId, { isAdmin });
    return { kind: 'technician' as const, tenantId, id: p.id, password: p.password };
  };
  switch (role) {
    case 'contact':
      return contactIn(T.tenant.id, w.customerA.id);
    case 'primaryContact':
      return contactIn(T.tenant.id, w.customerA.id, true);
    case 'colleagueContact':
      return contactIn(T.tenant.id, w.customerA.id);
    case 'otherCustomerContact':
      return contactIn(T.tenant.id, w.customerB.id);
    case 'technician':
      return techIn(T.tenant.id, false);
    case 'admin':
      return techIn(T.tenant.id, true);
    case 'foreignAdmin':
    case 'foreignAdminOwnHost':
      return techIn(U.tenant.id, true);
    case 'foreignContact':
      return contactIn(U.tenant.id, (await makeCustomer(ctx, U.tenant.id)).id);
    default:
      return null;
  }
}

function sharedPerson(w: World, role: Role): Person | null {
  const p = w.people;
  const byRole: Partial<Record<Role, Person>> = {
    contact: p.contact,
    primaryContact: p.primaryContact,
    colleagueContact: p.colleagueContact,
    otherCustomerContact: p.otherCustomerContact,
    technician: p.technician,
    admin: p.admin,
    foreignAdmin: p.foreignAdmin,
    foreignAdminOwnHost: p.foreignAdmin,
    foreignContact: p.foreignContact,
  };
  return byRole[role] ?? null;
}

/** The caller for one case: a new session every time, so logouts and password changes never leak into other cases. */
export async function actorFor(w: World, role: Role, fresh: boolean): Promise<Actor> {
  const { app, ctx, T, U } = w;
  if (role === 'anonymous') return { role, client: client(app, T.host), person: null };
  if (role === 'readKey' || role === 'writeKey' || role === 'foreignKey') {
    const bearer = role === 'readKey' ? w.keys.read : role === 'writeKey' ? w.keys.write : w.keys.foreign;
    return { role, client: client(app, T.host, { bearer }), person: null };
  }
  const person = (fresh ? await freshPerson(w, role) : sharedPerson(w, role)) as Person;
  const host = role === 'foreignAdminOwnHost' ? U.host : T.host;
  return { role, person, client: await mintSession(app, ctx, host, person.tenantId, person.kind, person.id) };
}

/**
 * Objects made per case for routes that change or delete their target. Inserted directly
 * (no argon2): nobody signs in as them, they are only read, changed or deleted.
 */
export const targets = {
  async customer(w: World) {
    return makeCustomer(w.ctx, w.T.tenant.id, { name: `Target ${uniq()}` });
  },
  async contact(w: World) {
    return w.ctx.db
      .insertInto('contacts')
      .values({
        tenant_id: w.T.tenant.id,
        customer_id: w.customerA.id,
        first_name: 'Target',
        last_name: uniq(),
        email: `target-${uniq()}@customer.example.com`,
        username: `target.${uniq()}`,
        password_hash: 'not-a-hash',
        initial_password_enc: encrypt(w.ctx.keys, 'target-password'),
        is_primary: false,
        language: 'en',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
  },
  async technician(w: World) {
    return insertTechnician(w.ctx.db, w.T.tenant.id, { name: 'Target', email: `target-${uniq()}@msp.example.com`, passwordHash: 'not-a-hash', isAdmin: false, language: 'en' });
  },
  async apiKey(w: World) {
    return insertKey(w.ctx, w.T.tenant.id, w.T.admin.id, 'read');
  },
  /** A ticket of `contact`, the one the portal rows expect contact and primary contact to reach. */
  async ticket(w: World) {
    return { id: await newTicket(w.ctx, w.T.tenant.id, w.people.contact.id) };
  },
  async status(w: World) {
    return insertStatus(w.ctx.db, w.T.tenant.id, { key: `s-${uniq()}`, name: 'Waiting for parts', category: 'open', position: 50 });
  },
  async customField(w: World) {
    return insertCustomField(w.ctx.db, w.T.tenant.id, { key: `f${uniq()}`, label: 'Cost centre', type: 'text', options: [], position: 50 });
  },
};
