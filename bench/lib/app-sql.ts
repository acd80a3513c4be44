/**
 * The SQL the app sends for the contact list, the portal ticket list, a ticket's writes and
 * a technician's session lookup, taken from the repo's own query builders (run against a
 * driver that answers nothing), so the bare baselines always run exactly what the app runs.
 */
import {
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  type LogConfig,
  type QueryResult,
} from 'kysely';
import { listContacts } from '../../apps/server/src/features/contacts/contacts.repo.ts';
import { compileTicketList, insertTicketWithEvent, listTickets, type TicketDraft, type TicketFilter } from '../../apps/server/src/features/tickets/tickets.repo.ts';
import { QueryTemplates } from '../../apps/server/src/platform/db/query-templates.ts';
import { technicianFromSession } from '../../apps/server/src/platform/auth/authenticate.ts';
import type { AppContext } from '../../apps/server/src/platform/context.ts';
import { hashToken } from '../../apps/server/src/platform/crypto/tokens.ts';
import type { Database } from '../../apps/server/src/platform/db/schema.ts';

export interface CapturedQuery {
  sql: string;
  parameters: unknown[];
}

/** A driver that sends nothing anywhere and answers every query with the same rows. */
class FixedRowsDriver implements Driver {
  constructor(private readonly rows: readonly object[]) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    const rows = this.rows;
    return {
      executeQuery: async <R>(_q: CompiledQuery): Promise<QueryResult<R>> => ({ rows: rows as R[] }),
      streamQuery: <R>(): AsyncIterableIterator<QueryResult<R>> => {
        throw new Error('streaming is not used');
      },
    };
  }
  async beginTransaction(): Promise<void> {}
  async commitTransaction(): Promise<void> {}
  async rollbackTransaction(): Promise<void> {}
  async releaseConnection(): Promise<void> {}
  async destroy(): Promise<void> {}
}

export function offlineDb(rows: readonly object[], log?: LogConfig): Kysely<Database> {
  return new Kysely<Database>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new FixedRowsDriver(rows),
      createIntrospector: (d) => new PostgresIntrospector(d),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
    ...(log && { log }),
  });
}

export async function capture(run: (db: Kysely<Database>) => Promise<unknown>): Promise<CapturedQuery[]> {
  const captured: CapturedQuery[] = [];
  const db = offlineDb([], (event) => {
    captured.push({ sql: event.query.sql, parameters: [...event.query.parameters] });
  });
  try {
    await run(db);
  } catch {
    // No rows come back; a query builder that insists on one throws after its query was
    // logged, which is all we need.
  } finally {
    await db.destroy();
  }
  if (captured.length === 0) throw new Error('no query captured');
  return captured;
}

/** Mean µs the app spends building and compiling the contact-list queries (no I/O). */
export async function listBuildMicros(tenantId: string, iterations = 3000): Promise<number> {
  const db = offlineDb([{ n: 0 }]);
  const q = { page: 1, pageSize: 25 };
  for (let i = 0; i < 300; i++) await listContacts(db, tenantId, q);
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await listContacts(db, tenantId, q);
  const us = ((performance.now() - t0) * 1000) / iterations;
  await db.destroy();
  return us;
}

/**
 * The contact list's queries for page 1 of 25 (today: the page and the total, sent side by
 * side). Each parameter is checked to be one of tenant id, 25 or 0, so a change in the
 * query's shape shows up here instead of silently benchmarking something else.
 */
export async function contactListQueries(tenantId: string, page = 1, pageSize = 25): Promise<CapturedQuery[]> {
  return checkParameters('contact list', await capture((db) => listContacts(db, tenantId, { page, pageSize })), new Set<unknown>([tenantId, pageSize, (page - 1) * pageSize]));
}

/** The session lookup, with the index of the token-hash parameter to fill in per request. */
export async function sessionQuery(tenantId: string): Promise<CapturedQuery & { tokenHashIndex: number }> {
  const probe = 'bench-probe-token';
  // Only ctx.db is reached before the (empty) answer ends the lookup.
  const [q] = await capture((db) => technicianFromSession({ db } as unknown as AppContext, tenantId, probe));
  if (!q) throw new Error('no session query captured');
  const tokenHashIndex = q.parameters.indexOf(hashToken(probe));
  if (tokenHashIndex < 0) throw new Error(`session query does not take the token hash as a parameter:\n${q.sql}`);
  return { ...q, tokenHashIndex };
}

function checkParameters(what: string, queries: CapturedQuery[], allowed: Set<unknown>): CapturedQuery[] {
  for (const q of queries) {
    const odd = q.parameters.filter((p) => !allowed.has(p));
    if (odd.length > 0) throw new Error(`${what} query has unexpected parameters ${JSON.stringify(odd)}; update bench/lib/app-sql.ts:\n${q.sql}`);
  }
  return queries;
}

/**
 * A list's page query and count query alone, side by side (the minimal page + count baseline):
 * the parts of the app's one statement, compiled from the same builder (compileTicketList).
 */
function listParts(tenantId: string, f: TicketFilter): CapturedQuery[] {
  const parts = compileTicketList(offlineDb([]), tenantId, f, new QueryTemplates(0));
  return [parts.page(), parts.count()].map((q) => ({ sql: q.sql, parameters: [...q.parameters] }));
}

/**
 * The portal ticket list for the filter the portal builds for a primary contact with
 * scope=company and one status (the contact's customer and the status keys, and the summary
 * properties the contact's settings hide): `app` is what listTickets sends (today one statement,
 * the page as JSON with its total), `parts` the page (plain columns) and the count alone.
 * Parameters are checked as for the contact list.
 */
export async function ticketListQueries(
  tenantId: string,
  filter: { customerId: string; statusKeys: string[]; omit?: TicketFilter['omit']; page?: number; pageSize?: number },
): Promise<{ app: CapturedQuery[]; parts: CapturedQuery[] }> {
  const page = filter.page ?? 1;
  const pageSize = filter.pageSize ?? 25;
  const f: TicketFilter = { customerId: filter.customerId, statusKeys: filter.statusKeys, omit: filter.omit, page, pageSize, capTotal: true };
  const allowed = new Set<unknown>([tenantId, filter.customerId, ...filter.statusKeys, pageSize, (page - 1) * pageSize]);
  return { app: checkParameters('ticket list', await capture((db) => listTickets(db, tenantId, f)), allowed), parts: checkParameters('ticket list', listParts(tenantId, f), allowed) };
}

/**
 * The console queue (GET /api/v1/tickets?status=…&page=1&pageSize=25, newest first: the whole
 * tenant, one status, internal search scope) as listForConsole calls listTickets: `app` and
 * `parts` as for the portal list (the total counted to 1,000 past the page, as the app counts
 * it), and `exactParts`: the page with an exact count (every match), the baseline from before
 * the cap.
 */
export async function consoleListQueries(tenantId: string, statusKey: string, page = 1, pageSize = 25): Promise<{ app: CapturedQuery[]; parts: CapturedQuery[]; exactParts: CapturedQuery[] }> {
  const f: TicketFilter = { statusKeys: [statusKey], page, pageSize, sort: 'newest', searchInternal: true, capTotal: true };
  const allowed = new Set<unknown>([tenantId, statusKey, pageSize, (page - 1) * pageSize]);
  return {
    app: checkParameters('console queue', await capture((db) => listTickets(db, tenantId, f)), allowed),
    parts: checkParameters('console queue', listParts(tenantId, f), allowed),
    exactParts: checkParameters('console queue', listParts(tenantId, { ...f, capTotal: false }), allowed),
  };
}

export interface TicketWriteSql {
  /** The bare baseline: a single-row INSERT … RETURNING of the same ticket, with the index of its `number` parameter. */
  insert: CapturedQuery & { numberIndex: number };
  /** The app's creation statement (insertTicketWithEvent: number, row, custom values, outbox event, answer). */
  app: CapturedQuery;
  /** Where the subject and description sit in each statement's parameters (the bare server puts the request's there). */
  subjectIndex: { insert: number; app: number };
  descriptionIndex: { insert: number; app: number };
}

/**
 * The bare insert of a ticket row (a plain `insertInto … values`, the baseline) and the app's
 * creation statement compiled from the repo's insertTicketWithEvent with the same values.
 */
export async function ticketWriteSql(tenantId: string, d: TicketDraft & { customerId: string; statusId: string }): Promise<TicketWriteSql> {
  const probeNumber = 987_654_321;
  const row = {
    tenant_id: tenantId,
    number: probeNumber,
    customer_id: d.customerId,
    requester_id: d.requesterId,
    subject: d.subject,
    description: d.description,
    status_id: d.statusId,
    priority: d.priority,
    type: d.type,
    impact: d.impact,
    assignee_id: d.assigneeId,
    due_at: d.dueAt,
  };
  const [insert] = await capture((db) => db.insertInto('tickets').values(row).returning(['id', 'number']).execute());
  const [app] = await capture((db) => insertTicketWithEvent(db, tenantId, d, [], { createdByContactId: d.requesterId, createdByTechnicianId: null }));
  if (!insert || !app) throw new Error('ticket write queries not captured');
  const numberIndex = insert.parameters.indexOf(probeNumber);
  if (numberIndex < 0) throw new Error(`ticket insert does not take the number as a parameter:\n${insert.sql}`);
  const at = (q: CapturedQuery, v: string) => {
    const i = q.parameters.indexOf(v);
    if (i < 0) throw new Error(`a ticket write does not take ${JSON.stringify(v)} as a parameter:\n${q.sql}`);
    return i;
  };
  return {
    insert: { ...insert, numberIndex },
    app,
    subjectIndex: { insert: at(insert, d.subject), app: at(app, d.subject) },
    descriptionIndex: { insert: at(insert, d.description), app: at(app, d.description) },
  };
}

/** Mean µs the portal list spends building and compiling its query (no I/O). */
export async function ticketListBuildMicros(tenantId: string, filter: { customerId: string; statusKeys: string[]; omit?: TicketFilter['omit'] }, iterations = 3000): Promise<number> {
  const db = offlineDb([{ n: 0 }]);
  const run = async () => {
    await listTickets(db, tenantId, { ...filter, page: 1, pageSize: 25, capTotal: true });
  };
  for (let i = 0; i < 300; i++) await run();
  const t0 = performance.now();
  for (let i = 0; i < iterations; i++) await run();
  const us = ((performance.now() - t0) * 1000) / iterations;
  await db.destroy();
  return us;
}
