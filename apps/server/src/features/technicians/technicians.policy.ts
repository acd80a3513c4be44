import type { TechnicianPrincipal } from '../../platform/auth/principal.ts';
import type { TechnicianRow } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';

/** Route access (admin only) is declared on the routes; these are the rules beyond it. */
export function assertMayChangeAdmin(adminCount: number): void {
  if (adminCount <= 1) throw new AppError('LAST_ADMIN');
}

export function assertMayDelete(actor: TechnicianPrincipal, target: TechnicianRow, adminCount: number): void {
  if (actor.id === target.id) throw new AppError('CANNOT_DELETE_SELF');
  if (target.is_admin) assertMayChangeAdmin(adminCount);
}
