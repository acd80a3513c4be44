import type { CustomDomainSource } from '../tls/hosts-to-certify.ts';
import { listVerifiedDomains } from './custom-domains.repo.ts';

/** D-2 → D-3: the verified custom domains are hosts Porta serves and certifies (`/api/v1/tls/allowed`, the certificate manager, the HTTP listener's redirects). */
export const verifiedCustomDomains: CustomDomainSource = async (db) => (await listVerifiedDomains(db)).map((d) => ({ host: d.name, tenantId: d.tenantId }));
