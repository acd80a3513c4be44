import type { Technician } from '@porta/contracts/technicians';
import type { Language } from '@porta/contracts/common';
import type { TechnicianRow } from '../../platform/db/schema.ts';

export function presentTechnician(row: TechnicianRow): Technician {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    isAdmin: row.is_admin,
    language: row.language as Language,
    totpEnabled: row.totp_enabled_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}
