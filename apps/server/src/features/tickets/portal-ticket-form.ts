import { DEFAULT_TICKET_FIELDS, type PortalSettings } from '@porta/contracts/portal-settings';
import type { PortalTicketForm } from '@porta/contracts/tickets';
import type { AppContext } from '../../platform/context.ts';
import { listCustomFields } from '../custom-fields/custom-fields.repo.ts';
import { listTechnicianRefs } from '../technicians/technicians.repo.ts';
import { visibilityOf } from '../portal-settings/portal-settings.model.ts';
import { presentStatus } from '../ticket-statuses/ticket-statuses.presenter.ts';
import { listStatuses } from '../ticket-statuses/ticket-statuses.repo.ts';

/**
 * The fields and statuses the portal may show, so the UI never asks about what it may not see (T-3, T-6).
 * The technicians (id and name) are listed only when the contact may set the assignee.
 */
export async function portalTicketForm(ctx: AppContext, tenantId: string, settings: PortalSettings): Promise<PortalTicketForm> {
  const assignable = visibilityOf(settings, 'assignee') === 'edit';
  const [technicians, customFields, statuses] = await Promise.all([
    assignable ? listTechnicianRefs(ctx.db, tenantId) : undefined,
    listCustomFields(ctx.db, tenantId),
    listStatuses(ctx.db, tenantId),
  ]);
  const fields: PortalTicketForm['fields'] = [];
  for (const key of DEFAULT_TICKET_FIELDS) {
    const v = visibilityOf(settings, key);
    if (v === 'hidden') continue;
    fields.push({ key, kind: 'default', type: key, label: null, options: [], visibility: v, ...(key === 'assignee' && technicians && { choices: technicians }) });
  }
  for (const f of customFields) {
    if (visibilityOf(settings, `custom.${f.key}`) === 'edit') fields.push({ key: f.key, kind: 'custom', type: f.type, label: f.label, options: f.options, visibility: 'edit' });
  }
  const visible = statuses.filter((s) => settings.tickets.visibleStatuses.includes(s.key)).map(presentStatus);
  return { fields, statuses: visible, allowReopen: settings.tickets.allowReopen };
}
