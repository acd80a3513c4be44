import type { AteraResource } from '@porta/contracts/imports-atera';
import type { AppContext } from '../../platform/context.ts';
import { decrypt } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/db.ts';
import type { AteraPhase } from '../../platform/db/schema.ts';
import { enqueue } from '../../platform/events/outbox.ts';
import { kbChanged } from '../kb/search/kb-search-index.ts';
import * as outbox from '../mail/outbox.repo.ts';
import { backoffMs } from '../mail/outbox-worker.ts';
import type { ClaimedRow } from '../mail/outbox.repo.ts';
import type { WorkerLog } from '../mail/worker-log.ts';
import { AteraError, type AteraConnection, fetchAteraPage } from './atera-client.ts';
import { articlesWriter, commentsWriter, contactsWriter, customersWriter, type PageWriter, type Tally, ticketsWriter } from './atera-writer.ts';
import * as repo from './imports-atera.repo.ts';
import { addTally, type Counts, readCounts } from './imports-atera.presenter.ts';

/** The outbox topic of one import step: read one Atera page, write it in one transaction, queue the next. */
export const ATERA_TOPIC = 'import.atera';

export interface StepPayload {
  jobId: string;
  /** The job's `step` when this row was queued: a row of an older chain (before a resume or cancel) is dropped. */
  step: number;
}

/** Atera's KB list. Older material names it `knowledgebase`, newer `knowledgebases` (docs/IMPORTS-ATERA.md). */
export const KB_PATH = 'knowledgebases';
const PATHS: Record<Exclude<AteraResource, 'comments'>, string> = { customers: 'customers', contacts: 'contacts', tickets: 'tickets', articles: KB_PATH };
const NEXT: Record<Exclude<AteraPhase, 'finished'>, AteraPhase> = { customers: 'contacts', contacts: 'tickets', tickets: 'comments', comments: 'articles', articles: 'finished' };

/** Tries before a failing page stops the import: Atera asking to wait is given more patience than errors. */
const MAX_TRIES = { rateLimited: 20, other: 5 };

class Stale extends Error {}

export function queueStep(db: Db, tenantId: string, p: StepPayload): Promise<void> {
  return enqueue(db, tenantId, ATERA_TOPIC, p);
}

interface Cursor {
  phase: AteraPhase;
  page: number;
  commentTicket: string | null;
}

/** Where a job goes after a page: the next page, else the next resource (comments walk the imported tickets one by one). */
async function advance(trx: Db, tenantId: string, at: Cursor, morePages: boolean): Promise<Cursor> {
  if (morePages) return { ...at, page: at.page + 1 };
  if (at.phase === 'finished') return at;
  const phase = NEXT[at.phase];
  if (at.phase === 'comments' || phase === 'comments') {
    const next = await repo.nextImportedTicket(trx, tenantId, at.phase === 'comments' ? at.commentTicket : null);
    if (next) return { phase: 'comments', page: 1, commentTicket: next.external_id };
    return { phase: 'articles', page: 1, commentTicket: null };
  }
  return { phase, page: 1, commentTicket: null };
}

interface PhaseWork {
  /** The Atera list to read, or null when there is nothing to read in this phase. */
  path: string | null;
  writer(items: unknown[]): PageWriter;
  /** Articles written by this page, to index once committed. */
  created: string[];
}

async function workFor(ctx: AppContext, job: repo.JobRow, language: string): Promise<PhaseWork> {
  const tenantId = job.tenant_id;
  const created: string[] = [];
  const nothing = { path: null, writer: () => customersWriter(tenantId, []), created };
  switch (job.phase) {
    case 'customers':
      return { path: PATHS.customers, writer: (items) => customersWriter(tenantId, items), created };
    case 'contacts':
      return { path: PATHS.contacts, writer: (items) => contactsWriter(ctx, tenantId, language, items), created };
    case 'tickets':
      return { path: PATHS.tickets, writer: (items) => ticketsWriter(ctx, tenantId, language, items), created };
    case 'articles':
      return { path: PATHS.articles, writer: (items) => articlesWriter(tenantId, language, job.started_by, items, created), created };
    case 'comments': {
      const externalId = job.comment_ticket;
      const portaId = externalId === null ? undefined : (await repo.mapped(ctx.db, tenantId, 'ticket', [externalId])).get(externalId);
      if (externalId === null || portaId === undefined) return nothing;
      return { path: `tickets/${encodeURIComponent(externalId)}/comments`, writer: (items) => commentsWriter(tenantId, { externalId, portaId }, items), created };
    }
    case 'finished':
      return nothing;
  }
}

/** The outbox worker's handler for `import.atera` rows (it marks the row done itself). */
export async function runAteraStep(ctx: AppContext, log: WorkerLog, row: ClaimedRow): Promise<void> {
  const payload = row.payload as StepPayload;
  const tenantId = row.tenant_id;
  try {
    const job = await repo.findJob(ctx.db, tenantId, payload.jobId);
    if (!job || job.status !== 'running' || job.step !== payload.step || !job.api_key_enc) throw new Stale();
    const conn: AteraConnection = { baseUrl: job.base_url, apiKey: decrypt(ctx.keys, job.api_key_enc), allowPrivate: ctx.config.outboundAllowPrivate };
    const { default_language: language } = await ctx.db.selectFrom('tenants').select('default_language').where('id', '=', tenantId).executeTakeFirstOrThrow();
    const work = await workFor(ctx, job, language);
    // The read happens before the transaction: a slow Atera never holds a lock (nor, on PGlite, the one session).
    const page = work.path === null ? null : await fetchAteraPage(conn, work.path, job.page);
    const writer = work.writer(page?.items ?? []);
    await writer.prepare(ctx.db);
    await ctx.db.transaction().execute(async (trx) => {
      const now = await repo.lockJob(trx, tenantId, job.id);
      if (!now || now.status !== 'running' || now.step !== payload.step) throw new Stale();
      const tally: Tally = await writer.write(trx);
      const total = page && now.phase !== 'comments' ? (page.totalItemCount ?? null) : undefined;
      const counts: Counts = addTally(readCounts(now.counts), now.phase, tally, total);
      const next = await advance(trx, tenantId, { phase: now.phase, page: now.page, commentTicket: now.comment_ticket }, page !== null && now.page < page.totalPages);
      const done = next.phase === 'finished';
      await repo.updateJob(trx, tenantId, job.id, {
        phase: next.phase,
        page: next.page,
        comment_ticket: next.commentTicket,
        counts: JSON.stringify(counts),
        step: now.step + 1,
        last_error_code: null,
        last_error: null,
        ...(done && { status: 'done' as const, api_key_enc: null, finished_at: new Date() }),
      });
      if (!done) await queueStep(trx, tenantId, { jobId: job.id, step: now.step + 1 });
      if (!(await outbox.markDone(trx, tenantId, row.id))) throw new Stale();
    });
    for (const id of work.created) await kbChanged(ctx, tenantId, id);
  } catch (err) {
    if (err instanceof Stale) {
      await outbox.markDone(ctx.db, tenantId, row.id);
      return;
    }
    await failed(ctx, log, row, payload, err);
  }
}

/**
 * A step that failed: a passing trouble (Atera busy, down, rate limiting) is tried again on the
 * same outbox row (after Atera's Retry-After, else the outbox backoff) while the job shows the
 * error; anything else, or too many tries, stops the job as `failed` until an admin resumes it.
 */
async function failed(ctx: AppContext, log: WorkerLog, row: ClaimedRow, payload: StepPayload, err: unknown): Promise<void> {
  const tenantId = row.tenant_id;
  const code = err instanceof AteraError ? err.code : 'INTERNAL';
  const detail = (err instanceof AteraError ? err.detail : err instanceof Error ? err.message : String(err)).slice(0, 1000);
  const limit = code === 'ATERA_RATE_LIMITED' ? MAX_TRIES.rateLimited : MAX_TRIES.other;
  const again = err instanceof AteraError && err.transient && row.attempts < limit;
  log.warn({ jobId: payload.jobId, attempts: row.attempts, code, err: detail }, again ? 'atera import: will retry' : 'atera import: stopped');
  await ctx.db.transaction().execute(async (trx) => {
    const job = await repo.lockJob(trx, tenantId, payload.jobId);
    const current = job?.status === 'running' && job.step === payload.step;
    if (current) {
      await repo.updateJob(trx, tenantId, payload.jobId, { last_error_code: code, last_error: detail, ...(!again && { status: 'failed' as const }) });
    }
    if (current && again) {
      const delay = (err instanceof AteraError ? err.retryAfterMs : null) ?? backoffMs(ctx.config.mail.retryBaseMs, row.attempts);
      await outbox.markRetry(trx, tenantId, row.id, `${code}: ${detail}`, delay);
    } else {
      await outbox.markDone(trx, tenantId, row.id);
    }
  });
}
