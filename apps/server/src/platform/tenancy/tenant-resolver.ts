import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { ResolvedTenant } from '../auth/principal.ts';

const TTL_MS = 10_000;

/**
 * Host header → tenant. `<slug>.<baseDomain>` names a tenant; any other host reaches the
 * only tenant of a single-tenant install. Answers are cached briefly: tenants rarely
 * change and this runs on every request.
 */
export class TenantResolver {
  private cache = new Map<string, { tenant: ResolvedTenant | null; until: number }>();
  private count: { value: number; until: number } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly baseDomain: string,
  ) {}

  invalidate(): void {
    this.cache.clear();
    this.count = null;
  }

  async tenantCount(): Promise<number> {
    const now = Date.now();
    if (this.count && this.count.until > now) return this.count.value;
    const row = await this.db.selectFrom('tenants').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    this.count = { value: Number(row.n), until: now + TTL_MS };
    return this.count.value;
  }

  /** The slug a host names, if it is `<slug>.<baseDomain>`. */
  slugOf(host: string): string | null {
    const name = host.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
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
    const tenant = await this.lookup(key);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { tenant, until: now + TTL_MS });
    return tenant;
  }

  private async lookup(host: string): Promise<ResolvedTenant | null> {
    const base = this.db.selectFrom('tenants').select(['id', 'slug', 'name', 'default_language']);
    const slug = this.slugOf(host);
    let row = slug ? await base.where('slug', '=', slug).executeTakeFirst() : undefined;
    if (!row && (await this.tenantCount()) === 1) row = await base.executeTakeFirst();
    return row ? { id: row.id, slug: row.slug, name: row.name, defaultLanguage: row.default_language } : null;
  }
}
