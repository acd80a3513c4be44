import type { PortalMe } from '@porta/contracts/portal';

/**
 * AI-4: whether the contact may open a ticket with the New ticket form. The tenant's option
 * "disable manual ticket creation" makes portal `me` say `manualTickets: false` (the field
 * arrives with the assistant's server work; read loosely so a `me` without it means allowed).
 */
export function manualTicketsAllowed(me: PortalMe): boolean {
  return (me as PortalMe & { manualTickets?: boolean }).manualTickets !== false;
}
