import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../errors.ts';
import { clearSessionCookie, readSessionCookie, type SessionKind, setSessionCookie } from './cookies.ts';
import { createSession, csrfTokenFor, deleteSessionByToken, deleteSessionsOf } from './sessions.ts';

/** Opens a session, sets its cookie, and answers the CSRF token the browser must echo. */
export async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  tenantId: string,
  kind: SessionKind,
  subjectId: string,
): Promise<{ token: string; csrfToken: string }> {
  // A new sign-in replaces whatever session this browser held (no orphaned sessions, no fixation).
  const previous = readSessionCookie(request, kind);
  if (previous) await deleteSessionByToken(ctx, tenantId, previous);
  const { token, expiresAt } = await createSession(ctx, tenantId, kind, subjectId, {
    ip: request.ip,
    userAgent: request.headers['user-agent'],
  });
  setSessionCookie(request, reply, kind, token, expiresAt);
  return { token, csrfToken: csrfTokenFor(ctx, token) };
}

export function currentCsrfToken(ctx: AppContext, request: FastifyRequest, kind: SessionKind): string {
  const token = readSessionCookie(request, kind);
  // API-key callers have no session and need no CSRF token.
  return token ? csrfTokenFor(ctx, token) : '';
}

export async function endSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  kind: SessionKind,
  everywhere: boolean,
): Promise<void> {
  const tenant = request.tenant;
  const principal = request.principal;
  if (!tenant || !principal) throw new AppError('UNAUTHENTICATED');
  const token = readSessionCookie(request, kind);
  if (everywhere) await deleteSessionsOf(ctx, tenant.id, kind, principal.id);
  else if (token) await deleteSessionByToken(ctx, tenant.id, token);
  clearSessionCookie(request, reply, kind);
}
