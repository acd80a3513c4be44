import type { AppContext } from '../platform/context.ts';
import { insertCustomField } from '../features/custom-fields/custom-fields.repo.ts';
import { updatePortalSettings } from '../features/portal-settings/portal-settings.service.ts';
import { findTicket } from '../features/tickets/tickets.repo.ts';
import { addComment, applyChange, createTicket } from '../features/tickets/tickets.service.ts';
import { DEMO_CUSTOM_FIELDS, DEMO_TICKETS } from './demo-tickets.ts';

/** Custom fields (shown in the portal), then tickets with threads through the ticket services. */
export async function seedDemoTickets(ctx: AppContext, tenantId: string, adminId: string, contactIds: Map<string, string>): Promise<number> {
  for (const [position, f] of DEMO_CUSTOM_FIELDS.entries()) await insertCustomField(ctx.db, tenantId, { ...f, position });
  await updatePortalSettings(ctx, tenantId, {
    fieldVisibility: { 'custom.assetTag': 'edit', 'custom.site': 'edit', 'custom.usersAffected': 'edit' },
  });
  const technician = { contactId: null, technicianId: adminId };
  for (const t of DEMO_TICKETS) {
    const requesterId = contactIds.get(t.requester);
    if (!requesterId) throw new Error(`Demo ticket requester ${t.requester} is not a demo contact`);
    const { id } = (await createTicket(ctx, tenantId, { requesterId, subject: t.subject, description: t.description, priority: t.priority, type: t.type, impact: 'medium', customFields: t.customFields }, { contactId: requesterId, technicianId: null })).ticket;
    let publicReplies = 0;
    for (const text of t.thread) {
      const ticket = await findTicket(ctx.db, tenantId, id);
      if (!ticket) break;
      const internal = text.startsWith('!');
      // Public replies alternate, technician first; internal notes are always a technician's.
      const fromTechnician = internal || publicReplies++ % 2 === 0;
      await addComment(ctx, tenantId, ticket, {
        body: text.replace(/^!/, ''),
        internal,
        ...(fromTechnician ? technician : { contactId: requesterId, technicianId: null }),
      });
    }
    const ticket = await findTicket(ctx.db, tenantId, id);
    if (ticket && (t.status !== 'open' || t.billed)) {
      await applyChange(ctx, tenantId, ticket, { statusKey: t.status, fields: { assignee_id: adminId, ...(t.billed && { billed: true, billed_minutes: 45 }) } }, technician);
    }
  }
  return DEMO_TICKETS.length;
}
