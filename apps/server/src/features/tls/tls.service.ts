import type { TlsStatus } from '@porta/contracts/tls';
import type { AppContext } from '../../platform/context.ts';
import { certifiable } from './cert-manager.ts';
import { hostsToCertify, type CustomDomainSource } from './hosts-to-certify.ts';
import { listTenantCertificates } from './tls.repo.ts';

/** The console card: each of the tenant's hosts and its certificate's state. */
export async function tenantTlsStatus(ctx: AppContext, tenantId: string, customDomains: CustomDomainSource): Promise<TlsStatus> {
  const hosts = (await hostsToCertify(ctx, customDomains)).filter((h) => h.tenantId === tenantId);
  const rows = new Map((await listTenantCertificates(ctx.db, tenantId)).map((r) => [r.host, r]));
  const mode = ctx.config.tls.mode;
  return {
    mode,
    hosts: hosts.map(({ host }) => {
      const row = rows.get(host);
      return {
        host,
        // In ACME mode a certifiable host without a row yet is about to be ordered.
        state: mode !== 'acme' || !certifiable(host) ? 'none' : (row?.state ?? 'pending'),
        validUntil: row?.not_after?.toISOString() ?? null,
        failureReason: row?.failure_reason ?? null,
        nextAttemptAt: row?.next_attempt_at?.toISOString() ?? null,
      };
    }),
  };
}
