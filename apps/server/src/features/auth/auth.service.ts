import type { AppContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/keys.ts';
import { hashPassword, verifyDecoy, verifyPassword } from '../../platform/crypto/passwords.ts';
import { assertStrongPassword } from '../../platform/crypto/password-policy.ts';
import { deleteSessionsOf } from '../../platform/auth/sessions.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';
import { assertNotThrottled, loginRules, recordFailure, recordSuccess } from '../../platform/auth/throttle.ts';
import type { TechnicianPrincipal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import type { TechnicianRow } from '../../platform/db/schema.ts';
import { findTechnician, findTechnicianByEmail, updateTechnician } from '../technicians/technicians.repo.ts';
import { hashRecoveryCode, newRecoveryCodes, newTotpSecret, provisioning, verifyTotp } from './totp.ts';

/** Accepts a fresh TOTP code (never a step already used) or an unused recovery code. */
async function checkSecondFactor(ctx: AppContext, tech: TechnicianRow, code: string): Promise<boolean> {
  if (!tech.totp_secret_enc) return false;
  const step = verifyTotp(decrypt(ctx.keys, tech.totp_secret_enc), code);
  if (step !== null) {
    const claimed = await ctx.db
      .updateTable('technicians')
      .set({ totp_last_step: step })
      .where('tenant_id', '=', tech.tenant_id)
      .where('id', '=', tech.id)
      .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', step)]))
      .executeTakeFirst();
    return claimed.numUpdatedRows > 0n;
  }
  const used = await ctx.db
    .updateTable('technician_recovery_codes')
    .set({ used_at: new Date() })
    .where('tenant_id', '=', tech.tenant_id)
    .where('technician_id', '=', tech.id)
    .where('code_hash', '=', hashRecoveryCode(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return used.numUpdatedRows > 0n;
}

export async function loginTechnician(
  ctx: AppContext,
  tenantId: string,
  input: { email: string; password: string; totp?: string | undefined },
  ip: string,
): Promise<TechnicianRow> {
  const rules = loginRules(tenantId, 'technician', input.email, ip);
  await assertNotThrottled(ctx, rules);
  const tech = await findTechnicianByEmail(ctx.db, tenantId, input.email);
  const passwordOk = tech ? await verifyPassword(tech.password_hash, input.password) : (await verifyDecoy(input.password), false);
  if (!tech || !passwordOk) {
    await recordFailure(ctx, rules);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (tech.totp_enabled_at) {
    if (!input.totp) throw new AppError('TOTP_REQUIRED');
    if (!(await checkSecondFactor(ctx, tech, input.totp))) {
      await recordFailure(ctx, rules);
      throw new AppError('TOTP_INVALID');
    }
  }
  await recordSuccess(ctx, rules);
  return tech;
}

export async function changeTechnicianPassword(ctx: AppContext, me: TechnicianPrincipal, current: string, next: string, tenantName: string): Promise<void> {
  const tech = await findTechnician(ctx.db, me.tenantId, me.id);
  if (!tech || !(await verifyPassword(tech.password_hash, current))) throw new AppError('PASSWORD_INCORRECT');
  await assertStrongPassword(next, { name: tech.name, email: tech.email, tenantName }, 'newPassword');
  await updateTechnician(ctx.db, me.tenantId, me.id, { password_hash: await hashPassword(next) });
  await deleteSessionsOf(ctx, me.tenantId, 'technician', me.id, me.sessionId ?? undefined);
}

export async function startTotpSetup(ctx: AppContext, me: TechnicianPrincipal, tenantName: string) {
  if (me.totpEnabled) throw new AppError('TOTP_ALREADY_ENABLED');
  const secret = newTotpSecret();
  await updateTechnician(ctx.db, me.tenantId, me.id, { totp_pending_enc: encrypt(ctx.keys, secret) });
  return provisioning(secret, me.email, `Porta (${tenantName})`);
}

export async function enableTotp(ctx: AppContext, me: TechnicianPrincipal, code: string): Promise<string[]> {
  const tech = await findTechnician(ctx.db, me.tenantId, me.id);
  if (!tech) throw new AppError('UNAUTHENTICATED');
  if (tech.totp_enabled_at) throw new AppError('TOTP_ALREADY_ENABLED');
  if (!tech.totp_pending_enc) throw new AppError('TOTP_NOT_PENDING');
  const secret = decrypt(ctx.keys, tech.totp_pending_enc);
  const step = verifyTotp(secret, code);
  if (step === null) throw new AppError('TOTP_INVALID');
  const codes = newRecoveryCodes();
  await ctx.db.transaction().execute(async (trx) => {
    await updateTechnician(trx, me.tenantId, me.id, {
      totp_secret_enc: tech.totp_pending_enc,
      totp_pending_enc: null,
      totp_enabled_at: new Date(),
      totp_last_step: step,
    });
    await trx.deleteFrom('technician_recovery_codes').where('tenant_id', '=', me.tenantId).where('technician_id', '=', me.id).execute();
    await trx
      .insertInto('technician_recovery_codes')
      .values(codes.map((c) => ({ tenant_id: me.tenantId, technician_id: me.id, code_hash: hashRecoveryCode(c), used_at: null })))
      .execute();
  });
  await sessionsChanged(ctx, me.tenantId, me.id);
  return codes;
}

export async function disableTotp(ctx: AppContext, me: TechnicianPrincipal, password: string): Promise<void> {
  const tech = await findTechnician(ctx.db, me.tenantId, me.id);
  if (!tech || !(await verifyPassword(tech.password_hash, password))) throw new AppError('PASSWORD_INCORRECT');
  await ctx.db.transaction().execute(async (trx) => {
    await updateTechnician(trx, me.tenantId, me.id, { totp_secret_enc: null, totp_pending_enc: null, totp_enabled_at: null, totp_last_step: null });
    await trx.deleteFrom('technician_recovery_codes').where('tenant_id', '=', me.tenantId).where('technician_id', '=', me.id).execute();
  });
  await sessionsChanged(ctx, me.tenantId, me.id);
}
