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
 * Each value is a list of pieces whose concatenation is that value's JSON text, never NULL: SQL
 * expressions, and literal text written here. The summary is one `||` chain of them: about half
 * what `row_to_json` of nested subqueries costs PostgreSQL (~110 µs against ~180 µs over the
 * plain columns for a page of 25, pgbench on the bench's data), because only free text goes
 * through `to_json` (it escapes as JSON requires). Literals next to each other are written as
 * one (`'{"id":"' || t.id` rather than `'{"id":' || '"' || t.id`): every `||` is a call and a
 * copy for each of the 25 rows, and the 22 it saves a row were ~5 % of the statement's
 * PostgreSQL CPU (bench/README.md, issue 16).
 */
type Piece = { readonly lit: string } | { readonly sql: string };
type Json = readonly Piece[];
const lit = (t: string): Piece => ({ lit: t });
const expr = (e: string): Piece => ({ sql: e });

/** Free text (NOT NULL column): quoted and escaped by PostgreSQL. */
const text = (e: string): Json => [expr(`to_json(${e})::text`)];
/** Free text that may be NULL. */
const nullableText = (e: string): Json => [expr(`coalesce(to_json(${e})::text, 'null')`)];
/** A uuid, or a word a CHECK constraint keeps to lowercase letters (priority, type, impact, category): nothing to escape. */
const word = (e: string): Json => [lit('"'), expr(e), lit('"')];
/** An integer or a boolean: its text is its JSON. */
const plain = (e: string): Json => [expr(`${e}::text`)];
/** `"YYYY-MM-DDTHH:MM:SS.mmmZ"` as `Date.prototype.toISOString` writes it (UTC, milliseconds truncated), or null. */
const iso = (e: string): Json => [expr(`coalesce('"' || to_char(${e} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || '"', 'null')`)];

type Pairs = readonly (readonly [string, Json])[];
/** A JSON object of `[name, value]` pairs, in that order. Names are written here, never taken from input. */
function object(pairs: Pairs): Json {
  if (pairs.length === 0) return [lit('{}')];
  return [...pairs.flatMap(([name, value], i) => [lit(`${i === 0 ? '{' : ','}"${name}":`), ...value]), lit('}')];
}

/** The SQL text of a value: its pieces joined with `||`, adjacent literals as one. */
function render(json: Json): string {
  const merged: Piece[] = [];
  for (const piece of json) {
    const last = merged.at(-1);
    if (last && 'lit' in last && 'lit' in piece) merged[merged.length - 1] = lit(last.lit + piece.lit);
    else merged.push(piece);
  }
  return merged.map((p) => ('lit' in p ? `'${p.lit.replaceAll("'", "''")}'` : p.sql)).join(' || ');
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
    [
      expr(
        `case when t.assignee_id is null then 'null' else ${render(
          object([
            ['id', word('t.assignee_id')],
            ['name', text(`coalesce(tech.name, '')`)],
          ]),
        )} end`,
      ),
    ],
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
  return sql<SummaryJson>`(${sql.raw(render(object(kept)))})`;
}

/** A list page's answer (`ticketPageSchema`) around items that are JSON text already, as one UTF-8 Buffer. */
export function ticketPageBody(page: { items: readonly SummaryJson[]; total: number; totalExact: boolean }, q: { page: number; pageSize: number }): Buffer {
  return joinedJson('{"items":[', page.items, `],"total":${page.total},"totalExact":${page.totalExact},"page":${q.page},"pageSize":${q.pageSize}}`);
}

/** The same items as objects, for an answer that embeds a few of them in more (the portal home). */
export function parseSummaries(items: readonly SummaryJson[]): TicketSummary[] {
  return JSON.parse(`[${items.join(',')}]`) as TicketSummary[];
}
