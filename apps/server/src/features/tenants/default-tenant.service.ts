import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findDefaultTenant, findTenantRowBySlug, readDefaultTenantChoice, writeDefaultTenantChoice } from '../../platform/tenancy/default-tenant.repo.ts';
import { addressFor } from '../../platform/tenancy/tenant-address.ts';

export interface TenantListing {
  slug: string;
  name: string;
  createdAt: Date;
  isDefault: boolean;
  /** Its portal; the console is at `<url>/console`. */
  url: string;
}

/** What `porta tenant default` reports: the tenant that answers on any other host, or none, and why. */
export interface DefaultTenantReport {
  slug: string | null;
  /** 'first': nobody chose, the first tenant is it; 'chosen': set by `tenant default <slug>`; 'none': `tenant default none`. */
  source: 'first' | 'chosen' | 'none';
}

export async function readDefaultTenant(ctx: AppContext): Promise<DefaultTenantReport> {
  const [choice, tenant] = await Promise.all([readDefaultTenantChoice(ctx.db), findDefaultTenant(ctx.db)]);
  if (choice.kind === 'none') return { slug: null, source: 'none' };
  return { slug: tenant?.slug ?? null, source: choice.kind === 'tenant' ? 'chosen' : 'first' };
}

/**
 * `porta tenant default <slug|none>`: which tenant answers on hosts that name none (the
 * plain address of a single-server install). `none` for hosted multi-tenant installs: an
 * unknown host then gets a neutral page. Every node's resolver cache is emptied over the bus.
 */
export async function setDefaultTenant(ctx: AppContext, slugOrNone: string): Promise<DefaultTenantReport> {
  if (slugOrNone === 'none') {
    await writeDefaultTenantChoice(ctx.db, null);
  } else {
    const tenant = await findTenantRowBySlug(ctx.db, slugOrNone.toLowerCase());
    if (!tenant) throw new AppError('TENANT_NOT_FOUND');
    await writeDefaultTenantChoice(ctx.db, tenant.id);
  }
  await ctx.bus.publish({ topic: 'tenants.changed' });
  return readDefaultTenant(ctx);
}

/** Every tenant with its address, the default one marked (`porta tenant list`). */
export async function listTenants(ctx: AppContext): Promise<TenantListing[]> {
  const [rows, fallback] = await Promise.all([
    ctx.db.selectFrom('tenants').select(['id', 'slug', 'name', 'created_at']).orderBy('slug').execute(),
    findDefaultTenant(ctx.db),
  ]);
  return rows.map((r) => {
    const isDefault = r.id === fallback?.id;
    return { slug: r.slug, name: r.name, createdAt: r.created_at, isDefault, url: addressFor(ctx.config, r.slug, isDefault) };
  });
}
