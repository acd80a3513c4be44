import type { PortalSettings } from '@porta/contracts/portal-settings';
import type { PortalTicketForm } from '@porta/contracts/tickets';
import type { AppContext } from '../../platform/context.ts';
import { listCustomFields } from '../custom-fields/custom-fields.repo.ts';
import { visibilityOf } from '../portal-settings/portal-settings.model.ts';
import { presentStatus } from '../ticket-statuses/ticket-statuses.presenter.ts';
import { listStatuses } from '../ticket-statuses/ticket-statuses.repo.ts';

const DEFAULT_FIELDS = ['priority', 'type', 'impact', 'assignee', 'dueDate'] as const;

/** The fields and statuses the portal may show, so the UI never asks about what it may not see (T-3, T-6). */
export async function portalTicketForm(ctx: AppContext, tenantId: string, settings: PortalSettings): Promise<PortalTicketForm> {
  const fields: PortalTicketForm['fields'] = [];
  for (const key of DEFAULT_FIELDS) {
    const v = visibilityOf(settings, key);
    if (v !== 'hidden') fields.push({ key, kind: 'default', type: key, label: null, options: [], visibility: v });
  }
  for (const f of await listCustomFields(ctx.db, tenantId)) {
    if (visibilityOf(settings, `custom.${f.key}`) === 'edit') fields.push({ key: f.key, kind: 'custom', type: f.type, label: f.label, options: f.options, visibility: 'edit' });
  }
  const statuses = (await listStatuses(ctx.db, tenantId)).filter((s) => settings.tickets.visibleStatuses.includes(s.key)).map(presentStatus);
  return { fields, statuses, allowReopen: settings.tickets.allowReopen };
}
