import type { Language } from '@porta/contracts/common';
import type { PortalUser } from '@porta/contracts/portal';
import type { ContactPrincipal, ResolvedTenant } from '../../platform/auth/principal.ts';
import { resolvePortalSettings, sectionEnabled } from '../portal-settings/portal-settings.model.ts';

/**
 * Sections follow the portal settings (T-2). The KB, assistant and self-service sections
 * arrive with their features; until then they are off.
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
    sections: { tickets: sectionEnabled(resolvePortalSettings(c.portalSettingsRaw).sections.tickets, c.customerId), kb: false, assistant: false, selfService: false },
  };
}
