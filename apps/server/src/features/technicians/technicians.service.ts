import type { PageQuery } from '@porta/contracts/common';
import type { z } from 'zod';
import type { technicianCreateSchema, technicianUpdateSchema } from '@porta/contracts/technicians';
import type { AppContext } from '../../platform/context.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import { assertStrongPassword } from '../../platform/crypto/password-policy.ts';
import { deleteSessionsOf } from '../../platform/auth/sessions.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import type { TechnicianPrincipal } from '../../platform/auth/principal.ts';
import { assertMayChangeAdmin, assertMayDelete } from './technicians.policy.ts';
import * as repo from './technicians.repo.ts';

export function listTechnicians(ctx: AppContext, tenantId: string, q: PageQuery) {
  return repo.listTechnicians(ctx.db, tenantId, q);
}

export async function getTechnician(ctx: AppContext, tenantId: string, id: string) {
  const row = await repo.findTechnician(ctx.db, tenantId, id);
  if (!row) throw new AppError('TECHNICIAN_NOT_FOUND');
  return row;
}

export async function createTechnician(ctx: AppContext, tenantId: string, input: z.infer<typeof technicianCreateSchema>) {
  const passwordHash = await hashPassword(input.password);
  try {
    return await repo.insertTechnician(ctx.db, tenantId, { ...input, passwordHash });
  } catch (err) {
    if (isUniqueViolation(err, 'technicians_email_uq')) throw new AppError('EMAIL_TAKEN');
    throw err;
  }
}

/** An admin adds a technician: the password they choose must be strong (issue 9 item 4). */
export async function inviteTechnician(ctx: AppContext, tenant: { id: string; name: string }, input: z.infer<typeof technicianCreateSchema>) {
  await assertStrongPassword(input.password, { name: input.name, email: input.email, tenantName: tenant.name }, 'password');
  return createTechnician(ctx, tenant.id, input);
}

export async function updateTechnician(
  ctx: AppContext,
  actor: TechnicianPrincipal,
  id: string,
  input: z.infer<typeof technicianUpdateSchema>,
) {
  const tenantId = actor.tenantId;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findTechnician(trx, tenantId, id);
    if (!current) throw new AppError('TECHNICIAN_NOT_FOUND');
    if (input.isAdmin === false && current.is_admin) assertMayChangeAdmin(await repo.countAdmins(trx, tenantId));
    const { resetTotp, ...fields } = input;
    const totpReset = resetTotp ? { totp_secret_enc: null, totp_pending_enc: null, totp_enabled_at: null, totp_last_step: null } : {};
    try {
      const row = await repo.updateTechnician(trx, tenantId, id, {
        ...(fields.name !== undefined && { name: fields.name }),
        ...(fields.email !== undefined && { email: fields.email }),
        ...(fields.isAdmin !== undefined && { is_admin: fields.isAdmin }),
        ...(fields.language !== undefined && { language: fields.language }),
        ...totpReset,
      });
      if (!row) throw new AppError('TECHNICIAN_NOT_FOUND');
      if (resetTotp) {
        await trx.deleteFrom('technician_recovery_codes').where('tenant_id', '=', tenantId).where('technician_id', '=', id).execute();
      }
      return row;
    } catch (err) {
      if (isUniqueViolation(err, 'technicians_email_uq')) throw new AppError('EMAIL_TAKEN');
      throw err;
    }
  });
  await sessionsChanged(ctx, tenantId, id);
  return row;
}

export async function deleteTechnician(ctx: AppContext, actor: TechnicianPrincipal, id: string): Promise<void> {
  const tenantId = actor.tenantId;
  await ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findTechnician(trx, tenantId, id);
    if (!current) throw new AppError('TECHNICIAN_NOT_FOUND');
    assertMayDelete(actor, current, await repo.countAdmins(trx, tenantId));
    await repo.deleteTechnician(trx, tenantId, id);
  });
  await deleteSessionsOf(ctx, tenantId, 'technician', id);
}
