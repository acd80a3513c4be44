import type { AppContext } from '../../platform/context.ts';
import { bareAddress, domainOf } from '../../platform/mail/header-safety.ts';
import { tenantOfInboundAddress } from '../mail/mail-settings.repo.ts';

/**
 * Which tenant a recipient address reaches: `<slug>@<PORTA_MAIL_DOMAIN>`, an address an admin
 * added, or (single-tenant install) any address at all.
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
  const only = await ctx.db.selectFrom('tenants').select('id').limit(2).execute();
  return only.length === 1 ? only[0]?.id : undefined;
}
