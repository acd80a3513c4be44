import type { TechnicianUser } from '@porta/contracts/auth';
import type { Language } from '@porta/contracts/common';
import type { ResolvedTenant } from '../../platform/auth/principal.ts';

export interface TechnicianLike {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  language: string;
  totpEnabled: boolean;
}

export function presentTechnicianUser(tech: TechnicianLike, tenant: ResolvedTenant, requireTotp: boolean): TechnicianUser {
  return {
    id: tech.id,
    name: tech.name,
    email: tech.email,
    isAdmin: tech.isAdmin,
    language: tech.language as Language,
    totpEnabled: tech.totpEnabled,
    totpEnrolmentRequired: requireTotp && !tech.totpEnabled,
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, requireTotp },
  };
}
