import type { AppContext } from '../../platform/context.ts';
import { createCustomer } from '../customers/customers.service.ts';
import { readMailSettings, readMailSettingsForUpdate, writeMailSettings } from '../mail/mail-settings.repo.ts';

const TRIAGE_NAME = 'Unknown senders (e-mail triage)';

/**
 * A-4 "create the ticket without a customer": tickets need a customer and a requester, so mail
 * from unknown domains lands with a per-tenant triage customer, created on first use, where a
 * technician sorts it (docs/ARCHITECTURE.md, departures).
 */
export async function triageCustomer(ctx: AppContext, tenantId: string): Promise<{ policy: 'reject' } | { policy: 'triage'; customerId: string }> {
  const s = await readMailSettings(ctx.db, tenantId);
  if (s.unknownSenders === 'reject') return { policy: 'reject' };
  if (s.triageCustomerId) {
    const found = await ctx.db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', '=', s.triageCustomerId).executeTakeFirst();
    if (found) return { policy: 'triage', customerId: found.id };
  }
  // Two first mails at once may each create one; the later write wins and the other stays an empty customer.
  const created = await createCustomer(ctx, tenantId, { name: TRIAGE_NAME, domains: [] });
  const customerId = created.id;
  await ctx.db.transaction().execute(async (trx) => {
    const current = await readMailSettingsForUpdate(trx, tenantId);
    await writeMailSettings(trx, tenantId, { ...current, triageCustomerId: customerId });
  });
  return { policy: 'triage', customerId };
}
