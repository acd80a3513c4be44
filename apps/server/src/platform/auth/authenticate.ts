import { sql } from 'kysely';
import type { AppContext } from '../context.ts';
import { hashToken } from '../crypto/tokens.ts';
import type { ContactPrincipal, Principal, TechnicianPrincipal } from './principal.ts';
import type { LoadedSession, SessionCache } from './session-cache.ts';
import { isExpired, touchSession } from './sessions.ts';

/** Deletes an expired session (idle or absolute) and answers false; else refreshes the idle clock. */
async function stillAlive(ctx: AppContext, tenantId: string, row: { sessionId: string; last_seen_at: Date; expires_at: Date }): Promise<boolean> {
  const times = { id: row.sessionId, last_seen_at: row.last_seen_at, expires_at: row.expires_at };
  if (isExpired(ctx, times)) {
    await ctx.db.deleteFrom('sessions').where('tenant_id', '=', tenantId).where('id', '=', row.sessionId).execute();
    return false;
  }
  await touchSession(ctx, tenantId, times);
  return true;
}

/**
 * The cached principal for a session token, if fresh; refreshes the idle clock as the
 * database path does. A copy, so handlers may change it without touching the cache.
 */
async function fromCache<P extends Principal>(ctx: AppContext, cache: SessionCache | undefined, tenantId: string, tokenHash: string, kind: P['kind']): Promise<P | null | undefined> {
  const hit = cache?.get(tokenHash);
  if (!hit || hit.principal.kind !== kind || hit.principal.tenantId !== tenantId) return undefined;
  const sessionId = hit.principal.sessionId;
  if (!sessionId) return undefined;
  const times = { id: sessionId, last_seen_at: hit.lastSeenAt, expires_at: hit.expiresAt };
  if (isExpired(ctx, times)) return undefined;
  const now = Date.now();
  if (now - hit.lastSeenAt.getTime() >= 60_000) {
    await touchSession(ctx, tenantId, times, now);
    hit.lastSeenAt = new Date(now);
  }
  return { ...hit.principal } as P;
}

/**
 * A session the cache does not hold, read from the database: once for all the requests that
 * ask for it at the same moment when there is a cache (SessionCache.load), each answered with
 * a copy of its own.
 */
async function fromDatabase<P extends Principal>(cache: SessionCache | undefined, kind: P['kind'], tenantId: string, tokenHash: string, read: () => Promise<LoadedSession | null>): Promise<P | null> {
  const principal = cache ? await cache.load(`${kind}:${tenantId}:${tokenHash}`, tokenHash, read) : ((await read())?.principal ?? null);
  return principal && principal.kind === kind && principal.tenantId === tenantId ? ({ ...principal } as P) : null;
}

/** One round trip: session, technician and the tenant's TOTP rule. */
export async function technicianFromSession(ctx: AppContext, tenantId: string, token: string, cache?: SessionCache): Promise<TechnicianPrincipal | null> {
  const tokenHash = hashToken(token);
  const cached = await fromCache<TechnicianPrincipal>(ctx, cache, tenantId, tokenHash, 'technician');
  if (cached) return cached;
  return fromDatabase<TechnicianPrincipal>(cache, 'technician', tenantId, tokenHash, () => readTechnicianSession(ctx, tenantId, tokenHash));
}

async function readTechnicianSession(ctx: AppContext, tenantId: string, tokenHash: string): Promise<LoadedSession | null> {
  const row = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('technicians as t', (j) => j.onRef('t.id', '=', 's.subject_id').onRef('t.tenant_id', '=', 's.tenant_id'))
    .innerJoin('tenants as tn', 'tn.id', 's.tenant_id')
    .select([
      's.id as sessionId',
      's.last_seen_at',
      's.expires_at',
      't.id',
      't.name',
      't.email',
      't.is_admin',
      't.language',
      't.totp_enabled_at',
      'tn.require_totp',
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.tenant_id', '=', tenantId)
    .where('s.kind', '=', 'technician')
    .executeTakeFirst();
  if (!row || !(await stillAlive(ctx, tenantId, row))) return null;
  const totpEnabled = row.totp_enabled_at !== null;
  const principal: TechnicianPrincipal = {
    kind: 'technician',
    id: row.id,
    tenantId,
    name: row.name,
    email: row.email,
    isAdmin: row.is_admin,
    language: row.language,
    totpEnabled,
    requireTotp: row.require_totp,
    totpEnrolmentRequired: row.require_totp && !totpEnabled,
    via: 'session',
    sessionId: row.sessionId,
    apiKeyId: null,
    apiKeyScope: null,
  };
  return { principal, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}

const API_KEY_TOUCH_MS = 60_000;

export async function technicianFromApiKey(ctx: AppContext, tenantId: string, secret: string): Promise<TechnicianPrincipal | null> {
  const row = await ctx.db
    .selectFrom('api_keys as k')
    .innerJoin('technicians as t', (j) => j.onRef('t.id', '=', 'k.technician_id').onRef('t.tenant_id', '=', 'k.tenant_id'))
    .select(['k.id as keyId', 'k.scope', 'k.last_used_at', 't.id', 't.name', 't.email', 't.is_admin', 't.language', 't.totp_enabled_at'])
    .where('k.secret_hash', '=', hashToken(secret))
    .where('k.tenant_id', '=', tenantId)
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > API_KEY_TOUCH_MS) {
    await ctx.db.updateTable('api_keys').set({ last_used_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', row.keyId).execute();
  }
  return {
    kind: 'technician',
    id: row.id,
    tenantId,
    name: row.name,
    email: row.email,
    isAdmin: row.is_admin,
    language: row.language,
    totpEnabled: row.totp_enabled_at !== null,
    requireTotp: false,
    totpEnrolmentRequired: false,
    via: 'api-key',
    sessionId: null,
    apiKeyId: row.keyId,
    apiKeyScope: row.scope,
  };
}

export async function contactFromSession(ctx: AppContext, tenantId: string, token: string, cache?: SessionCache): Promise<ContactPrincipal | null> {
  const tokenHash = hashToken(token);
  const cached = await fromCache<ContactPrincipal>(ctx, cache, tenantId, tokenHash, 'contact');
  if (cached) return cached;
  return fromDatabase<ContactPrincipal>(cache, 'contact', tenantId, tokenHash, () => readContactSession(ctx, tenantId, tokenHash));
}

async function readContactSession(ctx: AppContext, tenantId: string, tokenHash: string): Promise<LoadedSession | null> {
  const row = await ctx.db
    .selectFrom('sessions as s')
    .innerJoin('contacts as c', (j) => j.onRef('c.id', '=', 's.subject_id').onRef('c.tenant_id', '=', 's.tenant_id'))
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .leftJoin('portal_settings as ps', 'ps.tenant_id', 's.tenant_id')
    .select([
      'ps.settings as portal_settings',
      's.id as sessionId',
      's.last_seen_at',
      's.expires_at',
      'c.id',
      'c.customer_id',
      'cu.name as customer_name',
      'c.first_name',
      'c.last_name',
      'c.email',
      'c.username',
      'c.is_primary',
      'c.language',
      'c.phone',
      (eb) =>
        eb
          .selectFrom('custom_fields as f')
          .select(sql<string[]>`coalesce(array_agg(f.key order by f.position, f.key), '{}')`.as('keys'))
          .whereRef('f.tenant_id', '=', 's.tenant_id')
          .as('custom_field_keys'),
    ])
    .where('s.token_hash', '=', tokenHash)
    .where('s.tenant_id', '=', tenantId)
    .where('s.kind', '=', 'contact')
    .executeTakeFirst();
  if (!row || !(await stillAlive(ctx, tenantId, row))) return null;
  const principal: ContactPrincipal = {
    kind: 'contact',
    id: row.id,
    tenantId,
    customerId: row.customer_id,
    customerName: row.customer_name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    username: row.username,
    isPrimary: row.is_primary,
    language: row.language,
    phone: row.phone,
    sessionId: row.sessionId,
    portalSettingsRaw: row.portal_settings,
    customFieldKeys: row.custom_field_keys ?? [],
  };
  return { principal, lastSeenAt: row.last_seen_at, expiresAt: row.expires_at };
}
