/** SS-7: the steps of a self-service action, in order, and the other events the log records. */
export const ACTION_STEPS = ['action.requested', 'action.verified', 'command.signed', 'command.delivered', 'command.result'] as const;
export const OTHER_EVENTS = ['action.code-rejected', 'action.approved', 'action.denied', 'action.confirmed-by-contact', 'action-policies.changed', 'phone.verified', 'phone.cleared', 'self-service.cancelled-all'] as const;
export const AUDIT_EVENTS = [...ACTION_STEPS, ...OTHER_EVENTS] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export function isKnownEvent(event: string): event is AuditEvent {
  return (AUDIT_EVENTS as readonly string[]).includes(event);
}

/** The catalogue key of each event (dots are key separators in i18next). */
const KEYS = {
  'action.requested': 'action_requested',
  'action.verified': 'action_verified',
  'command.signed': 'command_signed',
  'command.delivered': 'command_delivered',
  'command.result': 'command_result',
  'action.code-rejected': 'action_code_rejected',
  'action.approved': 'action_approved',
  'action.denied': 'action_denied',
  'action.confirmed-by-contact': 'action_confirmed_by_contact',
  'action-policies.changed': 'action_policies_changed',
  'phone.verified': 'phone_verified',
  'phone.cleared': 'phone_cleared',
  'self-service.cancelled-all': 'self_service_cancelled_all',
} as const satisfies Record<AuditEvent, string>;

export function eventKey<E extends AuditEvent>(event: E): (typeof KEYS)[E] {
  return KEYS[event];
}

/** Light badge hues whose shade-9 text keeps 4.5:1 on their shade-1 background (axe color-contrast). */
const COLORS: Record<AuditEvent, string> = {
  'action.requested': 'blue',
  'action.verified': 'indigo',
  'command.signed': 'violet',
  'command.delivered': 'grape',
  'command.result': 'teal',
  'action.code-rejected': 'red',
  'action.approved': 'teal',
  'action.denied': 'red',
  'action.confirmed-by-contact': 'indigo',
  'action-policies.changed': 'gray',
  'phone.verified': 'teal',
  'phone.cleared': 'gray',
  'self-service.cancelled-all': 'red',
};

export function eventColor(event: string): string {
  return isKnownEvent(event) ? COLORS[event] : 'gray';
}

/** "key: value" pairs of a row's data for the list (nested values as compact JSON). */
export function describeData(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  return Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' · ');
}
