/**
 * E-mail (issue 5, "Measure and report"), on PostgreSQL (`porta_bench_mail`, created and dropped):
 *
 * - inbound: messages/s turned into tickets by the real server's SMTP receiver
 *   (`PORTA_SMTP_PORT`) with 5 concurrent SMTP clients, against a bare smtp-server + mailparser +
 *   one INSERT per message on the same PostgreSQL (bench/mail/bare-smtp.ts), rounds alternated;
 *   then the same messages delivered again must add no ticket (dedup).
 * - outbound: mails/s delivered by `porta mail-worker` (a process of its own) to a local SMTP
 *   server, against nodemailer sending the same number straight to it (pooled, 3 connections,
 *   the worker's transport settings), rounds alternated.
 * - relay outage: the local SMTP server stopped, mails queued, the server started again after a
 *   while: every queued mail must arrive exactly once (counts reported).
 *
 * Env: BENCH_MAIL_INBOUND=400 (messages a round)  BENCH_MAIL_OUTBOUND=1000  BENCH_MAIL_OUTAGE=300
 *      BENCH_ROUNDS=2  BENCH_MAIL_OUTAGE_S=4  BENCH_PG_URL=postgres://postgres@127.0.0.1:5432
 */
import net from 'node:net';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '../apps/server/src/config.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import { createCustomer } from '../apps/server/src/features/customers/customers.service.ts';
import { createContact } from '../apps/server/src/features/contacts/contacts.service.ts';
import { queueMail } from '../apps/server/src/features/mail/queued-mail.ts';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import { BENCH_SECRET_KEY, freePort, machine, median, removeDir, ROOT, round, runMain, SERVER_NODE_ARGS, serverCommand, sleep, startNode, table, tempDir, waitFor200, writeResult, type Child } from './lib/common.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';
import { CountingSink } from './mail/mail-sink.ts';
import { inboundMessage, sendConcurrently } from './mail/smtp-load.ts';

const INBOUND = Number(process.env.BENCH_MAIL_INBOUND ?? 400);
const OUTBOUND = Number(process.env.BENCH_MAIL_OUTBOUND ?? 1000);
const OUTAGE = Number(process.env.BENCH_MAIL_OUTAGE ?? 300);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const OUTAGE_S = Number(process.env.BENCH_MAIL_OUTAGE_S ?? 4);
const CLIENTS = 5;
const DB = 'porta_bench_mail';
const MAIL_DOMAIN = 'bench.porta.test';

async function waitForPort(port: number, child: Child, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.on('error', () => resolve(false));
    });
    if (ok) return;
    await sleep(100);
  }
  throw new Error(`port ${port} never opened:\n${child.tail()}`);
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function ticketsLike(ctx: AppContext, tenantId: string, prefix: string): Promise<number> {
  const r = await ctx.db.selectFrom('tickets').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('subject', 'like', `${prefix}%`).executeTakeFirstOrThrow();
  return Number(r.n);
}

async function pendingMails(ctx: AppContext, tenantId: string): Promise<number> {
  const r = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', tenantId).where('topic', '=', 'mail').where('status', '=', 'pending').executeTakeFirstOrThrow();
  return Number(r.n);
}

async function queueMany(ctx: AppContext, tenantId: string, n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (let i = 0; i < n; i++) {
      ids.push(await queueMail(ctx, trx, tenantId, { kind: 'notification', from: { name: 'Bench MSP', address: `bench@${MAIL_DOMAIN}` }, to: { name: `R ${i}`, address: `r${i}@bench-customer.example` }, subject: `${tag} ${i}`, text: `Notification ${i} of the bench.\n` }));
    }
  });
  return ids;
}

async function main(): Promise<void> {
  const why = await postgresUnavailable();
  if (why) {
    writeResult({ name: 'mail', startedAt: new Date().toISOString(), machine: machine(), summary: [`mail: skipped (${why})`], goalsMet: true, data: { skipped: why } });
    console.log(`mail: skipped (${why})`);
    return;
  }
  const startedAt = new Date().toISOString();
  const url = await recreateDatabase(DB);
  const dataDir = tempDir('porta-bench-mail-');
  const config = loadConfig({ DATABASE_URL: url, PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_MAIL_DOMAIN: MAIL_DOMAIN, PORTA_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const { ctx, handle } = await boot(config);
  const children: Child[] = [];
  try {
    const { tenant } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: { name: 'Bench Admin', email: 'admin@bench-msp.example', password: 'bench-admin-password' } });
    const { tenant: outTenant } = await createTenantWithAdmin(ctx, { slug: 'benchout', name: 'Bench Out', admin: { name: 'Out Admin', email: 'admin@bench-out.example', password: 'bench-admin-password' } });
    const customer = await createCustomer(ctx, tenant.id, { name: 'Bench Customer', domains: ['bench-customer.example'] });
    const sender = 'sender@bench-customer.example';
    await createContact(ctx, tenant.id, 'en', { customerId: customer.id, firstName: 'Bench', lastName: 'Sender', email: sender, isPrimary: false });
    const inboundTo = `bench@${MAIL_DOMAIN}`;

    // ---- inbound ----
    const cmd = serverCommand();
    const [appPort, appSmtp, bareSmtp] = [await freePort(), await freePort(), await freePort()];
    const app = startNode('mail-app', cmd.args, {
      DATABASE_URL: url,
      PORT: String(appPort),
      HOST: '127.0.0.1',
      PORTA_SMTP_PORT: String(appSmtp),
      PORTA_SMTP_BIND: '127.0.0.1',
      PORTA_MAIL_WORKER: 'false',
      PORTA_SECRET_KEY: BENCH_SECRET_KEY,
      PORTA_MAIL_DOMAIN: MAIL_DOMAIN,
      PORTA_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
    });
    children.push(app);
    await waitFor200(`http://127.0.0.1:${appPort}/healthz`, app, performance.now(), 120_000);
    await waitForPort(appSmtp, app);
    const bare = startNode('mail-bare-smtp', ['--import', 'tsx', path.join(ROOT, 'bench/mail/bare-smtp.ts')], { BARE_SMTP_PORT: String(bareSmtp), BARE_DATABASE_URL: url });
    children.push(bare);
    await waitForPort(bareSmtp, bare);

    const rates: { app: number[]; bare: number[] } = { app: [], bare: [] };
    const order = Array.from({ length: ROUNDS }, (_, r) => (r % 2 === 0 ? (['app', 'bare'] as const) : (['bare', 'app'] as const))).flat();
    let firstAppRun = '';
    for (const [i, variant] of order.entries()) {
      const run = `${variant}${i}`;
      const messages = Array.from({ length: INBOUND }, (_, k) => inboundMessage(k, sender, inboundTo, run));
      const seconds = await sendConcurrently(variant === 'app' ? appSmtp : bareSmtp, CLIENTS, messages);
      if (variant === 'app') {
        // The receiver answers 250 only after the ticket is committed: the count is exact now.
        const made = await ticketsLike(ctx, tenant.id, `Bench request ${run}-`);
        if (made !== INBOUND) throw new Error(`${INBOUND} messages sent, ${made} tickets`);
        firstAppRun ||= run;
      }
      rates[variant].push(INBOUND / seconds);
      console.log(`  inbound ${variant.padEnd(4)} round ${i + 1}: ${round(INBOUND / seconds, 1)} msg/s`);
    }
    // Dedup: the first app round delivered again by the 5 clients.
    const again = Array.from({ length: INBOUND }, (_, k) => inboundMessage(k, sender, inboundTo, firstAppRun));
    await sendConcurrently(appSmtp, CLIENTS, again);
    const afterRedelivery = await ticketsLike(ctx, tenant.id, `Bench request ${firstAppRun}-`);
    await app.stop();
    await bare.stop();

    // ---- outbound ----
    const sinkPort = await freePort();
    const sink = new CountingSink(sinkPort);
    await sink.start();
    const cliArgs = cmd.mode === 'dist' ? [...SERVER_NODE_ARGS, path.join(ROOT, 'apps/server/dist/cli.js'), 'mail-worker'] : ['--import', 'tsx', path.join(ROOT, 'apps/server/src/cli.ts'), 'mail-worker'];
    const worker = startNode('mail-worker', cliArgs, {
      DATABASE_URL: url,
      PORTA_SECRET_KEY: BENCH_SECRET_KEY,
      PORTA_SMTP_RELAY: `smtp://127.0.0.1:${sinkPort}`,
      PORTA_MAIL_DOMAIN: MAIL_DOMAIN,
      PORTA_MAIL_POLL_MS: '50',
      PORTA_MAIL_RETRY_BASE_MS: '250',
      PORTA_MAIL_MAX_ATTEMPTS: '40',
      PORTA_MAIL_WORKER_TENANTS: outTenant.id,
      LOG_LEVEL: 'warn',
    });
    children.push(worker);
    await sleep(3000);
    const out: { worker: number[]; bare: number[] } = { worker: [], bare: [] };
    const outOrder = Array.from({ length: ROUNDS }, (_, r) => (r % 2 === 0 ? (['worker', 'bare'] as const) : (['bare', 'worker'] as const))).flat();
    for (const [i, variant] of outOrder.entries()) {
      const before = sink.total;
      const t0 = performance.now();
      if (variant === 'worker') {
        await queueMany(ctx, outTenant.id, OUTBOUND, `Bench out ${i}`);
        await waitUntil(async () => (await pendingMails(ctx, outTenant.id)) === 0 && sink.total - before >= OUTBOUND, 300_000, 'the worker to deliver');
      } else {
        const transport = nodemailer.createTransport({ host: '127.0.0.1', port: sinkPort, secure: false, ignoreTLS: true, pool: true, maxConnections: 3 });
        await Promise.all(
          Array.from({ length: OUTBOUND }, (_, k) =>
            transport.sendMail({ messageId: `<bare-${i}-${k}@${MAIL_DOMAIN}>`, from: `bench@${MAIL_DOMAIN}`, to: `r${k}@bench-customer.example`, subject: `Bare ${i} ${k}`, text: `Notification ${k} of the bench.\n`, headers: { 'Auto-Submitted': 'auto-generated' } }),
          ),
        );
        transport.close();
      }
      const seconds = (performance.now() - t0) / 1000;
      out[variant].push(OUTBOUND / seconds);
      console.log(`  outbound ${variant.padEnd(6)} round ${i + 1}: ${round(OUTBOUND / seconds, 1)} mails/s`);
    }

    // ---- relay outage ----
    await sink.stop();
    const outageIds = await queueMany(ctx, outTenant.id, OUTAGE, 'Bench outage');
    await sleep(OUTAGE_S * 1000);
    const attemptsDuringOutage = await ctx.db.selectFrom('outbox').select((eb) => eb.fn.sum<number>('attempts').as('n')).where('tenant_id', '=', outTenant.id).where('status', '=', 'pending').executeTakeFirstOrThrow();
    const restartedAt = performance.now();
    await sink.start();
    await waitUntil(async () => (await pendingMails(ctx, outTenant.id)) === 0, 300_000, 'the queue to drain after the restart');
    const drainSeconds = (performance.now() - restartedAt) / 1000;
    const counts = outageIds.map((id) => sink.received.get(id) ?? 0);
    const outage = {
      queued: OUTAGE,
      deliveredOnce: counts.filter((c) => c === 1).length,
      duplicated: counts.filter((c) => c > 1).length,
      missing: counts.filter((c) => c === 0).length,
      dead: Number((await ctx.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', outTenant.id).where('status', '=', 'dead').executeTakeFirstOrThrow()).n),
      failedAttemptsDuringOutage: Number(attemptsDuringOutage.n ?? 0),
      outageSeconds: OUTAGE_S,
      drainSecondsAfterRestart: round(drainSeconds, 1),
    };
    await worker.stop();
    await sink.stop();

    const inApp = median(rates.app);
    const inBare = median(rates.bare);
    const outWorker = median(out.worker);
    const outBare = median(out.bare);
    console.log(`\nbench/mail on PostgreSQL, server: ${cmd.note}`);
    console.log(
      table(
        ['measure', 'Porta', 'bare baseline', 'ratio'],
        [
          [`inbound msg/s → tickets (${CLIENTS} SMTP clients, ${INBOUND}/round)`, round(inApp, 1), round(inBare, 1), round(inApp / inBare, 2)],
          [`outbound mails/s to local SMTP (${OUTBOUND}/round)`, round(outWorker, 1), round(outBare, 1), round(outWorker / outBare, 2)],
        ],
      ),
    );
    console.log(`dedup: ${INBOUND} messages delivered a second time → ${afterRedelivery} tickets for them (expected ${INBOUND})`);
    console.log(
      `relay outage (${OUTAGE_S} s): ${outage.queued} queued → ${outage.deliveredOnce} delivered exactly once, ${outage.duplicated} duplicated, ${outage.missing} missing, ${outage.dead} dead; ${outage.failedAttemptsDuringOutage} attempts while down; drained ${outage.drainSecondsAfterRestart} s after the restart`,
    );
    const exact = outage.deliveredOnce === OUTAGE && afterRedelivery === INBOUND;
    writeResult({
      name: 'mail',
      startedAt,
      machine: machine(),
      summary: [
        `mail: inbound ${round(inApp, 1)} msg/s → tickets (${round(inApp / inBare, 2)} × bare ${round(inBare, 1)}), outbound ${round(outWorker, 1)} mails/s (${round(outWorker / outBare, 2)} × bare ${round(outBare, 1)})`,
        `mail: relay outage ${outage.queued} queued → ${outage.deliveredOnce} exactly once, ${outage.duplicated} dup, ${outage.missing} missing; redelivery of ${INBOUND} → ${afterRedelivery} tickets`,
      ],
      goalsMet: exact,
      data: { server: cmd.note, inbound: { app: rates.app, bare: rates.bare, afterRedelivery }, outbound: out, outage },
    });
  } finally {
    for (const c of children) await c.stop().catch(() => undefined);
    await handle.close();
    removeDir(dataDir);
    await dropDatabase(DB).catch(() => undefined);
  }
}

runMain(main, 9 * 60_000);
