import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { encrypt } from '../../platform/crypto/keys.ts';
import type { ServedHost } from './hosts-to-certify.ts';
import type { Issued } from './acme-order.ts';
import { deleteCertificate, ensureCertificateRow, listCertificates, markFailed, markValid } from './tls.repo.ts';

/** Renew this long before expiry (Let's Encrypt's advice for 90-day certificates). */
export const RENEW_BEFORE_MS = 30 * 86_400_000;
/** Retries back off from `retryBaseMs`, doubling, up to once a day. */
export const MAX_RETRY_MS = 86_400_000;
/** Any number will do, as long as nothing else in Porta takes it: one ordering node at a time. */
const LOCK_KEY = 0x706f7274; // "port"

export interface ManagerDeps {
  hosts: () => Promise<ServedHost[]>;
  order: (host: string) => Promise<Issued>;
  now: () => Date;
  retryBaseMs: number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

/** A public CA certifies neither `localhost` nor IP addresses. */
export function certifiable(host: string): boolean {
  return host !== 'localhost' && !host.endsWith('.localhost') && !/^[\d.]+$/.test(host) && host.includes('.');
}

export function retryDelay(retryBaseMs: number, attempts: number): number {
  return Math.min(retryBaseMs * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

/**
 * Runs `work` if no other node is (session advisory lock on one pinned connection). PGlite is
 * one process: its passes never overlap (the caller runs them one after another).
 */
async function onOneNode(ctx: Pick<AppContext, 'db' | 'engine'>, work: () => Promise<void>): Promise<boolean> {
  if (ctx.engine === 'pglite') {
    await work();
    return true;
  }
  return ctx.db.connection().execute(async (conn) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${LOCK_KEY}) as locked`.execute(conn);
    if (!rows[0]?.locked) return false;
    try {
      await work();
    } finally {
      await sql`select pg_advisory_unlock(${LOCK_KEY})`.execute(conn);
    }
    return true;
  });
}

/**
 * One pass: drops the certificates of hosts Porta no longer serves, orders the missing ones,
 * renews those within 30 days of expiry, and retries failed ones whose backoff has passed.
 * Every change is announced (`tls.changed`) so each node's SNI cache follows.
 * Answers false when another node holds the lock.
 */
export async function certificatePass(ctx: Pick<AppContext, 'db' | 'engine' | 'keys' | 'bus'>, deps: ManagerDeps): Promise<boolean> {
  return onOneNode(ctx, async () => {
    const wanted = new Map((await deps.hosts()).filter((h) => certifiable(h.host)).map((h) => [h.host, h]));
    const rows = new Map((await listCertificates(ctx.db)).map((r) => [r.host, r]));
    for (const host of rows.keys()) {
      if (wanted.has(host)) continue;
      await deleteCertificate(ctx.db, host);
      deps.log?.info({ host }, 'TLS: dropped the certificate of a host Porta no longer serves');
      await ctx.bus.publish({ topic: 'tls.changed', host });
    }
    for (const { host, tenantId } of wanted.values()) {
      const row = rows.get(host);
      const now = deps.now();
      if (row?.state === 'valid' && row.not_after && row.not_after.getTime() - now.getTime() > RENEW_BEFORE_MS) continue;
      if (row?.state === 'failed' && row.next_attempt_at && row.next_attempt_at > now) continue;
      await ensureCertificateRow(ctx.db, host, tenantId);
      try {
        const issued = await deps.order(host);
        await markValid(ctx.db, host, issued.certPem, encrypt(ctx.keys, issued.keyPem), issued.notAfter);
        deps.log?.info({ host, notAfter: issued.notAfter }, 'TLS: certificate issued');
        await ctx.bus.publish({ topic: 'tls.changed', host });
      } catch (err) {
        const attempts = (row?.attempts ?? 0) + 1;
        const reason = (err instanceof Error ? err.message : String(err)).slice(0, 1000) || 'unknown error';
        const next = new Date(now.getTime() + retryDelay(deps.retryBaseMs, attempts));
        await markFailed(ctx.db, host, reason, attempts, next);
        deps.log?.warn({ host, attempts, nextAttemptAt: next, reason }, 'TLS: certificate order failed');
      }
    }
  });
}

/** Runs a pass now, every `everyMs`, and when tenants change; passes never overlap. */
export function startCertificateManager(ctx: Pick<AppContext, 'db' | 'engine' | 'keys' | 'bus'>, deps: ManagerDeps, everyMs: number): () => void {
  let running: Promise<unknown> | null = null;
  let again = false;
  const run = () => {
    if (running) {
      again = true;
      return;
    }
    running = certificatePass(ctx, deps)
      .catch((err: unknown) => deps.log?.warn({ err }, 'TLS: certificate pass failed'))
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const timer = setInterval(run, everyMs);
  timer.unref();
  const unsubscribe = ctx.bus.subscribe((e) => {
    // A new tenant, or a custom domain verified or removed (D-2): order or drop at once.
    if (e.topic === 'tenants.changed' || e.topic === 'tenant.domains.changed') run();
  });
  run();
  return () => {
    clearInterval(timer);
    unsubscribe();
  };
}
