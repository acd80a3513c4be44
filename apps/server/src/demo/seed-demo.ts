import type { AppContext } from '../platform/context.ts';
import { findDefaultTenant } from '../platform/tenancy/default-tenant.repo.ts';
import { publicBaseUrl, tenantUrl } from '../platform/tenancy/tenant-address.ts';
import { findTenantBySlug } from '../features/tenants/tenants.repo.ts';
import { createTenantWithAdmin } from '../features/tenants/tenants.service.ts';
import { createCustomer } from '../features/customers/customers.service.ts';
import { createContact } from '../features/contacts/contacts.service.ts';
import { DEMO_CUSTOMERS } from './demo-data.ts';
import { seedDemoKb } from './seed-demo-kb.ts';
import { seedDemoTickets } from './seed-demo-tickets.ts';
import { seedDemoMail } from './seed-demo-mail.ts';

const SLUG = 'demo';
const ADMIN = { name: 'Alex Admin', email: 'admin@demo-msp.example', password: 'demo-admin-password' };

/**
 * Seeds the "demo" tenant through the same services the API uses, so demo data obeys
 * every rule real data does. Refuses to run twice rather than mixing with changed data.
 * The printed addresses come from `tenantUrl`: run it with the server's PORT / PORTA_PUBLIC_URL.
 */
export async function seedDemo(ctx: AppContext, print: (line: string) => void): Promise<void> {
  if (await findTenantBySlug(ctx.db, SLUG)) {
    print(`The demo tenant "${SLUG}" already exists; nothing to do. (Start from an empty PORTA_DATA_DIR to seed it again.)`);
    return;
  }
  const { tenant, admin } = await createTenantWithAdmin(ctx, { slug: SLUG, name: 'Demo MSP', admin: ADMIN });
  const logins: string[] = [];
  const contactIds = new Map<string, string>();
  const customerIds = new Map<string, string>();
  for (const c of DEMO_CUSTOMERS) {
    const customer = await createCustomer(ctx, tenant.id, { name: c.name, domains: c.domains });
    customerIds.set(c.name, customer.id);
    for (const p of c.contacts) {
      const { row, credentials } = await createContact(ctx, tenant.id, 'en', { ...p, customerId: customer.id, phone: p.phone ?? null });
      contactIds.set(p.email, row.id);
      const role = p.isPrimary ? 'primary' : 'contact';
      logins.push(`  ${credentials.username.padEnd(20)} ${credentials.password}   ${role.padEnd(8)} ${p.language}  ${c.name}`);
    }
  }
  const tickets = await seedDemoTickets(ctx, tenant.id, admin.id, contactIds);
  const articles = await seedDemoKb(ctx, tenant.id, admin.id, customerIds);
  const inbound = `${SLUG}@${ctx.config.mail.domain}`;
  await seedDemoMail(ctx, tenant.id, inbound);
  // The same address every mail and the start banner give this tenant (PORT / PORTA_PUBLIC_URL).
  const url = await tenantUrl(ctx, tenant);
  const fallback = await findDefaultTenant(ctx.db);
  print(`Demo MSP seeded: 3 customers, 10 contacts, ${tickets} tickets in every status, ${articles} knowledge-base articles in five languages.`);
  print('');
  print(`Console  ${url}/console`);
  print(`  ${ADMIN.email}  ${ADMIN.password}   admin`);
  print('');
  print(`E-mail   welcome e-mails on; mail to ${inbound} (PORTA_SMTP_PORT) opens tickets; without SMTP, mails wait in Admin › Outbox`);
  print('');
  print(`Portal   ${url}/`);
  for (const line of logins) print(line);
  if (fallback && fallback.id !== tenant.id) {
    print('');
    print(`${publicBaseUrl(ctx.config)}/ stays the address of "${fallback.slug}" (the default tenant); \`npm run porta -- tenant default ${SLUG}\` gives it to the demo.`);
  }
}
