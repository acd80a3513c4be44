import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';

export interface ThrottleRule {
  key: string;
  /** Failures allowed within the window before the key is blocked. */
  limit: number;
  windowMs: number;
  blockMs: number;
}

const MINUTE = 60_000;

/**
 * Sign-in throttling kept in the database, so it holds across app nodes.
 * Per (account, IP): 5 failures in 15 min block that pair for 15 min; the real owner on
 * another network is not locked out by an attacker's guesses (lockout-safe).
 * Per account from anywhere: 50 failures an hour block it for 15 min (slows spraying).
 * Per IP across accounts: 30 failures in 15 min block the IP for 15 min.
 */
export function loginRules(tenantId: string, kind: string, identifier: string, ip: string): ThrottleRule[] {
  const account = `${tenantId}:${kind}:${identifier.toLowerCase()}`;
  return [
    { key: `acct-ip:${account}:${ip}`, limit: 5, windowMs: 15 * MINUTE, blockMs: 15 * MINUTE },
    { key: `acct:${account}`, limit: 50, windowMs: 60 * MINUTE, blockMs: 15 * MINUTE },
    { key: `ip:${ip}`, limit: 30, windowMs: 15 * MINUTE, blockMs: 15 * MINUTE },
  ];
}

export async function assertNotThrottled(ctx: AppContext, rules: ThrottleRule[]): Promise<void> {
  const rows = await ctx.db
    .selectFrom('login_throttle')
    .select('blocked_until')
    .where(
      'key',
      'in',
      rules.map((r) => r.key),
    )
    .where('blocked_until', '>', new Date())
    .execute();
  if (rows.length === 0) return;
  const until = Math.max(...rows.map((r) => r.blocked_until?.getTime() ?? 0));
  throw new AppError('TOO_MANY_ATTEMPTS', { count: Math.max(1, Math.ceil((until - Date.now()) / 1000)) });
}

export async function recordFailure(ctx: AppContext, rules: ThrottleRule[]): Promise<void> {
  for (const r of rules) {
    const windowStart = new Date(Date.now() - r.windowMs);
    await sql`
      insert into login_throttle as t (key, failures, window_started_at, blocked_until)
      values (${r.key}, 1, now(), ${r.limit <= 1 ? new Date(Date.now() + r.blockMs) : null})
      on conflict (key) do update set
        failures = case when t.window_started_at < ${windowStart} then 1 else t.failures + 1 end,
        window_started_at = case when t.window_started_at < ${windowStart} then now() else t.window_started_at end,
        blocked_until = case
          when t.window_started_at >= ${windowStart} and t.failures + 1 >= ${r.limit} then ${new Date(Date.now() + r.blockMs)}::timestamptz
          else t.blocked_until end
    `.execute(ctx.db);
  }
}

/** A successful sign-in clears the pair's counter (not the account- or IP-wide ones). */
export async function recordSuccess(ctx: AppContext, rules: ThrottleRule[]): Promise<void> {
  const first = rules[0];
  if (first) await ctx.db.deleteFrom('login_throttle').where('key', '=', first.key).execute();
}
