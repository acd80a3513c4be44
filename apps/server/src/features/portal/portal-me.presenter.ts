import type { Language } from '@porta/contracts/common';
import type { PortalUser } from '@porta/contracts/portal';
import type { ContactPrincipal, ResolvedTenant } from '../../platform/auth/principal.ts';

/**
 * Portal sections arrive with their features (tickets, KB, assistant, self-service);
 * until a feature and its portal setting exist, its section is off.
 */
export function presentPortalUser(c: ContactPrincipal, tenant: ResolvedTenant): PortalUser {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    username: c.username,
    language: c.language as Language,
    phone: c.phone,
    isPrimary: c.isPrimary,
    customer: { id: c.customerId, name: c.customerName },
    tenant: { slug: tenant.slug, name: tenant.name },
    sections: { tickets: false, kb: false, assistant: false, selfService: false },
  };
}
