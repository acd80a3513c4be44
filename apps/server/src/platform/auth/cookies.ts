import type { FastifyReply, FastifyRequest } from 'fastify';

export type SessionKind = 'technician' | 'contact';

const BASE_NAME: Record<SessionKind, string> = { technician: 'porta_console', contact: 'porta_portal' };

function isHttps(request: FastifyRequest): boolean {
  return request.protocol === 'https';
}

/** Under HTTPS the cookie gets the `__Host-` prefix (Secure, Path=/, no Domain). */
export function cookieName(request: FastifyRequest, kind: SessionKind): string {
  return isHttps(request) ? `__Host-${BASE_NAME[kind]}` : BASE_NAME[kind];
}

export function readSessionCookie(request: FastifyRequest, kind: SessionKind): string | undefined {
  return request.cookies[cookieName(request, kind)];
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, kind: SessionKind, token: string, expires: Date): void {
  reply.setCookie(cookieName(request, kind), token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: isHttps(request),
    path: '/',
    expires,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, kind: SessionKind): void {
  reply.clearCookie(cookieName(request, kind), { path: '/', httpOnly: true, sameSite: 'lax', secure: isHttps(request) });
}
