import type { AteraImportJob, AteraImportStatus } from '@porta/contracts/imports-atera';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt } from '../../platform/crypto/keys.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, useTestApp } from '../../test/harness.ts';
import { OutboxWorker } from '../mail/outbox-worker.ts';
import { silentLog } from '../mail/worker-log.ts';
import { claimDue } from '../mail/outbox.repo.ts';
import { ateraCompany, type AteraStandIn, startAteraStandIn } from './test/atera-stand-in.ts';

/**
 * Issue 15 item 5 against a stand-in speaking Atera's API v3 over real HTTP on loopback (paging
 * envelope, X-API-KEY, failures on demand). The outbox worker runs the import as it does in the
 * server, limited to the test's tenant; retries back off 1 ms (PORTA_MAIL_RETRY_BASE_MS).
 */
const KEY = 'atera-key-0123456789abcdef';
const env = { PORTA_MAIL_RETRY_BASE_MS: '1', PORTA_MAIL_LEASE_MS: '300' };
const t = useTestApp({ env });
const BASE = '/api/v1/imports/atera';

/** 8 customers × 7 contacts (2 pages), one ticket each (2 pages, 56 comment lists), 55 articles (2 pages). */
const company = () => ateraCompany({ customers: 8, contactsEach: 7, ticketsEach: 1, articles: 55 });

let atera: AteraStandIn;
beforeAll(async () => {
  atera = await startAteraStandIn(KEY, company());
});
afterAll(async () => {
  await atera?.close();
});

async function adminOf(fx: TenantFixture): Promise<Client> {
  return mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
}

async function fresh() {
  const fx = await makeTenant(t.ctx);
  return { fx, admin: await adminOf(fx) };
}

/** Runs the tenant's outbox until nothing is due within 200 ms (a retry backing off a few ms is waited for; Atera's Retry-After is not). */
async function drain(tenantId: string, ctx = t.ctx): Promise<void> {
  const worker = new OutboxWorker(ctx, silentLog, { onlyTenants: [tenantId] });
  for (;;) {
    await worker.drain();
    const next = await ctx.db.selectFrom('outbox').select('available_at').where('tenant_id', '=', tenantId).where('status', '=', 'pending').orderBy('available_at').executeTakeFirst();
    if (!next || next.available_at.getTime() - Date.now() > 200) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function jobOf(admin: Client): Promise<AteraImportJob> {
  const res = await admin.get(BASE);
  expectStatus(res, 200);
  const { job } = res.json<AteraImportStatus>();
  if (!job) throw new Error('no job');
  return job;
}

async function start(admin: Client, standIn = atera): Promise<AteraImportJob> {
  const res = await admin.post(BASE, { apiKey: KEY, baseUrl: standIn.baseUrl });
  expectStatus(res, 200);
  return res.json<AteraImportStatus>().job as AteraImportJob;
}

async function rows(tenantId: string) {
  const count = async (table: 'customers' | 'contacts' | 'tickets' | 'ticket_comments' | 'kb_articles' | 'atera_import_map') =>
    Number((await t.ctx.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);
  return {
    customers: await count('customers'),
    contacts: await count('contacts'),
    tickets: await count('tickets'),
    comments: await count('ticket_comments'),
    articles: await count('kb_articles'),
    mapped: await count('atera_import_map'),
  };
}

const FULL = { customers: 8, contacts: 56, tickets: 56, comments: 112, articles: 55, mapped: 8 + 56 + 56 + 112 + 55 };

// A full import is ~120 steps (a transaction each): seconds on PGlite on a shared 2-core host.
describe('Atera import (issue 15 item 5)', { timeout: 300_000 }, () => {
  it('imports customers, contacts, tickets with comments and KB articles across pages, then a second run duplicates nothing', async () => {
    const { fx, admin } = await fresh();
    const from = atera.requests.length;
    const started = await start(admin);
    expect(started).toMatchObject({ status: 'running', phase: 'customers', page: 1, baseUrl: atera.baseUrl, lastError: null });
    await drain(fx.tenant.id);

    const job = await jobOf(admin);
    expect(job).toMatchObject({ status: 'done', phase: 'finished', lastError: null });
    expect(job.finishedAt).not.toBeNull();
    expect(job.counts).toEqual({
      customers: { imported: 8, matched: 0, skipped: 0, total: 8 },
      contacts: { imported: 56, matched: 0, skipped: 0, total: 56 },
      tickets: { imported: 56, matched: 0, skipped: 0, total: 56 },
      // The first comment of each ticket is its description, already imported as such.
      comments: { imported: 112, matched: 56, skipped: 0, total: null },
      articles: { imported: 55, matched: 0, skipped: 0, total: 55 },
    });
    expect(await rows(fx.tenant.id)).toEqual(FULL);

    // Paging: every page of every list read once, 50 at a time, in the order customers → contacts → tickets → comments → articles.
    const reads = atera.requests.slice(from).filter((r) => r.status === 200);
    expect(reads.every((r) => r.itemsInPage === 50)).toBe(true);
    const lists = reads.filter((r) => !r.path.endsWith('/comments'));
    expect(lists.map((r) => `${r.path}:${r.page}`)).toEqual(['customers:1', 'customers:1', 'contacts:1', 'contacts:2', 'tickets:1', 'tickets:2', 'knowledgebases:1', 'knowledgebases:2']);
    expect(new Set(reads.filter((r) => r.path.endsWith('/comments')).map((r) => r.path)).size).toBe(56);

    // What was written, as Porta shows it.
    const db = t.ctx.db;
    const customer = await db.selectFrom('customers').select('id').where('tenant_id', '=', fx.tenant.id).where('name', '=', 'Customer 3').executeTakeFirstOrThrow();
    expect((await db.selectFrom('customer_domains').select('domain').where('customer_id', '=', customer.id).execute()).map((d) => d.domain)).toEqual(['customer3.example.com']);
    const contact = await db.selectFrom('contacts').selectAll().where('tenant_id', '=', fx.tenant.id).where('email', '=', 'user501@customer1.example.com').executeTakeFirstOrThrow();
    expect(contact).toMatchObject({ first_name: 'First501', last_name: 'Last501', is_primary: true, phone: '+33 1 23 45 67 89', username: 'first501.last501', welcome_sent_at: null });
    expect(contact.initial_password_enc).not.toBeNull();
    const ticket = await db
      .selectFrom('tickets as tk')
      .innerJoin('ticket_statuses as s', 's.id', 'tk.status_id')
      .select(['tk.id', 'tk.subject', 'tk.description', 'tk.priority', 'tk.type', 's.key as status', 'tk.requester_id', 'tk.created_at'])
      .where('tk.tenant_id', '=', fx.tenant.id)
      .where('tk.subject', '=', 'Printer 9004 jammed')
      .executeTakeFirstOrThrow();
    // 9004 % 5 = 4 → "Waiting for parts", a custom Atera status: open; 9004 % 4 = 0 → Low.
    expect(ticket).toMatchObject({ description: 'The printer 9004 shows E-04.', priority: 'low', type: 'problem', status: 'open' });
    expect(ticket.created_at.toISOString()).toBe('2024-03-04T10:15:00.000Z');
    const statuses = await db.selectFrom('tickets as tk').innerJoin('ticket_statuses as s', 's.id', 'tk.status_id').select('s.key').where('tk.tenant_id', '=', fx.tenant.id).distinct().execute();
    expect(statuses.map((s) => s.key).sort()).toEqual(['closed', 'open', 'pending', 'resolved']);
    const comments = await db.selectFrom('ticket_comments').selectAll().where('ticket_id', '=', ticket.id).orderBy('created_at').execute();
    expect(comments.map((c) => ({ body: c.body, internal: c.internal, contact: c.author_contact_id }))).toEqual([
      { body: '**Tess Tech** (Atera):\n\nReplaced the drum of 9004.', internal: false, contact: null },
      { body: '**Tess Tech** (Atera):\n\nBilling note for 9004.', internal: true, contact: null },
    ]);
    const drafts = await db.selectFrom('kb_articles').select('id').where('tenant_id', '=', fx.tenant.id).where('status', '=', 'draft').execute();
    expect(drafts).toHaveLength(11);
    const article = await db.selectFrom('kb_translations').selectAll().where('tenant_id', '=', fx.tenant.id).where('title', '=', 'How to reset printer 7').executeTakeFirstOrThrow();
    expect(article).toMatchObject({ language: 'en', body: 'Hold the reset button of printer 7.' });
    // An import is not news: no ticket or contact events, so no notification or welcome mails.
    expect(await db.selectFrom('outbox').select('topic').where('tenant_id', '=', fx.tenant.id).where('topic', '!=', 'import.atera').execute()).toEqual([]);
    // The key is kept only while the job may still need it.
    const stored = await db.selectFrom('atera_import_jobs').select('api_key_enc').where('id', '=', job.id).executeTakeFirstOrThrow();
    expect(stored.api_key_enc).toBeNull();

    // Again: everything is recognised, nothing written twice.
    await start(admin);
    await drain(fx.tenant.id);
    const again = await jobOf(admin);
    expect(again.status).toBe('done');
    expect(again.counts.customers).toEqual({ imported: 0, matched: 8, skipped: 0, total: 8 });
    expect(again.counts.tickets).toEqual({ imported: 0, matched: 56, skipped: 0, total: 56 });
    expect(again.counts.comments).toEqual({ imported: 0, matched: 168, skipped: 0, total: null });
    expect(await rows(fx.tenant.id)).toEqual(FULL);
  });

  it('takes the Porta contact with the same e-mail for the Atera one, and leaves a domain with the customer holding it', async () => {
    const { fx, admin } = await fresh();
    const mine = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Hand-made', domains: ['customer1.example.com'] });
    const existing = await makeContact(t.ctx, fx.tenant.id, mine.id, { email: 'user501@customer1.example.com' });
    await start(admin);
    await drain(fx.tenant.id);
    const job = await jobOf(admin);
    expect(job.status).toBe('done');
    expect(job.counts.contacts).toEqual({ imported: 55, matched: 1, skipped: 0, total: 56 });
    expect(await rows(fx.tenant.id)).toMatchObject({ customers: 9, contacts: 56, tickets: 56 });
    // Atera's ticket of that person is theirs in Porta, under their Porta customer.
    const ticket = await t.ctx.db.selectFrom('tickets').select(['requester_id', 'customer_id']).where('tenant_id', '=', fx.tenant.id).where('subject', '=', 'Printer 9001 jammed').executeTakeFirstOrThrow();
    expect(ticket).toEqual({ requester_id: existing.id, customer_id: mine.id });
    const holders = await t.ctx.db.selectFrom('customer_domains').select('customer_id').where('tenant_id', '=', fx.tenant.id).where('domain', '=', 'customer1.example.com').execute();
    expect(holders).toEqual([{ customer_id: mine.id }]);
  });

  it('stops on a page that keeps failing, and resumes from that page without duplicates', async () => {
    const { fx, admin } = await fresh();
    atera.failOn({ path: 'tickets', page: 2, status: 500 });
    try {
      await start(admin);
      await drain(fx.tenant.id);
      const stopped = await jobOf(admin);
      expect(stopped).toMatchObject({
      status: 'failed',
      phase: 'tickets',
      page: 2,
      lastError: { code: 'ATERA_UNREACHABLE', message: 'Atera could not be reached or answered with an error. Try again later.', detail: 'tickets page 2: HTTP 500' },
    });
      expect(stopped.counts.tickets).toEqual({ imported: 50, matched: 0, skipped: 0, total: 56 });
      expect((await rows(fx.tenant.id)).tickets).toBe(50);
      // Tried five times (backing off), then stopped; the key stays sealed for the resume.
      expect(atera.requests.filter((r) => r.path === 'tickets' && r.page === 2 && r.status === 500).length).toBeGreaterThanOrEqual(5);
      const sealed = await t.ctx.db.selectFrom('atera_import_jobs').select('api_key_enc').where('id', '=', stopped.id).executeTakeFirstOrThrow();
      expect(sealed.api_key_enc).not.toContain(KEY);
      expect(decrypt(t.ctx.keys, sealed.api_key_enc as string)).toBe(KEY);
      // A new start is refused while this one can be resumed.
      expectError(await admin.post(BASE, { apiKey: KEY, baseUrl: atera.baseUrl }), 409, 'ATERA_IMPORT_RUNNING');
    } finally {
      atera.heal();
    }
    const resumed = await admin.post(`${BASE}/resume`, {});
    expectStatus(resumed, 200);
    expect(resumed.json<AteraImportStatus>().job).toMatchObject({ status: 'running', phase: 'tickets', page: 2, lastError: null });
    await drain(fx.tenant.id);
    const job = await jobOf(admin);
    expect(job.status).toBe('done');
    expect(job.counts.tickets).toEqual({ imported: 56, matched: 0, skipped: 0, total: 56 });
    expect(await rows(fx.tenant.id)).toEqual(FULL);
    expectError(await admin.post(`${BASE}/resume`, {}), 409, 'ATERA_IMPORT_NOT_RESUMABLE');
  });

  it('survives a restart mid-run: another app (node) takes over the abandoned step and finishes without duplicates', async () => {
    const { fx, admin } = await fresh();
    await start(admin);
    const worker = new OutboxWorker(t.ctx, silentLog, { onlyTenants: [fx.tenant.id] });
    for (let i = 0; i < 4; i++) await worker.runOnce();
    // This node claims the next step and dies before finishing it: the row keeps its lease.
    const abandoned = await claimDue(t.ctx.db, 1, 300, [fx.tenant.id]);
    expect(abandoned).toHaveLength(1);
    const midway = await jobOf(admin);
    expect(midway).toMatchObject({ status: 'running', phase: 'tickets', page: 2 });

    const other = await createTestApp({ env });
    try {
      await new Promise((r) => setTimeout(r, 350));
      await drain(fx.tenant.id, other.ctx);
    } finally {
      await other.close();
    }
    const job = await jobOf(admin);
    expect(job.status).toBe('done');
    expect(job.counts.tickets.imported).toBe(56);
    expect(await rows(fx.tenant.id)).toEqual(FULL);
  });

  it('waits as long as Atera asks (429 Retry-After) and goes on by itself', async () => {
    const { fx, admin } = await fresh();
    atera.failOn({ path: 'contacts', page: 2, status: 429, retryAfter: 1, times: 1 });
    await start(admin);
    await drain(fx.tenant.id);
    const waiting = await jobOf(admin);
    expect(waiting).toMatchObject({ status: 'running', phase: 'contacts', page: 2, lastError: { code: 'ATERA_RATE_LIMITED' } });
    const row = await t.ctx.db.selectFrom('outbox').select(['available_at', 'status']).where('tenant_id', '=', fx.tenant.id).where('status', '=', 'pending').executeTakeFirstOrThrow();
    expect(row.available_at.getTime() - Date.now()).toBeGreaterThan(400);
    await new Promise((r) => setTimeout(r, 1100));
    await drain(fx.tenant.id);
    expect((await jobOf(admin)).status).toBe('done');
    expect(await rows(fx.tenant.id)).toEqual(FULL);
  });

  it('refuses a bad key at once with a clear error in the caller’s language, and writes nothing', async () => {
    const { fx, admin } = await fresh();
    const res = await admin.request('POST', BASE, { body: { apiKey: 'not-the-key', baseUrl: atera.baseUrl }, headers: { 'accept-language': 'fr' } });
    const error = expectError(res, 400, 'ATERA_KEY_REFUSED');
    expect(error.message).toContain('Atera a refusé la clé API');
    expect((await admin.get(BASE)).json<AteraImportStatus>()).toEqual({ job: null });
    expect(await t.ctx.db.selectFrom('outbox').select('id').where('tenant_id', '=', fx.tenant.id).execute()).toEqual([]);
  });

  it('stops at once, without retrying, when Atera refuses the key mid-run; resuming with a new key goes on', async () => {
    const { fx, admin } = await fresh();
    atera.failOn({ path: 'contacts', page: 1, status: 401, times: 1 });
    await start(admin);
    await drain(fx.tenant.id);
    expect(await jobOf(admin)).toMatchObject({ status: 'failed', phase: 'contacts', lastError: { code: 'ATERA_KEY_REFUSED' } });
    expectError(await admin.post(`${BASE}/resume`, { apiKey: 'still-wrong' }), 400, 'ATERA_KEY_REFUSED');
    expectStatus(await admin.post(`${BASE}/resume`, { apiKey: KEY }), 200);
    await drain(fx.tenant.id);
    expect((await jobOf(admin)).status).toBe('done');
    expect(await rows(fx.tenant.id)).toEqual(FULL);
  });

  it('cancel stops the import for good: the queued step is dropped and the key forgotten', async () => {
    const { fx, admin } = await fresh();
    await start(admin);
    const res = await admin.post(`${BASE}/cancel`);
    expectStatus(res, 200);
    expect(res.json<AteraImportStatus>().job).toMatchObject({ status: 'cancelled' });
    await drain(fx.tenant.id);
    expect(await rows(fx.tenant.id)).toEqual({ customers: 0, contacts: 0, tickets: 0, comments: 0, articles: 0, mapped: 0 });
    const stored = await t.ctx.db.selectFrom('atera_import_jobs').select('api_key_enc').where('tenant_id', '=', fx.tenant.id).executeTakeFirstOrThrow();
    expect(stored.api_key_enc).toBeNull();
    expectError(await admin.post(`${BASE}/resume`, {}), 409, 'ATERA_IMPORT_NOT_RESUMABLE');
    expectError(await admin.post(`${BASE}/cancel`), 404, 'ATERA_IMPORT_NOT_FOUND');
  });

  it('keeps tenants apart: another tenant sees no job, cannot resume or cancel it, and imports its own copy', async () => {
    const a = await fresh();
    const b = await fresh();
    await start(a.admin);
    // Tenant A's import stops (its start's own check of the key has read customers page 1 already).
    atera.failOn({ path: 'customers', page: 1, status: 500 });
    try {
      await drain(a.fx.tenant.id);
    } finally {
      atera.heal();
    }
    expect(await jobOf(a.admin)).toMatchObject({ status: 'failed' });
    expect((await b.admin.get(BASE)).json<AteraImportStatus>()).toEqual({ job: null });
    expectError(await b.admin.post(`${BASE}/resume`, {}), 404, 'ATERA_IMPORT_NOT_FOUND');
    expectError(await b.admin.post(`${BASE}/cancel`), 404, 'ATERA_IMPORT_NOT_FOUND');
    expect((await jobOf(a.admin)).status).toBe('failed');
    // B's import of the same Atera account writes B's own rows; A's mapping does not make B skip anything.
    await start(b.admin);
    await drain(b.fx.tenant.id);
    expect(await rows(b.fx.tenant.id)).toEqual(FULL);
    expect((await rows(a.fx.tenant.id)).customers).toBe(0);
  });

  it('refuses a private address unless the operator allows them', async () => {
    const strict = await createTestApp({ env: { PORTA_OUTBOUND_ALLOW_PRIVATE: 'false' } });
    try {
      const fx = await makeTenant(strict.ctx);
      const admin = await mintSession(strict.app, strict.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
      const before = atera.requests.length;
      expectError(await admin.post(BASE, { apiKey: KEY, baseUrl: atera.baseUrl }), 400, 'OUTBOUND_URL_REFUSED');
      expect(atera.requests.length).toBe(before);
    } finally {
      await strict.close();
    }
  });
});
