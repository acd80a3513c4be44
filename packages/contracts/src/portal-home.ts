import { z } from 'zod';
import { portalKbItemSchema } from './kb.ts';
import { ticketSummarySchema } from './tickets.ts';

/**
 * GET /api/v1/portal/home (#9 item 8): everything the portal home shows, in one answer. A block
 * is present only when its section is on for the contact's customer.
 */
export const portalHomeSchema = z.object({
  tickets: z
    .object({
      /** The contact's own open tickets (open-category statuses the portal shows). */
      openCount: z.number().int(),
      /** Primary contacts: the open tickets of their whole company; null for others. */
      companyOpenCount: z.number().int().nullable(),
      /** The contact's latest open tickets, most recently active first (at most 5). */
      latest: z.array(ticketSummarySchema),
    })
    .optional(),
  kb: z.object({ mostRead: z.array(portalKbItemSchema) }).optional(),
});
export type PortalHome = z.infer<typeof portalHomeSchema>;
