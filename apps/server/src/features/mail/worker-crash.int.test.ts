import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDatabase, TEST_SECRET, useTestApp } from '../../test/harness.ts';
import { makeTenant } from '../../test/factories.ts';
import { eventually } from '../../test/tickets.ts';
import { mailEnv, startSmtpSink, type SmtpSink } from '../../test/mail.ts';
import type { TestDatabase } from '../../test/provided.ts';
import { queueMail } from './queued-mail.ts';

const repoRoot = fileURLToPath(new URL('../../../../../', import.meta.url));
const cli = path.join(repoRoot, 'apps/server/src/cli.ts');

function databaseUrl(db: TestDatabase): string {
  if ('connectionString' in db.connection) return db.connection.connectionString;
  const c = db.connection;
  return `postgres://${c.user}@localhost:${c.port}/${c.database}?host=${encodeURIComponent(c.host)}`;
}

/** `porta mail-worker` as a real child process; resolves once it printed `line`. */
function startWorker(env: Record<string, string>, waitFor: RegExp): { child: ChildProcess; seen: Promise<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, 'mail-worker'], { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const seen = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker never printed ${waitFor}: ${out} ${err}`)), 60_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = waitFor.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    });
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (!waitFor.test(out)) reject(new Error(`worker exited (${code}) before ${waitFor}: ${out} ${err}`));
    });
  });
  return { child, seen };
}

const exited = (child: ChildProcess) => new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

/** Issue 5, item 1: kill -9 of the worker between the SMTP send and the "sent" mark repeats the mail at most once, with the same Message-ID. */
describe('mail worker crash between send and mark', () => {
  let sink: SmtpSink;
  const t = useTestApp({ env: mailEnv(null) });
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await sink.stop();
  });

  it('the restarted worker sends it again with the same Message-ID: delivered twice at most, then marked done', async () => {
    const fx = await makeTenant(t.ctx);
    const messageId = await queueMail(t.ctx, t.ctx.db, fx.tenant.id, { kind: 'notification', from: { name: 'MSP', address: 'help@msp.example' }, to: { name: 'Cora', address: 'cora@customer.example' }, subject: 'Crash test', text: 'Once, or twice at most' });
    const env = {
      DATABASE_URL: databaseUrl(sharedDatabase()),
      // On PGlite the URL reaches the test's one embedded session, which outlives the killed
      // worker with its prepared statements: no statement names there (platform/db/database.ts).
      ...(sharedDatabase().engine === 'pglite' && { PORTA_DB_NAMED_STATEMENTS: 'false' }),
      PORTA_SECRET_KEY: TEST_SECRET,
      PORTA_SMTP_RELAY: sink.url,
      PORTA_MAIL_WORKER_TENANTS: fx.tenant.id,
      PORTA_MAIL_LEASE_MS: '1500',
      PORTA_MAIL_POLL_MS: '100',
      PORTA_MAIL_DOMAIN: 'mail.porta.test',
      LOG_LEVEL: 'silent',
    };
    const first = startWorker({ ...env, PORTA_MAIL_TEST_PAUSE_AFTER_SEND_MS: '60000' }, /porta-mail-sent \S+ \S+/);
    children.push(first.child);
    expect(await first.seen).toContain(messageId);
    first.child.kill('SIGKILL');
    await exited(first.child);
    expect(sink.mails.filter((m) => m.parsed.messageId === messageId)).toHaveLength(1);
    const row = () => t.ctx.db.selectFrom('outbox').select(['status', 'attempts']).where('tenant_id', '=', fx.tenant.id).where('topic', '=', 'mail').executeTakeFirstOrThrow();
    expect((await row()).status).toBe('pending');

    const second = startWorker(env, /porta-mail-worker ready/);
    children.push(second.child);
    await second.seen;
    expect(await eventually(async () => (await row()).status === 'done', 30_000, 100)).toBe(true);
    second.child.kill('SIGTERM');
    await exited(second.child);
    const copies = sink.mails.filter((m) => m.parsed.messageId === messageId);
    expect(copies).toHaveLength(2);
    expect(copies.map((m) => m.parsed.text?.trim())).toEqual(['Once, or twice at most', 'Once, or twice at most']);
    expect((await row()).attempts).toBe(2);
  }, 120_000);
});
