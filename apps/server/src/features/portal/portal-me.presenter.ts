import type { Language } from '@porta/contracts/common';
import type { PortalUser } from '@porta/contracts/portal';
import type { ContactPrincipal, ResolvedTenant } from '../../platform/auth/principal.ts';
import { manualTicketsDisabled, resolvePortalSettings, sectionEnabled } from '../portal-settings/portal-settings.model.ts';

/**
 * Sections follow the portal settings (T-2, KB-2, SS-3, AI-2). `manualTickets` is false when
 * the tenant sends contacts to the assistant instead of the New ticket form (AI-4).
 */
export function presentPortalUser(c: ContactPrincipal, tenant: ResolvedTenant): PortalUser {
  const settings = resolvePortalSettings(c.portalSettingsRaw);
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
    sections: { tickets: sectionEnabled(settings.sections.tickets, c.customerId), kb: sectionEnabled(settings.sections.kb, c.customerId), assistant: sectionEnabled(settings.sections.assistant, c.customerId), selfService: sectionEnabled(settings.sections.selfService, c.customerId) },
    manualTickets: !manualTicketsDisabled(settings, c.customerId),
  };
}
