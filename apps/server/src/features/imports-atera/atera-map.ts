import type { TicketsTable } from '../../platform/db/schema.ts';

/**
 * Atera's ticket fields → Porta's (docs/IMPORTS-ATERA.md). Atera's four built-in statuses have
 * a Porta status of the same meaning; a custom Atera status ("Waiting for parts") is still open
 * work, so it becomes Open. Unknown priorities become Medium, unknown types Incident (the
 * console's default), and "Change" (which Porta has no type for) a Request.
 */
const STATUSES: Record<string, string> = { open: 'open', pending: 'pending', resolved: 'resolved', closed: 'closed' };
const PRIORITIES: Record<string, TicketsTable['priority']> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };
const TYPES: Record<string, TicketsTable['type']> = { problem: 'problem', request: 'request', incident: 'incident', question: 'question', change: 'request' };

const key = (s: string | null | undefined) => (s ?? '').trim().toLowerCase();

export function portaStatusKey(ateraStatus: string | null | undefined): string {
  return STATUSES[key(ateraStatus)] ?? 'open';
}

export function portaPriority(ateraPriority: string | null | undefined): TicketsTable['priority'] {
  return PRIORITIES[key(ateraPriority)] ?? 'medium';
}

export function portaType(ateraType: string | null | undefined): TicketsTable['type'] {
  return TYPES[key(ateraType)] ?? 'incident';
}

/** Atera dates come without a zone in some answers ("2024-01-05T10:00:00"): read as UTC. Null when unreadable. */
export function ateraDate(raw: string | null | undefined): Date | null {
  if (!raw) return null;
  const withZone = /[zZ]|[+-]\d\d:?\d\d$/.test(raw) ? raw : `${raw}Z`;
  const d = new Date(withZone);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** `s` cut to `max` characters (an ellipsis marks the cut). */
export function cut(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}
