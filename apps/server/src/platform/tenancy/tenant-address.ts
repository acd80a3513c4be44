import type { Config } from '../../config.ts';
import type { Db } from '../db/db.ts';
import { findDefaultTenant } from './default-tenant.repo.ts';

type AddressConfig = Pick<Config, 'publicUrl' | 'port' | 'baseDomain'>;

/** `PORTA_PUBLIC_URL`, else `http://localhost:<PORT>`; never a trailing slash. */
export function publicBaseUrl(config: Pick<Config, 'publicUrl' | 'port'>): string {
  return (config.publicUrl ?? new URL(`http://localhost:${config.port}`).origin).replace(/\/+$/, '');
}

/** The host name (lower case, no port) of `PORTA_PUBLIC_URL`, if set. */
export function publicHostName(config: Pick<Config, 'publicUrl'>): string | null {
  return config.publicUrl ? new URL(config.publicUrl).hostname.toLowerCase() : null;
}

/**
 * The address a tenant answers on, from the configuration alone: the default tenant's is the
 * public URL; any other's is `<scheme>://<slug>.<PORTA_BASE_DOMAIN>[:<port>]`, with the scheme
 * and port of the public URL (a port the scheme implies is left out, as URL does).
 */
export function addressFor(config: AddressConfig, slug: string, isDefault: boolean): string {
  const base = publicBaseUrl(config);
  if (isDefault) return base;
  const url = new URL(base);
  return `${url.protocol}//${slug}.${config.baseDomain}${url.port ? `:${url.port}` : ''}`;
}

/** `<scheme>://<host>[:<port>]` with the scheme and port of the public URL, for a verified custom domain. */
export function customDomainAddress(config: Pick<Config, 'publicUrl' | 'port'>, name: string): string {
  const url = new URL(publicBaseUrl(config));
  return `${url.protocol}//${name}${url.port ? `:${url.port}` : ''}`;
}

/**
 * THE portal/console address of a tenant (no trailing slash): the portal is at `<address>/`,
 * the console at `<address>/console`. Every link Porta writes (mails, the start banner, the
 * CLI, the demo) comes from here, so each is an address the tenant resolver answers for that
 * tenant. A verified custom domain (D-2; the first verified, when several) takes precedence
 * over the generated host and the public URL (D-1). A tenant's configured portal address (mail settings) is the one exception, applied
 * by the mail code on top of this.
 */
export async function tenantUrl(ctx: { db: Db; config: AddressConfig }, tenant: { id: string; slug: string }): Promise<string> {
  const custom = await ctx.db
    .selectFrom('tenant_domains')
    .select('name')
    .where('tenant_id', '=', tenant.id)
    .where('state', '=', 'verified')
    .orderBy('verified_at')
    .orderBy('name')
    .limit(1)
    .executeTakeFirst();
  if (custom) return customDomainAddress(ctx.config, custom.name);
  const fallback = await findDefaultTenant(ctx.db);
  return addressFor(ctx.config, tenant.slug, fallback?.id === tenant.id);
}
