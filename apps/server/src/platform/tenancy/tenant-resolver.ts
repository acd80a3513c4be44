import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../db/schema.ts';
import type { ResolvedTenant } from '../auth/principal.ts';
import type { EventBus } from '../events/bus.ts';
import { countTenantRows, findDefaultTenant, findTenantRowById, findTenantRowBySlug, type TenantRow } from './default-tenant.repo.ts';
import { publicHostName } from './tenant-address.ts';

const TTL_MS = 10_000;

/**
 * A source of host names that tenants have claimed (custom portal domains, D-2, come as one):
 * the tenant id a host belongs to, or null. Consulted after `<slug>.<baseDomain>` and before
 * the default tenant.
 */
export interface HostClaims {
  tenantOfHost(hostName: string): Promise<string | null>;
}

/**
 * Host header → tenant, in this order:
 * 1. `PORTA_PUBLIC_URL`'s host → the default tenant (the address links give it), when there is one;
 * 2. `<slug>.<baseDomain>` → the tenant with that slug;
 * 3. a host a tenant has claimed (`HostClaims`);
 * 4. any other host → the default tenant (the first tenant unless `porta tenant default`
 *    chose another or none), else nothing.
 * Answers are cached per host for 10 s: this runs on every request. Tenant changes are
 * announced on the bus (`tenants.changed`), which every node hears, and empty the cache.
 */
export class TenantResolver {
  private cache = new Map<string, { tenant: ResolvedTenant | null; until: number }>();
  private count: { value: number; until: number } | null = null;
  private readonly baseDomain: string;
  private readonly publicHost: string | null;

  constructor(
    private readonly db: Kysely<Database>,
    config: Pick<Config, 'baseDomain' | 'publicUrl'>,
    private readonly claims: HostClaims[] = [],
  ) {
    this.baseDomain = config.baseDomain;
    this.publicHost = publicHostName(config);
  }

  invalidate(): void {
    this.cache.clear();
    this.count = null;
  }

  /** Empties the cache whenever any node announces a tenant change. */
  listen(bus: EventBus): () => void {
    return bus.subscribe((m) => {
      if (m.topic === 'tenants.changed') this.invalidate();
    });
  }

  async tenantCount(): Promise<number> {
    const now = Date.now();
    if (this.count && this.count.until > now) return this.count.value;
    this.count = { value: await countTenantRows(this.db), until: now + TTL_MS };
    return this.count.value;
  }

  /** The host name without port or trailing dot, in lower case. */
  static hostName(host: string): string {
    return host
      .toLowerCase()
      .replace(/:\d+$/, '')
      .replace(/\.$/, '');
  }

  /** The slug a host names, if it is `<slug>.<baseDomain>`. */
  slugOf(host: string): string | null {
    const name = TenantResolver.hostName(host);
    const suffix = `.${this.baseDomain}`;
    if (!name.endsWith(suffix)) return null;
    const slug = name.slice(0, -suffix.length);
    return /^[a-z0-9-]+$/.test(slug) ? slug : null;
  }

  async resolve(host: string | undefined): Promise<ResolvedTenant | null> {
    const key = (host ?? '').toLowerCase();
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit.tenant;
    const row = await this.lookup(key);
    const tenant = row ? { id: row.id, slug: row.slug, name: row.name, defaultLanguage: row.default_language } : null;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { tenant, until: now + TTL_MS });
    return tenant;
  }

  private async lookup(host: string): Promise<TenantRow | undefined> {
    const name = TenantResolver.hostName(host);
    if (this.publicHost !== null && name === this.publicHost) {
      const fallback = await findDefaultTenant(this.db);
      if (fallback) return fallback;
    }
    const slug = this.slugOf(name);
    const bySlug = slug ? await findTenantRowBySlug(this.db, slug) : undefined;
    if (bySlug) return bySlug;
    for (const claims of this.claims) {
      const tenantId = await claims.tenantOfHost(name);
      const claimed = tenantId ? await findTenantRowById(this.db, tenantId) : undefined;
      if (claimed) return claimed;
    }
    return findDefaultTenant(this.db);
  }
}
