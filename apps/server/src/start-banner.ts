import type { AppContext } from './platform/context.ts';
import { findDefaultTenant } from './platform/tenancy/default-tenant.repo.ts';
import { addressFor, publicBaseUrl, tenantUrl } from './platform/tenancy/tenant-address.ts';

/**
 * What `npm start` prints once listening (`port`: the port it really listens on): the set-up
 * link while no tenant exists, else the default tenant's portal and console. Every address
 * comes from `tenantUrl`/`publicBaseUrl`, so it is one the server answers on.
 */
export async function startBanner(ctx: AppContext, port: number, setupToken: string | null): Promise<string> {
  const config = { ...ctx.config, port };
  const base = publicBaseUrl(config);
  if (setupToken) {
    return `\n  Porta is not set up yet. Open this link to create the first admin:\n\n    ${base}/console/setup?token=${encodeURIComponent(setupToken)}\n\n`;
  }
  const fallback = await findDefaultTenant(ctx.db);
  if (!fallback) {
    const pattern = addressFor(config, '<slug>', false);
    return `\n  Porta is running with no default tenant: each tenant answers on ${pattern}/ (console ${pattern}/console); API docs ${base}/api/docs\n\n`;
  }
  const url = await tenantUrl({ db: ctx.db, config }, fallback);
  return `\n  Porta is running: portal ${url}/  console ${url}/console  API docs ${url}/api/docs\n\n`;
}
