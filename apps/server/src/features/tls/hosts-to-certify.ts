import type { Config } from '../../config.ts';
import type { Db } from '../../platform/db/db.ts';
import { findDefaultTenant } from '../../platform/tenancy/default-tenant.repo.ts';
import { publicHostName } from '../../platform/tenancy/tenant-address.ts';

/** A host name Porta serves, and the tenant it belongs to. */
export interface ServedHost {
  host: string;
  tenantId: string;
}

/**
 * The verified custom domains of every tenant (issue 14 item 2): `verifiedCustomDomains` in
 * features/custom-domains, passed in by app.ts (`/api/v1/tls/allowed`) and serve.ts (the
 * certificate manager). Only VERIFIED domains may come from here: whatever it returns gets a
 * certificate and a redirect. Tests pass their own.
 */
export type CustomDomainSource = (db: Db) => Promise<ServedHost[]>;
export const noCustomDomains: CustomDomainSource = async () => [];

type HostConfig = Pick<Config, 'baseDomain' | 'publicUrl'>;

/**
 * THE list of hosts Porta serves (and, with PORTA_TLS=acme, certifies): every tenant's
 * generated host `<slug>.<PORTA_BASE_DOMAIN>`, the host of PORTA_PUBLIC_URL for the default
 * tenant, and the verified custom domains from `customDomains`. Lower case, no duplicates.
 */
export async function hostsToCertify(ctx: { db: Db; config: HostConfig }, customDomains: CustomDomainSource = noCustomDomains): Promise<ServedHost[]> {
  const tenants = await ctx.db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug').execute();
  const out = new Map<string, ServedHost>();
  const add = (host: string, tenantId: string) => {
    const h = host.toLowerCase();
    if (!out.has(h)) out.set(h, { host: h, tenantId });
  };
  const publicHost = publicHostName(ctx.config);
  if (publicHost) {
    const fallback = await findDefaultTenant(ctx.db);
    if (fallback) add(publicHost, fallback.id);
  }
  for (const t of tenants) add(`${t.slug}.${ctx.config.baseDomain}`, t.id);
  for (const d of await customDomains(ctx.db)) add(d.host, d.tenantId);
  return [...out.values()];
}

/** A host name as it comes in a query or Host header: lower case, no port, no trailing dot; null if not a host name. */
export function normaliseHost(raw: string | undefined): string | null {
  if (!raw) return null;
  const host = raw.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/.test(host) && host.length <= 253 ? host : null;
}

/** Whether Porta serves this host (`GET /api/v1/tls/allowed`, the HTTP listener's redirect). */
export async function isServedHost(ctx: { db: Db; config: HostConfig }, raw: string | undefined, customDomains: CustomDomainSource = noCustomDomains): Promise<boolean> {
  const host = normaliseHost(raw);
  if (!host) return false;
  if (host === publicHostName(ctx.config)) return true;
  const suffix = `.${ctx.config.baseDomain}`;
  if (host.endsWith(suffix)) {
    const slug = host.slice(0, -suffix.length);
    if (!slug.includes('.') && (await ctx.db.selectFrom('tenants').select('id').where('slug', '=', slug).executeTakeFirst())) return true;
  }
  return (await customDomains(ctx.db)).some((d) => d.host.toLowerCase() === host);
}
