import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import type { AppContext } from '../context.ts';
import { requestLanguage } from '../i18n/request-language.ts';
import type { TenantResolver } from '../tenancy/tenant-resolver.ts';
import { contactFromSession, technicianFromApiKey, technicianFromSession } from './authenticate.ts';
import { readSessionCookie } from './cookies.ts';
import type { Principal } from './principal.ts';
import type { SessionCache } from './session-cache.ts';
import { csrfMatches } from './sessions.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

function csrfHeader(request: FastifyRequest): string | undefined {
  const h = request.headers['x-csrf-token'];
  return Array.isArray(h) ? h[0] : h;
}

async function authenticateTechnician(ctx: AppContext, cache: SessionCache, request: FastifyRequest, tenantId: string, allowApiKey: boolean): Promise<Principal> {
  const bearer = bearerOf(request);
  if (bearer) {
    const viaKey = allowApiKey ? await technicianFromApiKey(ctx, tenantId, bearer) : null;
    if (!viaKey) throw new AppError('UNAUTHENTICATED');
    if (viaKey.apiKeyScope === 'read' && !SAFE_METHODS.has(request.method)) throw new AppError('API_KEY_READ_ONLY');
    return viaKey;
  }
  const token = readSessionCookie(request, 'technician');
  const principal = token ? await technicianFromSession(ctx, tenantId, token, cache) : null;
  if (!token || !principal) throw new AppError('UNAUTHENTICATED');
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(ctx, token, csrfHeader(request))) throw new AppError('CSRF_INVALID');
  return principal;
}

async function authenticateContact(ctx: AppContext, cache: SessionCache, request: FastifyRequest, tenantId: string): Promise<Principal> {
  const token = readSessionCookie(request, 'contact');
  const principal = token ? await contactFromSession(ctx, tenantId, token, cache) : null;
  if (!token || !principal) throw new AppError('UNAUTHENTICATED');
  if (!SAFE_METHODS.has(request.method) && !csrfMatches(ctx, token, csrfHeader(request))) throw new AppError('CSRF_INVALID');
  return principal;
}

/**
 * Deny by default: every /api route declares `config.access`, or the app refuses to start.
 * The hook resolves the tenant from the Host header, authenticates for the declared access,
 * checks CSRF on cookie-authenticated unsafe methods, and fixes the caller's language.
 */
export function registerGuard(app: FastifyInstance, ctx: AppContext, tenants: TenantResolver, cache: SessionCache): void {
  app.decorateRequest('tenant', null);
  app.decorateRequest('principal', null);
  app.decorateRequest('lang', 'en');

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    if (!route.config?.access) throw new Error(`Route ${String(route.method)} ${route.url} declares no access rule`);
  });

  app.addHook('onRequest', async (request) => {
    request.lang = requestLanguage(request);
    const config = request.routeOptions.config;
    const access = config?.access;
    if (!access) return;
    if (config.tenant !== false) {
      request.tenant = await tenants.resolve(request.headers.host);
      if (!request.tenant) throw new AppError('TENANT_NOT_FOUND');
      // Errors from here on (401, 403) fall back to the tenant's default language.
      request.lang = requestLanguage(request);
    }
    const tenantId = request.tenant?.id;
    if (access === 'public' || !tenantId) {
      request.lang = requestLanguage(request);
      return;
    }
    request.principal =
      access === 'contact' ? await authenticateContact(ctx, cache, request, tenantId) : await authenticateTechnician(ctx, cache, request, tenantId, config.apiKey !== false);
    request.lang = requestLanguage(request);
    const p = request.principal;
    if (p.kind === 'technician') {
      if (access === 'admin' && !p.isAdmin) throw new AppError('FORBIDDEN');
      if (p.totpEnrolmentRequired && !config.duringTotpEnrolment) throw new AppError('TOTP_ENROLMENT_REQUIRED');
    }
  });
}

export function technicianOf(request: FastifyRequest) {
  const p = request.principal;
  if (p?.kind !== 'technician') throw new AppError('UNAUTHENTICATED');
  return p;
}

export function contactOf(request: FastifyRequest) {
  const p = request.principal;
  if (p?.kind !== 'contact') throw new AppError('UNAUTHENTICATED');
  return p;
}

export function tenantOf(request: FastifyRequest) {
  if (!request.tenant) throw new AppError('TENANT_NOT_FOUND');
  return request.tenant;
}
