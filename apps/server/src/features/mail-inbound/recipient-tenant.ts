import type { AppContext } from '../../platform/context.ts';
import { bareAddress, domainOf } from '../../platform/mail/header-safety.ts';
import { findDefaultTenant } from '../../platform/tenancy/default-tenant.repo.ts';
import { tenantOfInboundAddress } from '../mail/mail-settings.repo.ts';

/**
 * Which tenant a recipient address reaches, in the order hosts are resolved (tenant-resolver.ts):
 * `<slug>@<PORTA_MAIL_DOMAIN>`, then an address an admin added, then the default tenant (the
 * first tenant unless `porta tenant default` chose another, or none: then the mail is refused).
 * A single-server install therefore keeps receiving its mail after `npm run demo` adds a tenant.
 */
export async function tenantOfRecipient(ctx: AppContext, recipient: string): Promise<string | undefined> {
  const address = bareAddress(recipient);
  if (domainOf(address) === ctx.config.mail.domain) {
    const slug = address.slice(0, address.lastIndexOf('@'));
    const row = await ctx.db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst();
    if (row) return row.id;
  }
  const added = await tenantOfInboundAddress(ctx.db, address);
  if (added) return added;
  return (await findDefaultTenant(ctx.db))?.id;
}
