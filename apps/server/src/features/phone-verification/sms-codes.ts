import { hkdfSync, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../platform/context.ts';
import { hmac, safeEqual } from '../../platform/crypto/tokens.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';

/** SS-6 rules, in one place. */
export const CODE_RULES = {
  lifetimeMs: 5 * 60_000,
  maxAttempts: 5,
  perContactPerHour: 10,
  perNumberPerHour: 10,
} as const;

export interface CodeBinding {
  contactId: string;
  purpose: 'phone' | 'action';
  phone: string;
  deviceId?: string | undefined;
  action?: string | undefined;
}

const codeKeys = new WeakMap<Buffer, Buffer>();

/** HMAC over the code id and code with a key of its own (derived from the app key): six digits hashed bare would fall to a brute force of a leaked table. */
function codeHash(ctx: AppContext, codeId: string, code: string): string {
  let key = codeKeys.get(ctx.keys.encryption);
  if (!key) {
    key = Buffer.from(hkdfSync('sha256', ctx.keys.encryption, 'porta', 'sms-code-v1', 32));
    codeKeys.set(ctx.keys.encryption, key);
  }
  return hmac(key, `${codeId}:${code}`);
}

/**
 * Makes a code for `binding` after the rate caps (per contact, per number, per tenant, each per
 * hour; serialised per contact so parallel requests cannot slip past a cap). Answers the code id
 * and the clear code, which the caller puts in an SMS and forgets.
 */
export async function issueCode(ctx: AppContext, trx: Db, tenantId: string, binding: CodeBinding): Promise<{ id: string; code: string }> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`porta-sms-code:${tenantId}:${binding.contactId}`}, 0))`.execute(trx);
  const since = new Date(Date.now() - 3_600_000);
  const counts = await trx
    .selectFrom('sms_codes')
    .select((eb) => [
      eb.fn.countAll<string>().filterWhere('contact_id', '=', binding.contactId).as('contact'),
      eb.fn.countAll<string>().filterWhere('phone_e164', '=', binding.phone).as('phone'),
      eb.fn.countAll<string>().as('tenant'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('created_at', '>', since)
    .executeTakeFirstOrThrow();
  if (Number(counts.contact) >= CODE_RULES.perContactPerHour || Number(counts.phone) >= CODE_RULES.perNumberPerHour || Number(counts.tenant) >= ctx.config.smsTenantHourlyLimit) {
    throw new AppError('SMS_RATE_LIMITED');
  }
  // A new code replaces the contact's open ones for the same purpose: one live code at a time.
  await trx.updateTable('sms_codes').set({ used_at: new Date() }).where('tenant_id', '=', tenantId).where('contact_id', '=', binding.contactId).where('purpose', '=', binding.purpose).where('used_at', 'is', null).execute();
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  const id = (await sql<{ id: string }>`select gen_random_uuid() as id`.execute(trx)).rows[0]?.id;
  if (!id) throw new Error('no uuid');
  await trx
    .insertInto('sms_codes')
    .values({
      id,
      tenant_id: tenantId,
      contact_id: binding.contactId,
      purpose: binding.purpose,
      phone_e164: binding.phone,
      device_id: binding.deviceId ?? null,
      action: binding.action ?? null,
      code_hash: codeHash(ctx, id, code),
      expires_at: new Date(Date.now() + CODE_RULES.lifetimeMs),
    })
    .execute();
  return { id, code };
}

export type CodeCheck = { ok: true; phone: string } | { ok: false; reason: 'invalid' | 'expired' };

/**
 * Checks `code` against the code row `codeId`, which must be bound to the same contact,
 * purpose and (for actions) device and action. Single use; expired after 5 minutes; dead after
 * 5 wrong tries (the try is counted and committed even though the caller then answers an
 * error). The hashes are compared in constant time.
 */
export async function checkCode(ctx: AppContext, tenantId: string, codeId: string, binding: Omit<CodeBinding, 'phone'>, code: string): Promise<CodeCheck> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('sms_codes').selectAll().where('tenant_id', '=', tenantId).where('id', '=', codeId).forUpdate().executeTakeFirst();
    const bound =
      row !== undefined &&
      row.contact_id === binding.contactId &&
      row.purpose === binding.purpose &&
      (binding.purpose === 'phone' || (row.device_id === (binding.deviceId ?? null) && row.action === (binding.action ?? null)));
    if (!row || !bound) return { ok: false, reason: 'expired' } as const;
    if (row.used_at !== null || row.attempts >= CODE_RULES.maxAttempts || new Date(row.expires_at).getTime() <= Date.now()) return { ok: false, reason: 'expired' } as const;
    if (!safeEqual(codeHash(ctx, row.id, code), row.code_hash)) {
      await trx.updateTable('sms_codes').set({ attempts: row.attempts + 1 }).where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
      return { ok: false, reason: 'invalid' } as const;
    }
    await trx.updateTable('sms_codes').set({ used_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', row.id).execute();
    return { ok: true, phone: row.phone_e164 } as const;
  });
}

export function throwCodeFailure(reason: 'invalid' | 'expired'): never {
  throw new AppError(reason === 'invalid' ? 'SMS_CODE_INVALID' : 'SMS_CODE_EXPIRED');
}

/** The contact's newest open code for a purpose (phone enrolment has no request row to carry it). */
export async function latestOpenCode(db: Db, tenantId: string, contactId: string, purpose: 'phone' | 'action'): Promise<string | null> {
  const row = await db
    .selectFrom('sms_codes')
    .select('id')
    .where('tenant_id', '=', tenantId)
    .where('contact_id', '=', contactId)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
