import { type CustomDomain, type CustomDomainList, MAX_CUSTOM_DOMAINS } from '@porta/contracts/custom-domains';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './custom-domains.repo.ts';
import { checkDomainDns, dnsResolver } from './dns-check.ts';
import { checkDomainName } from './domain-name.ts';

type Ctx = Pick<AppContext, 'db' | 'config' | 'bus'>;

/** The tenant's generated host, the target of every CNAME: `<slug>.<PORTA_BASE_DOMAIN>`. */
export async function cnameTarget(ctx: Pick<AppContext, 'db' | 'config'>, tenantId: string): Promise<string> {
  const tenant = await ctx.db.selectFrom('tenants').select('slug').where('id', '=', tenantId).executeTakeFirst();
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  return `${tenant.slug}.${ctx.config.baseDomain}`;
}

function present(row: repo.DomainRow, target: string): CustomDomain {
  const state = row.state === 'removed' ? 'failed' : row.state;
  const reason = row.failure_reason === 'no_record' || row.failure_reason === 'wrong_target' || row.failure_reason === 'dns_error' ? row.failure_reason : null;
  return {
    id: row.id,
    name: row.name,
    state,
    failureReason: reason,
    record: { type: 'CNAME', name: row.name, target },
    checkedAt: row.checked_at?.toISOString() ?? null,
    verifiedAt: row.verified_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}

export async function listCustomDomains(ctx: Ctx, tenantId: string): Promise<CustomDomainList> {
  const target = await cnameTarget(ctx, tenantId);
  return { target, domains: (await repo.listDomains(ctx.db, tenantId)).map((r) => present(r, target)) };
}

/** Adds a domain (pending) and checks it at once: the admin may have created the record already. */
export async function addCustomDomain(ctx: Ctx, tenantId: string, input: string): Promise<CustomDomain> {
  const checked = checkDomainName(input, ctx.config.baseDomain);
  if (!checked.ok) throw new AppError(checked.code);
  const claim = await repo.liveClaimOf(ctx.db, tenantId, checked.name);
  if (claim !== null) throw new AppError('CUSTOM_DOMAIN_TAKEN');
  if ((await repo.listDomains(ctx.db, tenantId)).length >= MAX_CUSTOM_DOMAINS) throw new AppError('CUSTOM_DOMAIN_LIMIT');
  const row = await repo.insertDomain(ctx.db, tenantId, checked.name);
  return runCheck(ctx, row);
}

export async function checkCustomDomain(ctx: Ctx, tenantId: string, id: string): Promise<CustomDomain> {
  const row = await repo.findDomain(ctx.db, tenantId, id);
  if (!row) throw new AppError('CUSTOM_DOMAIN_NOT_FOUND');
  return runCheck(ctx, row);
}

export async function removeCustomDomain(ctx: Ctx, tenantId: string, id: string): Promise<void> {
  const row = await repo.markRemoved(ctx.db, tenantId, id);
  if (!row) throw new AppError('CUSTOM_DOMAIN_NOT_FOUND');
  await ctx.bus.publish({ topic: 'tenant.domains.changed', tenantId, domain: row.name, change: 'removed' });
}

/**
 * One DNS check and its consequence. Success verifies (and clears the failure count). A failure
 * of a domain not verified yet marks it failed at once; a verified domain keeps routing through
 * `PORTA_DOMAIN_FAILURES_ALLOWED - 1` consecutive failures (a DNS hiccup or a provider's
 * maintenance must not take a portal down) and is marked failed on the next one.
 */
export async function runCheck(ctx: Ctx, row: repo.DomainRow): Promise<CustomDomain> {
  const target = await cnameTarget(ctx, row.tenant_id);
  const result = await checkDomainDns(dnsResolver(ctx.config.domains.dnsServers), row.name, target);
  const now = new Date();
  let change: 'verified' | 'unverified' | null = null;
  let patch: repo.DomainCheckPatch;
  if (result.ok) {
    patch = { state: 'verified', failure_reason: null, failures: 0, checked_at: now, ...(row.state !== 'verified' && { verified_at: now }) };
    if (row.state !== 'verified') change = 'verified';
  } else {
    const failures = row.failures + 1;
    const keep = row.state === 'verified' && failures < ctx.config.domains.failuresAllowed;
    patch = { state: keep ? 'verified' : 'failed', failure_reason: result.reason, failures, checked_at: now };
    if (row.state === 'verified' && !keep) change = 'unverified';
  }
  const updated = await repo.updateDomain(ctx.db, row.tenant_id, row.id, patch);
  if (!updated) throw new AppError('CUSTOM_DOMAIN_NOT_FOUND');
  if (change) await ctx.bus.publish({ topic: 'tenant.domains.changed', tenantId: row.tenant_id, domain: row.name, change });
  return present(updated, target);
}

/** The periodic job: re-checks every live domain, verified ones included. Returns how many were checked. */
export async function recheckAllDomains(ctx: Ctx): Promise<number> {
  const rows = await repo.listLiveDomains(ctx.db);
  for (const row of rows) await runCheck(ctx, row).catch(() => undefined);
  return rows.length;
}
