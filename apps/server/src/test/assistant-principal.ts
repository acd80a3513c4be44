import type { ContactPrincipal } from '../platform/auth/principal.ts';
import type { AppContext } from '../platform/context.ts';
import { readStoredSettings } from '../features/portal-settings/portal-settings.repo.ts';

/** A contact as the session guard resolves them (settings read now), for service-level tests. */
export async function loadContactPrincipal(ctx: AppContext, tenantId: string, contactId: string): Promise<ContactPrincipal> {
  const c = await ctx.db
    .selectFrom('contacts as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['c.id', 'c.customer_id', 'cu.name as customer_name', 'c.first_name', 'c.last_name', 'c.email', 'c.username', 'c.is_primary', 'c.language'])
    .where('c.tenant_id', '=', tenantId)
    .where('c.id', '=', contactId)
    .executeTakeFirstOrThrow();
  return {
    kind: 'contact',
    id: c.id,
    tenantId,
    customerId: c.customer_id,
    customerName: c.customer_name,
    firstName: c.first_name,
    lastName: c.last_name,
    email: c.email,
    username: c.username,
    isPrimary: c.is_primary,
    language: c.language,
    phone: null,
    sessionId: 'test',
    portalSettingsRaw: await readStoredSettings(ctx.db, tenantId),
    customFieldKeys: [],
  };
}
