import type { PortalMe } from '@porta/contracts/portal';

/**
 * AI-4: whether the contact may open a ticket with the New ticket form. The tenant's option
 * "disable manual ticket creation" makes portal `me` say `manualTickets: false` (and the
 * create API refuse with MANUAL_TICKETS_DISABLED); the portal then sends them to the assistant.
 */
export function manualTicketsAllowed(me: PortalMe): boolean {
  return me.manualTickets;
}
