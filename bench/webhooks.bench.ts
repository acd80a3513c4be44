/**
 * Webhook deliveries through the outbox (issue 15 item 1, measured) against a bare `fetch`
 * loop to the same local receiver, in the same run, on PostgreSQL (`porta_bench_webhooks`,
 * created and dropped):
 *
 * - outbox: BENCH_WEBHOOKS_N `ticket.updated` domain events (one real ticket; the one ticket event
 *   with no mail notification, so the worker does webhook work only) are written to the outbox, then the real OutboxWorker (batch 20, 20 sends in flight) drains them: each event
 *   fans out to the endpoint (the ticket read and presented, the delivery and its outbox row
 *   written), each delivery is claimed, signed (Standard Webhooks) and POSTed through the
 *   outbound guard, and marked delivered. Wall time from the first claim to the last mark.
 * - bare: the same number of POSTs of a body of the same size, signed the same way, with the
 *   same concurrency (20), by `fetch` to the same receiver; no database.
 * Alternated bare, outbox, bare, outbox (the host drifts: compare within the run only).
 * The receiver is a plain Node HTTP server in a child process on loopback, answering 204.
 *
 * Env: BENCH_WEBHOOKS_N=1000 BENCH_PG_URL=postgres://postgres@127.0.0.1:5432
 */
import { sql } from 'kysely';
import { loadConfig } from '../apps/server/src/config.ts';
import { boot } from '../apps/server/src/platform/boot.ts';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import { createTenantWithAdmin } from '../apps/server/src/features/tenants/tenants.service.ts';
import { createCustomer } from '../apps/server/src/features/customers/customers.service.ts';
import { createContact } from '../apps/server/src/features/contacts/contacts.service.ts';
import { createTicket } from '../apps/server/src/features/tickets/tickets.service.ts';
import { OutboxWorker } from '../apps/server/src/features/mail/outbox-worker.ts';
import { silentLog } from '../apps/server/src/features/mail/worker-log.ts';
import { createEndpoint } from '../apps/server/src/features/webhooks/webhooks.service.ts';
import { webhookHeaders } from '../apps/server/src/features/webhooks/webhook-signature.ts';
import { BENCH_SECRET_KEY, freePort, machine, removeDir, round, runMain, startNode, table, tempDir, writeResult } from './lib/common.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from './lib/postgres.ts';

const N = Number(process.env.BENCH_WEBHOOKS_N ?? 1000);
const WARM_UP = 100;
const CONCURRENCY = 20;
const DB = 'porta_bench_webhooks';

const RECEIVER = `
const http = require('node:http');
let n = 0;
http.createServer((req, res) => { req.resume(); req.on('end', () => { n++; res.writeHead(204).end(); }); })
  .listen(Number(process.argv[1]), '127.0.0.1', () => console.log('receiver ready'));
`;

async function startReceiver(port: number) {
  const child = startNode('receiver', ['-e', RECEIVER, String(port)], {});
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/ping`, { method: 'POST', body: '' });
      return child;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error('receiver did not start');
}

/** N signed POSTs, CONCURRENCY at a time, by fetch; answers the wall time in seconds. */
async function bare(url: string, secret: string, body: string): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        const res = await fetch(url, { method: 'POST', headers: webhookHeaders(secret, `msg_bare${i}`, Math.floor(Date.now() / 1000), body), body });
        await res.arrayBuffer();
        if (res.status !== 204) throw new Error(`bare: HTTP ${res.status}`);
      }
    }),
  );
  return (performance.now() - t0) / 1000;
}

/** N domain events through the outbox: fan-out, delivery, mark; answers the wall time in seconds. */
async function throughOutbox(ctx: AppContext, tenantId: string, ticketId: string, n = N): Promise<number> {
  await ctx.db.deleteFrom('webhook_deliveries').where('tenant_id', '=', tenantId).execute();
  await sql`insert into outbox (tenant_id, topic, payload)
    select ${tenantId}, 'ticket.updated', jsonb_build_object('ticketId', ${ticketId}::text, 'fields', jsonb_build_array('priority')) from generate_series(1, ${n}::int)`.execute(ctx.db);
  const worker = new OutboxWorker(ctx, silentLog, { batch: CONCURRENCY, onlyTenants: [tenantId] });
  const t0 = performance.now();
  await worker.drain();
  const s = (performance.now() - t0) / 1000;
  const counts = await ctx.db.selectFrom('webhook_deliveries').select(['status', (eb) => eb.fn.countAll<string>().as('n')]).where('tenant_id', '=', tenantId).groupBy('status').execute();
  const delivered = Number(counts.find((c) => c.status === 'delivered')?.n ?? 0);
  if (delivered !== n || counts.some((c) => c.status !== 'delivered')) throw new Error(`not all delivered: ${JSON.stringify(counts)}`);
  return s;
}

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const why = await postgresUnavailable();
  if (why) {
    writeResult({ name: 'webhooks', startedAt, machine: machine(), summary: [`webhooks: skipped (${why})`], goalsMet: true, data: { skipped: why } });
    console.log(`webhooks: skipped (${why})`);
    return;
  }
  const url = await recreateDatabase(DB);
  const dataDir = tempDir('porta-bench-webhooks-');
  const config = loadConfig({ DATABASE_URL: url, PORTA_SECRET_KEY: BENCH_SECRET_KEY, PORTA_DATA_DIR: dataDir, LOG_LEVEL: 'silent', PORTA_ALLOW_PRIVATE_TARGETS: 'true' });
  const { ctx, handle } = await boot(config);
  const port = await freePort();
  const receiver = await startReceiver(port);
  try {
    const { tenant } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: { name: 'Bench Admin', email: 'admin@bench-msp.example', password: 'bench-admin-password' } });
    const customer = await createCustomer(ctx, tenant.id, { name: 'Bench Customer', domains: [] });
    const { row: contact } = await createContact(ctx, tenant.id, 'en', { customerId: customer.id, firstName: 'Bench', lastName: 'Contact', email: 'contact@bench-customer.example', isPrimary: true });
    const ticket = await createTicket(ctx, tenant.id, { requesterId: contact.id, subject: 'The printer on floor 2 jams', description: 'It jams on every second page since this morning.', priority: 'medium', type: 'incident', impact: 'low' }, { contactId: contact.id, technicianId: null });
    const hookUrl = `http://127.0.0.1:${port}/hooks`;
    const { secret } = await createEndpoint(ctx, tenant.id, { url: hookUrl, description: 'bench', eventTypes: ['ticket.updated'], enabled: true });
    // Warm-up: one small round each, then the body the outbox sends, for the bare loop.
    await throughOutbox(ctx, tenant.id, ticket.ticket.id, WARM_UP);
    const sample = await ctx.db.selectFrom('webhook_deliveries').select('body').where('tenant_id', '=', tenant.id).limit(1).executeTakeFirstOrThrow();
    const body = sample.body;
    await bare(hookUrl, secret, body);

    const rounds: { bareS: number; outboxS: number }[] = [];
    for (let r = 0; r < 2; r++) {
      const bareS = await bare(hookUrl, secret, body);
      const outboxS = await throughOutbox(ctx, tenant.id, ticket.ticket.id);
      rounds.push({ bareS, outboxS });
      console.log(`round ${r + 1}: bare ${round(N / bareS)} /s, outbox ${round(N / outboxS)} /s`);
    }
    const bareRate = Math.max(...rounds.map((x) => N / x.bareS));
    const outboxRate = Math.max(...rounds.map((x) => N / x.outboxS));
    const ratio = outboxRate / bareRate;
    console.log(table(['path', 'deliveries', 'best /s', 'rounds /s'], [
      ['bare fetch loop (20 in flight)', N, round(bareRate), rounds.map((x) => round(N / x.bareS)).join(', ')],
      ['outbox: event → fan-out → signed POST → delivered', N, round(outboxRate), rounds.map((x) => round(N / x.outboxS)).join(', ')],
    ]));
    const summary = [
      `webhooks: ${N} events through the outbox ${round(outboxRate)} deliveries/s vs bare fetch loop ${round(bareRate)} /s, same receiver, same run: ${round(ratio * 100)} % of bare; body ${Buffer.byteLength(body)} bytes; load average ${machine().loadavg.join(' ')}`,
    ];
    writeResult({ name: 'webhooks', startedAt, machine: machine(), summary, goalsMet: true, data: { n: N, concurrency: CONCURRENCY, bodyBytes: Buffer.byteLength(body), rounds, bareRate: round(bareRate), outboxRate: round(outboxRate), ratio: round(ratio, 3) } });
    for (const l of summary) console.log(l);
  } finally {
    await receiver.stop();
    await handle.close();
    await dropDatabase(DB);
    removeDir(dataDir);
  }
}

runMain(main, 20 * 60_000);
