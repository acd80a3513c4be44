import { DEFAULT_TICKET_FIELDS, type PortalSettings } from '@porta/contracts/portal-settings';
import type { ContactPrincipal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import { resolvePortalSettings, sectionEnabled, visibilityOf } from '../portal-settings/portal-settings.model.ts';
import type { OmittableSummaryProp } from './ticket-summary-json.ts';
import type { TicketRow } from './tickets.repo.ts';

/** T-2: with the Ticketing section off for the contact, the whole API is absent (404). */
export function portalTicketSettings(contact: ContactPrincipal): PortalSettings {
  const settings = resolvePortalSettings(contact.portalSettingsRaw);
  if (!sectionEnabled(settings.sections.tickets, contact.customerId)) throw new AppError('NOT_FOUND');
  return settings;
}

/** A-5 + T-3: own tickets (all of the company's for primary contacts), in a status the portal shows. */
export function mayRead(contact: ContactPrincipal, settings: PortalSettings, t: Pick<TicketRow, 'customer_id' | 'requester_id' | 'status_key'>): boolean {
  if (t.customer_id !== contact.customerId) return false;
  if (!contact.isPrimary && t.requester_id !== contact.id) return false;
  return settings.tickets.visibleStatuses.includes(t.status_key);
}

/** Every default field can be set to "edit" for the portal (T-6): priority, type, impact, assignee, due date. */
const EDITABLE_DEFAULTS = DEFAULT_TICKET_FIELDS;

/** T-5, T-6: the fields the contact may write now (none on a billed ticket). */
export function editableFields(settings: PortalSettings, customKeys: string[], ticket?: Pick<TicketRow, 'billed'>): string[] {
  if (ticket?.billed) return [];
  const defaults = EDITABLE_DEFAULTS.filter((f) => visibilityOf(settings, f) === 'edit');
  const custom = customKeys.map((k) => `custom.${k}`).filter((k) => visibilityOf(settings, k) === 'edit');
  return [...defaults, ...custom];
}

/** Refuses a write to any field outside `editable`, naming the first one (nothing is written). */
export function assertEditable(editable: string[], requested: string[]): void {
  const refused = requested.find((f) => !editable.includes(f));
  if (refused) throw new AppError('FIELD_NOT_EDITABLE', { field: refused.replace(/^custom\./, '') });
}

export function permissionsFor(settings: PortalSettings, customKeys: string[], t: Pick<TicketRow, 'billed' | 'status_category'>) {
  const billed = t.billed;
  const open = t.status_category === 'open';
  return {
    editable: editableFields(settings, customKeys, t),
    canComment: !billed,
    canResolve: !billed && open,
    canReopen: !billed && !open && settings.tickets.allowReopen && settings.tickets.visibleStatuses.includes('open'),
    readOnlyReason: billed ? ('billed' as const) : null,
  };
}

/** T-6: the summary property each default field is written as. */
const SUMMARY_PROP_OF: Record<string, OmittableSummaryProp> = {
  priority: 'priority',
  type: 'type',
  impact: 'impact',
  assignee: 'assignee',
  dueDate: 'dueAt',
};

/**
 * The summary properties of the default fields the settings hide from contacts, worked out once
 * per settings object: what `forPortal` removes here and what the lists leave out of their SQL.
 */
const hiddenBySettings = new WeakMap<PortalSettings, OmittableSummaryProp[]>();
export function hiddenSummaryProps(settings: PortalSettings): OmittableSummaryProp[] {
  let hidden = hiddenBySettings.get(settings);
  if (!hidden) {
    hidden = Object.entries(SUMMARY_PROP_OF)
      .filter(([field]) => visibilityOf(settings, field) === 'hidden')
      .map(([, prop]) => prop);
    hiddenBySettings.set(settings, hidden);
  }
  return hidden;
}
