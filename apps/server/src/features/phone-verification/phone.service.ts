import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import type { SelfServiceContact } from '../self-service/self-service.policy.ts';
import { queueSms } from '../sms/sms.queue.ts';
import { toE164 } from './phone-number.ts';
import { checkCode, issueCode, latestOpenCode, throwCodeFailure } from './sms-codes.ts';

async function tenantName(ctx: AppContext, tenantId: string): Promise<string> {
  return (await ctx.db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow()).name;
}

/** SS-6 step 1: the contact gives a number; a code goes to it (the number is saved only once proved). */
export async function startPhoneEnrolment(ctx: AppContext, tenantId: string, contact: SelfServiceContact, raw: string): Promise<{ phone: string; status: 'code-sent' }> {
  const phone = toE164(raw, contact.language);
  if (!phone) throw new AppError('PHONE_INVALID');
  const company = await tenantName(ctx, tenantId);
  await ctx.db.transaction().execute(async (trx) => {
    const { code } = await issueCode(ctx, trx, tenantId, { contactId: contact.id, purpose: 'phone', phone });
    await queueSms(ctx, trx, tenantId, {
      contactId: contact.id,
      to: phone,
      kind: 'phone-code',
      text: translate(contact.language, 'mail', 'sms.phoneCode', { company, code }),
      redacted: translate(contact.language, 'mail', 'sms.phoneCode', { company, code: '••••••' }),
    });
  });
  return { phone, status: 'code-sent' };
}

/** SS-6 step 2: the right code saves the number as verified on the contact. */
export async function verifyPhone(ctx: AppContext, tenantId: string, contact: SelfServiceContact, code: string): Promise<{ phone: string; verified: true }> {
  const codeId = await latestOpenCode(ctx.db, tenantId, contact.id, 'phone');
  if (!codeId) throw new AppError('SMS_CODE_EXPIRED');
  const check = await checkCode(ctx, tenantId, codeId, { contactId: contact.id, purpose: 'phone' }, code);
  if (!check.ok) throwCodeFailure(check.reason);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('contacts').set({ phone_e164: check.phone, phone_verified_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', contact.id).execute();
    await appendAudit(trx, tenantId, { actor: `contact:${contact.id}`, event: 'phone.verified', subject: `contact:${contact.id}`, data: { phone: maskPhone(check.phone) } });
  });
  return { phone: check.phone, verified: true };
}

export async function phoneState(ctx: AppContext, tenantId: string, contactId: string): Promise<{ phone: string | null; verified: boolean }> {
  const row = await ctx.db.selectFrom('contacts').select(['phone_e164', 'phone_verified_at']).where('tenant_id', '=', tenantId).where('id', '=', contactId).executeTakeFirst();
  const verified = !!row?.phone_e164 && !!row.phone_verified_at;
  return { phone: verified ? (row?.phone_e164 ?? null) : null, verified };
}

/** SS-6: an admin clears a contact's number; open codes die with it and the contact must enrol again. */
export async function clearPhone(ctx: AppContext, tenantId: string, contactId: string, technicianId: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('contacts').set({ phone_e164: null, phone_verified_at: null }).where('tenant_id', '=', tenantId).where('id', '=', contactId).executeTakeFirst();
    if (r.numUpdatedRows === 0n) throw new AppError('CONTACT_NOT_FOUND');
    await trx.updateTable('sms_codes').set({ used_at: new Date() }).where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).where('used_at', 'is', null).execute();
    await appendAudit(trx, tenantId, { actor: `technician:${technicianId}`, event: 'phone.cleared', subject: `contact:${contactId}`, data: {} });
  });
}

/** `+39 ••• ••• 4567`-style: enough to recognise, not to dial. */
export function maskPhone(e164: string): string {
  return `${e164.slice(0, 3)}…${e164.slice(-4)}`;
}
