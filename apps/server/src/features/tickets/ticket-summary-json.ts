import type { TicketSummary } from '@porta/contracts/tickets';
import { sql, type RawBuilder } from 'kysely';
import { joinedJson } from '../../platform/http/json-text.ts';

/**
 * The ticket lists' items as JSON text written by PostgreSQL (issue 16). A list item is the
 * ticket summary exactly as `presentSummary` writes it (and, for a contact, as `forPortal` leaves
 * it): same properties, same order, same values. Reading 25 rows of 24 columns, turning three
 * timestamps a row into `Date`s and back, building objects and serialising them cost the one
 * event loop ~300 µs of a list request's ~600 and most of its garbage (188 KB a request);
 * PostgreSQL writes the same text for ~110 µs of its own CPU and the app copies it into the
 * answer's Buffer.
 * ticket-summary-json.int.test.ts holds the two ways to the same answer, ticket by ticket, on
 * both engines.
 *
 * The statement reads the same joins as the row form (`t`, `s`, `cu`, `rq`, `tech`: tickets.repo).
 */

/** Summary properties a contact's settings may hide (T-6), as `forPortal` removes them. */
export type OmittableSummaryProp = 'priority' | 'type' | 'impact' | 'assignee' | 'dueAt';

/** One list item: a `TicketSummary` as JSON text. */
export type SummaryJson = string & { readonly summaryJson: true };

/*
 * Each value is an SQL expression whose text is that value's JSON, never NULL. The summary is one
 * concatenation of them: about half what `row_to_json` of nested subqueries costs PostgreSQL
 * (~110 µs against ~180 µs over the plain columns for a page of 25, pgbench on the bench's data),
 * because only free text goes through `to_json` (it escapes as JSON requires).
 */
/** Free text (NOT NULL column): quoted and escaped by PostgreSQL. */
const text = (e: string) => `to_json(${e})::text`;
/** Free text that may be NULL. */
const nullableText = (e: string) => `coalesce(to_json(${e})::text, 'null')`;
/** A uuid, or a word a CHECK constraint keeps to lowercase letters (priority, type, impact, category): nothing to escape. */
const word = (e: string) => `'"' || ${e} || '"'`;
/** An integer or a boolean: its text is its JSON. */
const plain = (e: string) => `${e}::text`;
/** `"YYYY-MM-DDTHH:MM:SS.mmmZ"` as `Date.prototype.toISOString` writes it (UTC, milliseconds truncated), or null. */
const iso = (e: string) => `coalesce('"' || to_char(${e} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`;

type Pairs = readonly (readonly [string, string])[];
/** A JSON object of `[name, JSON-text expression]` pairs, in that order. Names are written here, never taken from input. */
function object(pairs: Pairs): string {
  if (pairs.length === 0) return `'{}'`;
  return `${pairs.map(([name, value], i) => `'${i === 0 ? '{' : ','}"${name}":' || ${value}`).join(' || ')} || '}'`;
}

/** The summary's properties in presentSummary's order; the optional ones can be left out. */
const PROPS: Pairs = [
  ['id', word('t.id')],
  ['number', plain('t.number')],
  ['subject', text('t.subject')],
  [
    'status',
    object([
      ['id', word('s.id')],
      ['key', text('s.key')],
      ['name', nullableText('s.name')],
      ['category', word('s.category')],
      ['isDefault', plain('s.is_default')],
      ['position', plain('s.position')],
    ]),
  ],
  ['priority', word('t.priority')],
  ['type', word('t.type')],
  ['impact', word('t.impact')],
  [
    'customer',
    object([
      ['id', word('cu.id')],
      ['name', text('cu.name')],
    ]),
  ],
  [
    'requester',
    object([
      ['id', word('rq.id')],
      ['name', text(`rq.first_name || ' ' || rq.last_name`)],
      ['email', text('rq.email')],
    ]),
  ],
  [
    'assignee',
    `case when t.assignee_id is null then 'null' else ${object([
      ['id', word('t.assignee_id')],
      ['name', text(`coalesce(tech.name, '')`)],
    ])} end`,
  ],
  ['dueAt', iso('t.due_at')],
  ['billed', plain('t.billed')],
  ['createdAt', iso('t.created_at')],
  ['updatedAt', iso('t.updated_at')],
];

/**
 * The expression for one row's summary as JSON text, without the properties in `omit`. A
 * contact's hidden fields are left out of the statement itself (they are part of its shape),
 * so they never reach the answer.
 */
export function summaryJson(omit: readonly OmittableSummaryProp[] = []): RawBuilder<SummaryJson> {
  const kept = PROPS.filter(([name]) => !(omit as readonly string[]).includes(name));
  return sql<SummaryJson>`(${sql.raw(object(kept))})`;
}

/** A list page's answer (`ticketPageSchema`) around items that are JSON text already, as one UTF-8 Buffer. */
export function ticketPageBody(page: { items: readonly SummaryJson[]; total: number; totalExact: boolean }, q: { page: number; pageSize: number }): Buffer {
  return joinedJson('{"items":[', page.items, `],"total":${page.total},"totalExact":${page.totalExact},"page":${q.page},"pageSize":${q.pageSize}}`);
}

/** The same items as objects, for an answer that embeds a few of them in more (the portal home). */
export function parseSummaries(items: readonly SummaryJson[]): TicketSummary[] {
  return JSON.parse(`[${items.join(',')}]`) as TicketSummary[];
}
