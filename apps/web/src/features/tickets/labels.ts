import { IMPACTS, PRIORITIES, type Priority, TICKET_TYPES, type TicketDetail, type TicketStatus } from '@porta/contracts/tickets';
import { i18next } from '../../lib/i18n';

// Labels of ticket values. Called during render by components that use useTranslation(),
// so they follow a language change like any t() call.

type TicketType = NonNullable<TicketDetail['type']>;
type Impact = NonNullable<TicketDetail['impact']>;

const DEFAULT_STATUS_KEYS = ['open', 'pending', 'resolved', 'closed'] as const;
type DefaultStatusKey = (typeof DEFAULT_STATUS_KEYS)[number];

function isDefaultStatusKey(key: string): key is DefaultStatusKey {
  return (DEFAULT_STATUS_KEYS as readonly string[]).includes(key);
}

/** Default statuses are named by the catalogue (`ticketStatus.<key>`), the tenant's own by their name. */
export function statusLabel(status: Pick<TicketStatus, 'key' | 'name'>): string {
  if (status.name) return status.name;
  return isDefaultStatusKey(status.key) ? i18next.t(`common:ticketStatus.${status.key}`) : status.key;
}

export function priorityOptions() {
  return PRIORITIES.map((value) => ({ value, label: i18next.t(`common:priority.${value}`) }));
}

export function typeOptions() {
  return TICKET_TYPES.map((value) => ({ value, label: i18next.t(`common:ticketType.${value}`) }));
}

export function impactOptions() {
  return IMPACTS.map((value) => ({ value, label: i18next.t(`common:impact.${value}`) }));
}

/** Badge colours: text stays dark enough for AA contrast on the light tint. */
export function statusColor(status: Pick<TicketStatus, 'key' | 'category'>): string {
  switch (status.key) {
    case 'open':
      return 'blue';
    case 'pending':
      return 'orange';
    case 'resolved':
      return 'teal';
    case 'closed':
      return 'gray';
    default:
      return status.category === 'open' ? 'indigo' : 'gray';
  }
}

export function priorityColor(priority: string): string {
  switch (priority) {
    case 'critical':
      return 'red';
    case 'high':
      return 'orange';
    case 'medium':
      return 'blue';
    default:
      return 'gray';
  }
}

export function priorityLabel(priority: Priority): string {
  return i18next.t(`common:priority.${priority}`);
}

export function typeLabel(type: TicketType): string {
  return i18next.t(`common:ticketType.${type}`);
}

export function impactLabel(impact: Impact): string {
  return i18next.t(`common:impact.${impact}`);
}
