import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { makeTenant } from '../../test/factories.ts';
import { signInTechnician } from '../../test/client.ts';
import { expectStatus } from '../../test/assertions.ts';
import { drainOutbox, useMailTestApp } from '../../test/mail.ts';
import type { AppContext } from '../../platform/context.ts';
import { queueMail } from './queued-mail.ts';
import { OutboxMaintenance, pruneOutbox } from './outbox-maintenance.ts';
import { claimDue, markDone } from './outbox.repo.ts';
import { silentLog } from './worker-log.ts';

type Status = 'pending' | 'done' | 'dead' | 'held';

/** A mail of the tenant in the given state, finished `daysAgo` days ago (created a day before that). */
async function mailIn(ctx: AppContext, tenantId: string, status: Status, daysAgo: number, subject: string): Promise<string> {
  const messageId = await queueMail(ctx, ctx.db, tenantId, { kind: 'notification', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'Rita', address: 'rita@customer.example' }, subject, text: 'Body' });
  const id = messageId.slice(1, messageId.indexOf('@'));
  await sql`update outbox set status = ${status},
      created_at = now() - make_interval(days => ${daysAgo + 1}),
      processed_at = case when ${status} = 'pending' then null else now() - make_interval(days => ${daysAgo}) end
    where tenant_id = ${tenantId} and id = ${id}`.execute(ctx.db);
  return id;
}

async function subjectsLeft(ctx: AppContext, tenantId: string): Promise<string[]> {
  const rows = await ctx.db.selectFrom('outbox').select(sql<string>`payload->>'subject'`.as('s')).where('tenant_id', '=', tenantId).execute();
  return rows.map((r) => r.s).sort();
}

/** Issue 16 item 3: finished outbox rows are pruned after the retention, in batches, one node at a time; the console and the worker keep working. */
describe('outbox pruning', () => {
  const smtp = useMailTestApp();
  const t = smtp.t;
  const retention = { retentionDays: 30, deadRetentionDays: 90 };

  it('removes only done rows past the retention and dead rows past the longer one, in batches; pending and held stay, and the console lists what is left', async () => {
    const fx = await makeTenant(t.ctx);
    for (const n of [1, 2, 3]) await mailIn(t.ctx, fx.tenant.id, 'done', 40 + n, `old done ${n}`);
    await mailIn(t.ctx, fx.tenant.id, 'done', 5, 'recent done');
    await mailIn(t.ctx, fx.tenant.id, 'dead', 40, 'dead within its retention');
    await mailIn(t.ctx, fx.tenant.id, 'dead', 100, 'old dead');
    await mailIn(t.ctx, fx.tenant.id, 'held', 200, 'old held');
    await mailIn(t.ctx, fx.tenant.id, 'pending', 200, 'old pending');

    const batchesSeen: number[] = [];
    const r = await pruneOutbox(t.ctx, { ...retention, batch: 1, afterBatch: () => Promise.resolve(void batchesSeen.push(1)) });
    expect(r.skipped).toBe(false);
    // One row a batch: at least the four rows of this tenant, each in a statement of its own (other files' rows may add more).
    expect(r.batches).toBeGreaterThanOrEqual(4);
    expect(r.done).toBeGreaterThanOrEqual(3);
    expect(r.dead).toBeGreaterThanOrEqual(1);
    expect(batchesSeen.length).toBe(r.batches);
    expect(r.vacuumed).toBe(true);
    expect(await subjectsLeft(t.ctx, fx.tenant.id)).toEqual(['dead within its retention', 'old held', 'old pending', 'recent done']);

    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    const list = await admin.get('/api/v1/mail/outbox');
    expectStatus(list, 200);
    const body = list.json<{ items: { subject: string; status: string }[]; total: number }>();
    expect(body.items.map((i) => i.subject).sort()).toEqual(['dead within its retention', 'old held', 'old pending', 'recent done']);
    expect(body.total).toBe(4);
    const done = (await admin.get('/api/v1/mail/outbox?status=done')).json<{ items: { subject: string }[] }>();
    expect(done.items.map((i) => i.subject)).toEqual(['recent done']);
  });

  it('a second node does not prune while the first one is at it', async () => {
    const fx = await makeTenant(t.ctx);
    for (const n of [1, 2]) await mailIn(t.ctx, fx.tenant.id, 'done', 50 + n, `old ${n}`);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let paused!: () => void;
    const firstBatchDone = new Promise<void>((resolve) => (paused = resolve));
    let calls = 0;
    const first = pruneOutbox(t.ctx, {
      ...retention,
      batch: 1,
      afterBatch: async () => {
        if (++calls === 1) {
          paused();
          await gate;
        }
      },
    });
    await firstBatchDone;
    const second = await pruneOutbox(t.ctx, { ...retention, batch: 1 });
    expect(second).toEqual({ skipped: true, done: 0, dead: 0, batches: 0, webhookDeliveries: 0, vacuumed: false });
    // The first one is paused after its first batch: one of the two old rows is still there.
    expect((await subjectsLeft(t.ctx, fx.tenant.id)).length).toBe(1);
    release();
    const r = await first;
    expect(r.skipped).toBe(false);
    expect(await subjectsLeft(t.ctx, fx.tenant.id)).toEqual([]);
    // Once the first has finished, the lock is free again.
    expect((await pruneOutbox(t.ctx, { ...retention, vacuum: false })).skipped).toBe(false);
  });

  it('the worker maintenance prunes when it starts, and mail is still delivered afterwards', async () => {
    const fx = await makeTenant(t.ctx);
    await mailIn(t.ctx, fx.tenant.id, 'done', 31, 'just past retention');
    await mailIn(t.ctx, fx.tenant.id, 'done', 29, 'just within retention');
    const maintenance = new OutboxMaintenance(t.ctx, silentLog);
    maintenance.start();
    await maintenance.stop();
    expect(await subjectsLeft(t.ctx, fx.tenant.id)).toEqual(['just within retention']);

    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false } }), 200);
    const messageId = await queueMail(t.ctx, t.ctx.db, fx.tenant.id, { kind: 'notification', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'Rita', address: 'rita@customer.example' }, subject: 'After pruning', text: 'Body' });
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const got = await smtp.sink.waitFor((m) => m.parsed.messageId === messageId);
    expect(got.parsed.subject).toBe('After pruning');
    const status = await t.ctx.db.selectFrom('outbox').select('status').where('tenant_id', '=', fx.tenant.id).where('id', '=', messageId.slice(1, messageId.indexOf('@'))).executeTakeFirstOrThrow();
    expect(status.status).toBe('done');
  });

  it("commits the outbox's own bookkeeping without waiting for the disk, and the write that queued the mail with it", async () => {
    const fx = await makeTenant(t.ctx);
    const setting = async (db: Parameters<typeof queueMail>[1]) => (await sql<{ s: string }>`select current_setting('synchronous_commit') as s`.execute(db)).rows[0]?.s;
    // The write that queues a mail (here the mail alone) keeps the server's setting: it commits when the WAL is on disk.
    await t.ctx.db.transaction().execute(async (trx) => {
      await queueMail(t.ctx, trx, fx.tenant.id, { kind: 'notification', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'Rita', address: 'rita@customer.example' }, subject: 'Async', text: 'Body' });
      expect(await setting(trx)).toBe('on');
    });
    // The claim and the done mark switch their own transaction to an asynchronous commit (issue 16 item 3).
    const claimed = await t.ctx.db.transaction().execute(async (trx) => {
      const rows = await claimDue(trx, 20, 60_000, [fx.tenant.id]);
      expect(await setting(trx)).toBe('off');
      return rows;
    });
    expect(claimed.map((r) => r.topic)).toEqual(['mail']);
    const row = claimed[0];
    if (!row) throw new Error('nothing claimed');
    await t.ctx.db.transaction().execute(async (trx) => {
      expect(await setting(trx)).toBe('on');
      expect(await markDone(trx, fx.tenant.id, row.id)).toBe(true);
      expect(await setting(trx)).toBe('off');
    });
    const status = await t.ctx.db.selectFrom('outbox').select('status').where('tenant_id', '=', fx.tenant.id).where('id', '=', row.id).executeTakeFirstOrThrow();
    expect(status.status).toBe('done');
  });
});
