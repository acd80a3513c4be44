import type { Kysely } from 'kysely';
import type { Config } from '../../config.ts';
import type { Database } from '../db/schema.ts';
import type { ResolvedTenant } from '../auth/principal.ts';
import type { EventBus } from '../events/bus.ts';
import { countTenantRows, findDefaultTenant, findTenantRowById, findTenantRowBySlug, type TenantRow } from './default-tenant.repo.ts';
import { publicHostName } from './tenant-address.ts';
import { SingleFlight } from '../cache/single-flight.ts';

const TTL_MS = 10_000;

/**
 * How long past its lifetime an answer is still served while one lookup refreshes it behind the
 * request: the first requests after a quiet spell then wait for no tenant lookup. Past this, a
 * request waits for the lookup.
 */
const STALE_MS = 60_000;

/** What a claim source says of one host name. */
export interface HostClaim {
  /** The tenant a verified claim routes the host to, or null. */
  tenantId: string | null;
  /**
   * True when the host is claimed but must not route (a custom domain pending, failed or
   * removed): it answers the neutral "not configured" page instead of the default tenant.
   */
  withheld: boolean;
}

/**
 * A source of host names that tenants have claimed (custom portal domains, D-2, come as one),
 * consulted after `<slug>.<baseDomain>` and before the default tenant: one lookup answers both
 * whether the host routes to a tenant and whether it is withheld.
 */
export interface HostClaims {
  claim(hostName: string): Promise<HostClaim>;
}

interface Resolution {
  tenant: ResolvedTenant | null;
  /** A claimed host that routes nowhere (see `HostClaim.withheld`). */
  withheld: boolean;
}

/**
 * Host header → tenant, in this order:
 * 1. `PORTA_PUBLIC_URL`'s host → the default tenant (the address links give it), when there is one;
 * 2. `<slug>.<baseDomain>` → the tenant with that slug;
 * 3. a host a tenant has claimed (`HostClaims`: a verified custom domain); a host claimed but
 *    not verified (pending, failed, removed) resolves to nothing and is `withheld`;
 * 4. any other host → the default tenant (the first tenant unless `porta tenant default`
 *    chose another or none), else nothing.
 * Answers are cached per host for 10 s: this runs on every request. Tenant changes are
 * announced on the bus (`tenants.changed`), which every node hears, and empty the cache.
 * A host the cache does not hold is looked up once however many requests for it arrive at
 * the same moment; a lookup that overlapped a change is answered but not kept. An answer up to
 * a minute past its 10 s is served while that one lookup refreshes it (the 10 s only bound how
 * stale an answer can be if a change's announcement were lost; a change empties the cache, and
 * nothing stale is served after it).
 */
export class TenantResolver {
  private cache = new Map<string, Resolution & { until: number }>();
  private readonly lookups = new SingleFlight<string, Resolution>();
  /** Counts invalidations, so a lookup that started before one is not cached after it. */
  private invalidations = 0;
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
    this.invalidations++;
    this.cache.clear();
    this.lookups.forget();
    this.count = null;
  }

  /** Empties the cache whenever any node announces a tenant change. */
  listen(bus: EventBus): () => void {
    return bus.subscribe((m) => {
      if (m.topic === 'tenants.changed' || m.topic === 'tenant.domains.changed') this.invalidate();
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
    return (await this.resolution(host)).tenant;
  }

  /** True for a host claimed as a custom domain that does not route (pending, failed, removed). */
  async withheld(host: string | undefined): Promise<boolean> {
    return (await this.resolution(host)).withheld;
  }

  private async resolution(host: string | undefined): Promise<Resolution> {
    const key = (host ?? '').toLowerCase();
    const now = Date.now();
    const hit = this.cache.get(key);
    if (hit && hit.until > now) return hit;
    if (hit && hit.until + STALE_MS > now) {
      // A failed refresh leaves the answer in place; a request past STALE_MS waits for (and sees) the next lookup's error.
      this.refresh(key).catch(() => undefined);
      return hit;
    }
    return this.refresh(key);
  }

  /** One lookup of `key` at a time, cached unless a change overlapped it. */
  private refresh(key: string): Promise<Resolution> {
    return this.lookups.run(key, async () => {
      const invalidations = this.invalidations;
      const { row, withheld } = await this.lookup(key);
      const tenant = row ? { id: row.id, slug: row.slug, name: row.name, defaultLanguage: row.default_language } : null;
      if (this.cache.size > 10_000) this.cache.clear();
      const entry = { tenant, withheld, until: Date.now() + TTL_MS };
      if (invalidations === this.invalidations) this.cache.set(key, entry);
      return entry;
    });
  }

  private async lookup(host: string): Promise<{ row: TenantRow | undefined; withheld: boolean }> {
    const name = TenantResolver.hostName(host);
    if (this.publicHost !== null && name === this.publicHost) {
      const fallback = await findDefaultTenant(this.db);
      if (fallback) return { row: fallback, withheld: false };
    }
    const slug = this.slugOf(name);
    const bySlug = slug ? await findTenantRowBySlug(this.db, slug) : undefined;
    if (bySlug) return { row: bySlug, withheld: false };
    const claims = await Promise.all(this.claims.map((source) => source.claim(name)));
    for (const { tenantId } of claims) {
      const claimed = tenantId ? await findTenantRowById(this.db, tenantId) : undefined;
      if (claimed) return { row: claimed, withheld: false };
    }
    if (claims.some((c) => c.withheld)) return { row: undefined, withheld: true };
    return { row: await findDefaultTenant(this.db), withheld: false };
  }
}
