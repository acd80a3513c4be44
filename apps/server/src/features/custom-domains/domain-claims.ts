import type { Db } from '../../platform/db/db.ts';
import type { HostClaims } from '../../platform/tenancy/tenant-resolver.ts';
import { hostClaim } from './custom-domains.repo.ts';

/**
 * D-2 in the tenant resolver: a verified custom domain routes to its tenant; one pending,
 * failed or removed is withheld (the neutral page), never the default tenant's portal. The
 * resolver caches both answers and empties its cache on `tenant.domains.changed`.
 */
export function customDomainClaims(db: Db): HostClaims {
  return {
    async claim(name) {
      const { tenantId, claimed } = await hostClaim(db, name);
      return { tenantId, withheld: claimed && tenantId === null };
    },
  };
}
