import { randomBytes } from 'node:crypto';
import type { Language } from '@porta/contracts/common';
import type { AppContext } from '../platform/context.ts';
import { createContact } from '../features/contacts/contacts.service.ts';
import { createCustomer } from '../features/customers/customers.service.ts';
import { createTechnician } from '../features/technicians/technicians.service.ts';
import { createTenantWithAdmin } from '../features/tenants/tenants.service.ts';

/** Short random text for unique slugs, names and e-mail addresses. */
export function uniq(bytes = 5): string {
  return randomBytes(bytes).toString('hex');
}

export function password(): string {
  return `Pw-${randomBytes(12).toString('base64url')}`;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
}

export interface TenantFixture {
  tenant: { id: string; slug: string; name: string; defaultLanguage: Language };
  /** The Host header that reaches the tenant: `<slug>.localhost`. */
  host: string;
  admin: Person;
}

/** A new tenant (random slug) and its first admin, through the service setup and the CLI use. */
export async function makeTenant(ctx: AppContext, opts: { language?: Language; name?: string } = {}): Promise<TenantFixture> {
  const slug = `t-${uniq()}`;
  const admin = { name: 'Ada Admin', email: `admin-${uniq()}@msp.example.com`, password: password() };
  const created = await createTenantWithAdmin(ctx, { slug, name: opts.name ?? `MSP ${slug}`, ...(opts.language && { language: opts.language }), admin });
  return {
    tenant: { id: created.tenant.id, slug, name: created.tenant.name, defaultLanguage: created.tenant.default_language as Language },
    host: `${slug}.localhost`,
    admin: { ...admin, id: created.admin.id },
  };
}

export async function makeCustomer(ctx: AppContext, tenantId: string, opts: { name?: string; domains?: string[] } = {}) {
  const row = await createCustomer(ctx, tenantId, { name: opts.name ?? `Customer ${uniq()}`, domains: opts.domains ?? [] });
  return { id: row.id, name: row.name };
}

export interface ContactFixture {
  id: string;
  customerId: string;
  email: string;
  username: string;
  password: string;
}

export async function makeContact(
  ctx: AppContext,
  tenantId: string,
  customerId: string,
  opts: { firstName?: string; lastName?: string; email?: string; isPrimary?: boolean; language?: Language; phone?: string } = {},
): Promise<ContactFixture> {
  const email = opts.email ?? `contact-${uniq()}@customer.example.com`;
  const { row, credentials } = await createContact(ctx, tenantId, 'en', {
    customerId,
    firstName: opts.firstName ?? 'Carla',
    lastName: opts.lastName ?? `Contact${uniq(3)}`,
    email,
    isPrimary: opts.isPrimary ?? false,
    ...(opts.language && { language: opts.language }),
    ...(opts.phone && { phone: opts.phone }),
  });
  return { id: row.id, customerId, email, username: credentials.username, password: credentials.password };
}

export async function makeTechnician(ctx: AppContext, tenantId: string, opts: { isAdmin?: boolean; language?: Language } = {}): Promise<Person> {
  const person = { name: `Tech ${uniq(3)}`, email: `tech-${uniq()}@msp.example.com`, password: password() };
  const row = await createTechnician(ctx, tenantId, { ...person, isAdmin: opts.isAdmin ?? false, language: opts.language ?? 'en' });
  return { ...person, id: row.id };
}
