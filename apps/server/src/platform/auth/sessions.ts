import type { AppContext } from '../context.ts';
import { hashToken, hmac, randomToken, safeEqual } from '../crypto/tokens.ts';
import type { SessionKind } from './cookies.ts';
import { sessionsChanged } from './sessions-changed.ts';

/** Sessions live in the database so app nodes stay stateless; the cookie holds a random token, the table its hash. */
export async function createSession(
  ctx: AppContext,
  tenantId: string,
  kind: SessionKind,
  subjectId: string,
  meta: { ip: string; userAgent: string | undefined },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + ctx.config.sessionAbsoluteMs);
  await ctx.db
    .insertInto('sessions')
    .values({
      tenant_id: tenantId,
      token_hash: hashToken(token),
      kind,
      subject_id: subjectId,
      expires_at: expiresAt,
      ip: meta.ip,
      user_agent: meta.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  return { token, expiresAt };
}

export async function deleteSessionByToken(ctx: AppContext, tenantId: string, token: string): Promise<void> {
  const gone = await ctx.db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('token_hash', '=', hashToken(token)).returning('subject_id').executeTakeFirst();
  if (gone) await sessionsChanged(ctx, tenantId, gone.subject_id);
}

/** "Sign out everywhere", and what a password change or credential reset does to other sessions. */
export async function deleteSessionsOf(
  ctx: AppContext,
  tenantId: string,
  kind: SessionKind,
  subjectId: string,
  exceptSessionId?: string,
): Promise<void> {
  let q = ctx.db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('kind', '=', kind).where('subject_id', '=', subjectId);
  if (exceptSessionId) q = q.where('id', '<>', exceptSessionId);
  await q.execute();
  await sessionsChanged(ctx, tenantId, subjectId);
}

export interface SessionTimes {
  id: string;
  last_seen_at: Date;
  expires_at: Date;
}

/** Idle or absolute expiry; an expired session is deleted by the caller. */
export function isExpired(ctx: AppContext, s: SessionTimes, now = Date.now()): boolean {
  return s.expires_at.getTime() <= now || s.last_seen_at.getTime() + ctx.config.sessionIdleMs <= now;
}

const TOUCH_EVERY_MS = 60_000;

/** Refreshes the idle clock at most once a minute, so reads do not turn into writes. */
export async function touchSession(ctx: AppContext, tenantId: string, s: SessionTimes, now = Date.now()): Promise<void> {
  if (now - s.last_seen_at.getTime() < TOUCH_EVERY_MS) return;
  await ctx.db.updateTable('sessions').set({ last_seen_at: new Date(now) }).where('tenant_id', '=', tenantId).where('id', '=', s.id).execute();
}

/** The CSRF token is bound to the session token by an HMAC: nothing to store, nothing to leak. */
export function csrfTokenFor(ctx: AppContext, sessionToken: string): string {
  return hmac(ctx.keys.csrf, sessionToken);
}

export function csrfMatches(ctx: AppContext, sessionToken: string, header: string | undefined): boolean {
  return typeof header === 'string' && safeEqual(csrfTokenFor(ctx, sessionToken), header);
}
