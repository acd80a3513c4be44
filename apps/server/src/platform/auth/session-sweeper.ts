import type { AppContext } from '../context.ts';

/** Deletes expired sessions and stale throttle rows every 15 minutes; safe on every node at once. */
export function startSessionSweeper(ctx: AppContext): () => void {
  const sweep = async () => {
    const now = new Date();
    const idleCutoff = new Date(now.getTime() - ctx.config.sessionIdleMs);
    await ctx.db.deleteFrom('sessions').where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', idleCutoff)])).execute();
    const dayAgo = new Date(now.getTime() - 86_400_000);
    await ctx.db
      .deleteFrom('login_throttle')
      .where('window_started_at', '<', dayAgo)
      .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', now)]))
      .execute();
  };
  const timer = setInterval(() => void sweep().catch(() => undefined), 15 * 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
