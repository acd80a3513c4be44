import type { TicketSummary } from '@porta/contracts/tickets';
import { sql, type RawBuilder } from 'kysely';

/**
 * The ticket lists' items as JSON text written by PostgreSQL (issue 16). A list item is the
 * ticket summary exactly as `presentSummary` writes it (and, for a contact, as `forPortal` leaves
 * it): same properties, same order, same values. Reading 25 rows of 24 columns, turning three
 * timestamps a row into `Date`s and back, building objects and serialising them cost the one
 * event loop ~200 µs of a list request's ~500 and most of its garbage; PostgreSQL writes the same
 * text for less and the app joins 25 strings. ticket-summary-json.int.test.ts holds the two ways
 * to the same answer, ticket by ticket, on both engines.
 *
 * The statement reads the same joins as the row form (`t`, `s`, `cu`, `rq`, `tech`: tickets.repo).
 */

/** Summary properties a contact's settings may hide (T-6), as `forPortal` removes them. */
export type OmittableSummaryProp = 'priority' | 'type' | 'impact' | 'assignee' | 'dueAt';

/** One list item: a `TicketSummary` as JSON text. */
export type SummaryJson = string & { readonly summaryJson: true };

/** `YYYY-MM-DDTHH:MM:SS.mmmZ`, as `Date.prototype.toISOString` writes it (milliseconds truncated). */
const isoUtc = (column: string) => sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/** A JSON object of `[name, expression]` pairs, in that order, as compact text (`row_to_json` of a one-row subquery). */
const object = (pairs: readonly (readonly [string, string])[]) => `(select row_to_json(o) from (select ${pairs.map(([name, expr]) => `${expr} as "${name}"`).join(', ')}) o)`;

/** The summary's properties in presentSummary's order; the optional ones can be left out. */
const PROPS: readonly (readonly [string, RawBuilder<unknown>])[] = [
  ['id', sql.raw('t.id')],
  ['number', sql.raw('t.number')],
  ['subject', sql.raw('t.subject')],
  [
    'status',
    sql.raw(
      object([
        ['id', 's.id'],
        ['key', 's.key'],
        ['name', 's.name'],
        ['category', 's.category'],
        ['isDefault', 's.is_default'],
        ['position', 's.position'],
      ]),
    ),
  ],
  ['priority', sql.raw('t.priority')],
  ['type', sql.raw('t.type')],
  ['impact', sql.raw('t.impact')],
  [
    'customer',
    sql.raw(
      object([
        ['id', 'cu.id'],
        ['name', 'cu.name'],
      ]),
    ),
  ],
  [
    'requester',
    sql.raw(
      object([
        ['id', 'rq.id'],
        ['name', `rq.first_name || ' ' || rq.last_name`],
        ['email', 'rq.email'],
      ]),
    ),
  ],
  [
    'assignee',
    sql.raw(
      `case when t.assignee_id is null then null else ${object([
        ['id', 't.assignee_id'],
        ['name', `coalesce(tech.name, '')`],
      ])} end`,
    ),
  ],
  ['dueAt', isoUtc('t.due_at')],
  ['billed', sql.raw('t.billed')],
  ['createdAt', isoUtc('t.created_at')],
  ['updatedAt', isoUtc('t.updated_at')],
];

/**
 * The expression for one row's summary as JSON text, without the properties in `omit`. A
 * contact's hidden fields are left out of the statement itself (they are part of its shape),
 * so they never reach the answer.
 */
export function summaryJson(omit: readonly OmittableSummaryProp[] = []): RawBuilder<SummaryJson> {
  const kept = PROPS.filter(([name]) => !(omit as readonly string[]).includes(name));
  const columns = sql.join(kept.map(([name, expr]) => sql`${expr} as ${sql.id(name)}`));
  return sql<SummaryJson>`(select row_to_json(x) from (select ${columns}) x)::text`;
}

/** A list page's answer (`ticketPageSchema`) as JSON text around items that are JSON text already. */
export function ticketPageJson(page: { items: readonly SummaryJson[]; total: number; totalExact: boolean }, q: { page: number; pageSize: number }): string {
  return `{"items":[${page.items.join(',')}],"total":${page.total},"totalExact":${page.totalExact},"page":${q.page},"pageSize":${q.pageSize}}`;
}

/** The same items as objects, for an answer that embeds a few of them in more (the portal home). */
export function parseSummaries(items: readonly SummaryJson[]): TicketSummary[] {
  return JSON.parse(`[${items.join(',')}]`) as TicketSummary[];
}
