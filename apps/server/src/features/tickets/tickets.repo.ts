import { sql, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/db.ts';
import { CUSTOM_PLAN } from '../../platform/db/named-statements.ts';
import { likePattern, pageWindow } from '../../platform/db/paging.ts';
import { QueryTemplates, type TemplateValues } from '../../platform/db/query-templates.ts';
import type { TicketsTable } from '../../platform/db/schema.ts';
import { summaryJson, type OmittableSummaryProp, type SummaryJson } from './ticket-summary-json.ts';

const SUMMARY_COLUMNS = [
  't.id',
  't.number',
  't.subject',
  't.priority',
  't.type',
  't.impact',
  't.due_at',
  't.billed',
  't.billed_minutes',
  't.created_at',
  't.updated_at',
  't.customer_id',
  't.requester_id',
  't.assignee_id',
  's.id as status_id',
  's.key as status_key',
  's.name as status_name',
  's.category as status_category',
  's.is_default as status_is_default',
  's.position as status_position',
  'cu.name as customer_name',
  'rq.email as requester_email',
] as const;

function tickets(db: Db, tenantId: string) {
  return db.selectFrom('tickets as t').where('t.tenant_id', '=', tenantId);
}

function summaryJoins(q: ReturnType<typeof tickets>) {
  return q
    .innerJoin('ticket_statuses as s', 's.id', 't.status_id')
    .innerJoin('customers as cu', 'cu.id', 't.customer_id')
    .innerJoin('contacts as rq', 'rq.id', 't.requester_id')
    .leftJoin('technicians as tech', 'tech.id', 't.assignee_id');
}

function withSummary(q: ReturnType<typeof tickets>) {
  return summaryJoins(q)
    .select(SUMMARY_COLUMNS)
    .select([sql<string>`rq.first_name || ' ' || rq.last_name`.as('requester_name'), 'tech.name as assignee_name']);
}

/** The summary as the lists answer it: one column of JSON text (ticket-summary-json.ts). */
function withSummaryJson(q: ReturnType<typeof tickets>, omit: readonly OmittableSummaryProp[] | undefined) {
  return summaryJoins(q).select(summaryJson(omit).as('summary'));
}

export function findTicket(db: Db, tenantId: string, id: string) {
  return withSummary(tickets(db, tenantId)).select('t.description').where('t.id', '=', id).executeTakeFirst();
}
export type TicketRow = NonNullable<Awaited<ReturnType<typeof findTicket>>>;
export type TicketSummaryRow = Omit<TicketRow, 'description'>;

export interface TicketFilter {
  q?: string | undefined;
  /** `q` also matches words of internal notes (console only: never for contacts). */
  searchInternal?: boolean | undefined;
  /** Status keys the ticket's status must be among (resolved in the same query: no extra round trip). */
  statusKeys?: string[] | undefined;
  /** With `statusKeys`: only those of this category (the portal home's open tickets). */
  statusCategory?: 'open' | 'closed' | undefined;
  customerId?: string | undefined;
  requesterId?: string | undefined;
  assigneeId?: string | 'none' | undefined;
  priority?: TicketsTable['priority'] | undefined;
  type?: TicketsTable['type'] | undefined;
  sort?: 'newest' | 'oldest' | 'updated' | 'priority' | 'due' | undefined;
  /**
   * Count at most `TOTAL_COUNTED_PAST_PAGE` matches past the page's first row (the lists a person
   * pages through: the console queue, the portal list). More than that answers `totalExact:
   * false` with `total` the page's offset plus that many: "1–25 of 1,000+". Without it the total
   * is exact (the portal home's open count).
   */
  capTotal?: boolean | undefined;
  /** T-6: summary properties each item leaves out (a contact's hidden fields: `hiddenSummaryProps`). */
  omit?: readonly OmittableSummaryProp[] | undefined;
  page: number;
  pageSize: number;
}

/** A list's page (each item a summary as JSON text), its total and whether the total is exact (false: there are more than `total`). */
export interface TicketPage {
  items: SummaryJson[];
  total: number;
  totalExact: boolean;
}

/**
 * How many matches past a page's first row a capped total counts (issue 16): counting every
 * open ticket of a tenant with 31,939 of them cost PostgreSQL 3 ms a request, ten times the
 * page; counting at most 1,001 costs about as much as the page. The pages a person can reach
 * from the one shown are all counted; the pager grows as they go.
 */
export const TOTAL_COUNTED_PAST_PAGE = 1000;

/** Fewer matches than this: the page sorts them rather than walking the date index (see listTickets). */
const SORT_MATCHES_BELOW = 1000;

/**
 * One query for the page (index-ordered), one for the total, side by side (docs/ARCHITECTURE.md).
 * With `q`, the total first: walking the date index until 25 rows match is fast for a word in
 * many tickets but reads the whole tenant for a rare one (the planner assumes matches are spread
 * evenly), so a page with few matches reads them from the full-text index and sorts them instead
 * (bench/ticket-search). No matches: no page query.
 */
export async function listTickets(db: Db, tenantId: string, f: TicketFilter): Promise<TicketPage> {
  if (!f.q) return listFromTemplates(db, tenantId, f);
  const base = filtered(db, tenantId, f);
  const count = () => base.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const total = Number((await count()).n);
  if (total === 0) return { items: [], total, totalExact: true };
  const rows = await withSummaryJson(pageQuery(f, base, total < SORT_MATCHES_BELOW), f.omit).execute();
  return { items: rows.map((r) => r.summary), total, totalExact: true };
}

/** The lists without `q` (the portal list, the console queue): compiled once per shape (platform/db/query-templates.ts). */
const LIST_TEMPLATES = new QueryTemplates();

/**
 * The queries of a list without `q`, compiled (exported for the template test and the bench;
 * `templates` with limit 0 builds every time):
 * - `list`: the page with its total in the same statement, `(select count(*) …)` as a column.
 *   The count is an uncorrelated subquery, so PostgreSQL runs it once (an InitPlan: the same
 *   index-only count as alone) when the first row of the page needs it. One statement instead
 *   of two side by side: one pooled connection, one round trip, one result to read (issue 16
 *   item 1). `count(*) over ()` is not that: it joins and sorts every match first (paging.ts).
 * - `page` and `count` alone: the count for a page past the end (no row carries the total), and
 *   both for the bench's minimal page + count baseline (`page` as plain columns, what a bare
 *   server reads: the app's items are JSON written by PostgreSQL, ticket-summary-json.ts).
 */
export function compileTicketList(db: Db, tenantId: string, f: TicketFilter, templates = LIST_TEMPLATES) {
  const unassigned = f.assigneeId === 'none';
  // What picks a branch or a literal is the shape; the rest are values the builder passes on as parameters.
  const shape = `${f.sort ?? 'newest'}:${f.page}:${f.pageSize}:${unassigned ? 'unassigned' : ''}:${f.statusCategory ?? ''}:${f.capTotal ? 'capped' : ''}:${f.omit?.join(',') ?? ''}`;
  const values: TemplateValues = {
    tenantId,
    customerId: f.customerId,
    requesterId: f.requesterId,
    statusKeys: f.statusKeys,
    assigneeId: unassigned ? undefined : f.assigneeId,
    priority: f.priority,
    type: f.type,
  };
  const where = (v: TemplateValues) =>
    filtered(db, v.tenantId as string, {
      ...f,
      customerId: v.customerId as string | undefined,
      requesterId: v.requesterId as string | undefined,
      statusKeys: v.statusKeys as string[] | undefined,
      assigneeId: unassigned ? 'none' : (v.assigneeId as string | undefined),
      priority: v.priority as TicketFilter['priority'],
      type: v.type as TicketFilter['type'],
    });
  // Capped: the matches counted are read through a LIMIT, so the scan stops there (a literal, as the page's window).
  const cap = f.capTotal ? totalCap(f) : null;
  const count = (v: TemplateValues) =>
    cap === null
      ? where(v).select((eb) => eb.fn.countAll<string>().as('n'))
      : db
          .selectFrom(
            where(v)
              .select(sql.lit(1).as('one'))
              .limit(sql.lit(cap + 1))
              .as('m'),
          )
          .select((eb) => eb.fn.countAll<string>().as('n'));
  return {
    list: () => templates.compile(`list:${shape}`, values, (v) => withSummaryJson(pageQuery(f, where(v), false), f.omit).select(count(v).as('total_count'))),
    page: () => templates.compile(`page:${shape}`, values, (v) => withSummary(pageQuery(f, where(v), false))),
    count: () => templates.compile(`count:${shape}`, values, count),
  };
}

/** The most a capped total counts: the page's offset plus `TOTAL_COUNTED_PAST_PAGE`. */
function totalCap(f: TicketFilter): number {
  return (f.page - 1) * f.pageSize + TOTAL_COUNTED_PAST_PAGE;
}

/** A counted total as answered: past a cap, the cap and not exact. */
function totalOf(f: TicketFilter, counted: number): { total: number; totalExact: boolean } {
  if (!f.capTotal) return { total: counted, totalExact: true };
  const cap = totalCap(f);
  return counted > cap ? { total: cap, totalExact: false } : { total: counted, totalExact: true };
}

async function listFromTemplates(db: Db, tenantId: string, f: TicketFilter): Promise<TicketPage> {
  const { list, count } = compileTicketList(db, tenantId, f);
  const rows = (await db.executeQuery(list())).rows;
  const items = rows.map((r) => r.summary);
  const first = rows[0];
  if (first) return { items, ...totalOf(f, Number(first.total_count)) };
  // No row: no total came back. Page 1 empty means none match; past the end, count them.
  if (f.page <= 1) return { items, total: 0, totalExact: true };
  const row = (await db.executeQuery(count())).rows[0];
  if (!row) throw new Error('count answered no row');
  return { items, ...totalOf(f, Number(row.n)) };
}

type TicketWhere = Omit<TicketFilter, 'page' | 'pageSize' | 'sort'>;

function filtered(db: Db, tenantId: string, f: TicketWhere) {
  let base = tickets(db, tenantId);
  if (f.customerId) base = base.where('t.customer_id', '=', f.customerId);
  if (f.requesterId) base = base.where('t.requester_id', '=', f.requesterId);
  if (f.statusKeys) {
    const keys = f.statusKeys;
    const category = f.statusCategory;
    base =
      keys.length === 0
        ? base.where(sql<boolean>`false`)
        : base.where('t.status_id', 'in', (eb) => {
            const ids = eb.selectFrom('ticket_statuses').select('id').where('tenant_id', '=', tenantId).where('key', 'in', keys);
            return category ? ids.where('category', '=', category) : ids;
          });
  }
  if (f.assigneeId === 'none') base = base.where('t.assignee_id', 'is', null);
  else if (f.assigneeId) base = base.where('t.assignee_id', '=', f.assigneeId);
  if (f.priority) base = base.where('t.priority', '=', f.priority);
  if (f.type) base = base.where('t.type', '=', f.type);
  if (f.q) {
    const term = f.q.replace(/^#/, '');
    const number = /^\d{1,9}$/.test(term) ? Number(term) : null;
    const like = likePattern(f.q);
    // Words of the subject, description and comments (internal notes only for `searchInternal`),
    // stemmed in the five languages (migration 0007), or a piece of the subject, or the number.
    // Planned with the words each time (CUSTOM_PLAN): the immutable porta_ticket_query(q) is then
    // folded to a constant tsquery whose selectivity the planner reads from the column's statistics.
    const words = f.searchInternal ? sql<boolean>`t.search_all @@ porta_ticket_query(${term})` : sql<boolean>`t.search_public @@ porta_ticket_query(${term})`;
    base = base.where((eb) => eb.or([eb('t.subject', 'ilike', like), words, ...(number === null ? [] : [eb('t.number', '=', number)])])).modifyEnd(sql.raw(CUSTOM_PLAN));
  }
  return base;
}

/** How many tickets match a filter (one count query). */
export async function countTickets(db: Db, tenantId: string, f: TicketWhere): Promise<number> {
  const r = await filtered(db, tenantId, f).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** A list's matches ordered and windowed to the page; the caller adds the joins and the select list (rows or JSON). */
function pageQuery(f: TicketFilter, base: ReturnType<typeof filtered>, sortMatches: boolean) {
  let page = base;
  // `+ interval '0 seconds'`: the same order, which no index provides, so the planner reads the matches and sorts them.
  const created = sortMatches ? sql`t.created_at + interval '0 seconds'` : sql.ref('t.created_at');
  switch (f.sort ?? 'newest') {
    case 'oldest':
      page = page.orderBy(created, 'asc').orderBy('t.id', 'asc');
      break;
    case 'updated':
      page = page.orderBy('t.updated_at', 'desc').orderBy('t.id', 'desc');
      break;
    case 'priority':
      page = page.orderBy(sql`array_position(array['critical','high','medium','low'], t.priority)`).orderBy('t.created_at', 'desc').orderBy('t.id', 'desc');
      break;
    case 'due':
      page = page.orderBy(sql`t.due_at asc nulls last`).orderBy('t.id', 'desc');
      break;
    default:
      page = page.orderBy(created, 'desc').orderBy('t.id', 'desc');
  }
  return page.$call(pageWindow(f));
}

export interface TicketDraft {
  requesterId: string;
  statusKey: string;
  subject: string;
  description: string;
  priority: TicketsTable['priority'];
  type: TicketsTable['type'];
  impact: TicketsTable['impact'];
  assigneeId: string | null;
  dueAt: Date | null;
}

/** The summary's columns and joins as SQL text, for statements written by hand (same list as `withSummary`). */
const SUMMARY_SQL = sql.join(
  SUMMARY_COLUMNS.map((c) => {
    const [ref = c, alias] = c.split(' as ');
    return alias ? sql`${sql.ref(ref)} as ${sql.id(alias)}` : sql.ref(ref);
  }),
);
const SUMMARY_JOINS = sql`
  join ticket_statuses s on s.id = t.status_id
  join customers cu on cu.id = t.customer_id
  join contacts rq on rq.id = t.requester_id
  left join technicians tech on tech.id = t.assignee_id`;

/**
 * Creates a ticket in ONE statement (autocommit, no lock held to a later round trip): the
 * number from the tenant's sequence (#1001, #1002, …; migration 0005), the row, its custom
 * values and its `ticket.created` outbox event (`event` is merged into `{ ticketId, number }`),
 * then answers the row as `findTicket` would. Answers nothing, having written nothing (not even
 * a number), when the requester, the status or the assignee is not the tenant's; custom values
 * whose field no longer exists are left out rather than failing the creation.
 *
 * Written as one SQL text rather than with the query builder: it runs on every creation, and
 * building it node by node cost ~145 µs of CPU per call against ~15 µs for this template.
 */
export async function insertTicketWithEvent(db: Db, tenantId: string, d: TicketDraft, values: CustomValue[], event: Record<string, unknown>): Promise<TicketRow | undefined> {
  const r = await sql<TicketRow>`
    with src as (
      select rq.id as requester_id, rq.customer_id, st.id as status_id
      from contacts rq
      join ticket_statuses st on st.tenant_id = rq.tenant_id and st.key = ${d.statusKey}
      where rq.tenant_id = ${tenantId} and rq.id = ${d.requesterId}
        and (${d.assigneeId}::uuid is null or exists (select 1 from technicians where tenant_id = ${tenantId} and id = ${d.assigneeId}::uuid))
    ), created as (
      insert into tickets (tenant_id, number, customer_id, requester_id, status_id, subject, description, priority, type, impact, assignee_id, due_at)
      select ${tenantId}, nextval(ticket_number_sequence(${tenantId}::uuid)::regclass), src.customer_id, src.requester_id, src.status_id,
             ${d.subject}, ${d.description}, ${d.priority}, ${d.type}, ${d.impact}, ${d.assigneeId}::uuid, ${d.dueAt}::timestamptz
      from src
      returning *
    ), field_values as (
      insert into ticket_field_values (tenant_id, ticket_id, field_id, value)
      select ${tenantId}, created.id, f.id, v->'value'
      from created, jsonb_array_elements(${JSON.stringify(values)}::jsonb) v
      join custom_fields f on f.tenant_id = ${tenantId} and f.id = (v->>'fieldId')::uuid
    ), event as (
      insert into outbox (tenant_id, topic, payload)
      select ${tenantId}, 'ticket.created', jsonb_build_object('ticketId', created.id, 'number', created.number) || ${JSON.stringify(event)}::jsonb
      from created
    )
    select ${SUMMARY_SQL}, rq.first_name || ' ' || rq.last_name as requester_name, tech.name as assignee_name, t.description
    from created t ${SUMMARY_JOINS}`.execute(db);
  return r.rows[0];
}

/** A custom field's value as stored (JSON); `null` / `''` mean "no value". */
export interface CustomValue {
  fieldId: string;
  value: string | number | boolean;
}

export async function updateTicket(db: Db, tenantId: string, id: string, v: Updateable<TicketsTable>): Promise<boolean> {
  const r = await db.updateTable('tickets').set({ ...v, updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

export function listComments(db: Db, tenantId: string, ticketId: string, includeInternal: boolean) {
  let q = db
    .selectFrom('ticket_comments as c')
    .leftJoin('contacts as ct', 'ct.id', 'c.author_contact_id')
    .leftJoin('technicians as tech', 'tech.id', 'c.author_technician_id')
    .select([
      'c.id',
      'c.body',
      'c.internal',
      'c.created_at',
      'c.author_contact_id',
      'c.author_technician_id',
      sql<string | null>`ct.first_name || ' ' || ct.last_name`.as('contact_name'),
      'tech.name as technician_name',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.ticket_id', '=', ticketId);
  if (!includeInternal) q = q.where('c.internal', '=', false);
  return q.orderBy('c.created_at').orderBy('c.id').execute();
}
export type CommentRow = Awaited<ReturnType<typeof listComments>>[number];

export function insertComment(db: Db, v: { tenant_id: string; ticket_id: string; author_contact_id: string | null; author_technician_id: string | null; internal: boolean; body: string }) {
  return db.insertInto('ticket_comments').values(v).returning('id').executeTakeFirstOrThrow();
}

export function listAttachments(db: Db, tenantId: string, ticketId: string, includeInternal: boolean) {
  let q = db
    .selectFrom('ticket_attachments as a')
    .leftJoin('ticket_comments as c', 'c.id', 'a.comment_id')
    .select(['a.id', 'a.filename', 'a.content_type', 'a.size', 'a.comment_id', 'a.created_at'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.ticket_id', '=', ticketId);
  if (!includeInternal) q = q.where((eb) => eb.or([eb('c.internal', 'is', null), eb('c.internal', '=', false)]));
  return q.orderBy('a.created_at').execute();
}
export type AttachmentRow = Awaited<ReturnType<typeof listAttachments>>[number];

export function findAttachment(db: Db, tenantId: string, ticketId: string, id: string) {
  return db
    .selectFrom('ticket_attachments as a')
    .leftJoin('ticket_comments as c', 'c.id', 'a.comment_id')
    .select(['a.id', 'a.filename', 'a.content_type', 'a.size', 'a.storage_key', 'c.internal'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.ticket_id', '=', ticketId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function insertAttachment(
  db: Db,
  v: {
    tenant_id: string;
    ticket_id: string;
    comment_id: string | null;
    filename: string;
    content_type: string;
    size: number;
    storage_key: string;
    uploaded_by_contact_id: string | null;
    uploaded_by_technician_id: string | null;
  },
) {
  return db.insertInto('ticket_attachments').values(v).returning(['id', 'filename', 'content_type', 'size', 'comment_id', 'created_at']).executeTakeFirstOrThrow();
}
