import type { Language } from '@porta/contracts/common';
import { isLanguage } from '@porta/i18n/languages';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import { deleteSessionsOf } from '../../platform/auth/sessions.ts';
import { hashPassword } from '../../platform/crypto/passwords.ts';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import { AppError } from '../../platform/errors.ts';
import { assertStrongPassword } from '../../platform/crypto/password-policy.ts';
import { updateContact } from '../contacts/contacts.repo.ts';
import { tenantIdentity } from '../mail/mail-settings.service.ts';
import { queueMail } from '../mail/queued-mail.ts';
import * as repo from './password-reset.repo.ts';

const VALID_MS = 3_600_000;
/** More requests than this per contact and hour send nothing more (the answer stays the same). */
const MAX_PER_HOUR = 5;

/**
 * A-3 "Forgot password": a single-use link, valid one hour, its token stored only as a hash,
 * built from the tenant's configured portal address (never a request header). The caller
 * answers the same whether or not an account matched.
 */
export async function requestPasswordReset(ctx: AppContext, tenantId: string, login: string): Promise<void> {
  const contact = await repo.findContactByLogin(ctx.db, tenantId, login);
  if (!contact) return;
  if ((await repo.recentRequests(ctx.db, tenantId, contact.id, VALID_MS)) >= MAX_PER_HOUR) return;
  const token = randomToken(32);
  const tenant = await tenantIdentity(ctx, ctx.db, tenantId);
  const lang: Language = isLanguage(contact.language) ? contact.language : 'en';
  const link = `${tenant.portalUrl}/reset-password?token=${encodeURIComponent(token)}`;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertReset(trx, tenantId, contact.id, hashToken(token), new Date(Date.now() + VALID_MS));
    await queueMail(ctx, trx, tenantId, {
      kind: 'reset',
      from: tenant.from,
      to: { name: `${contact.first_name} ${contact.last_name}`, address: contact.email },
      subject: translate(lang, 'mail', 'reset.subject'),
      text: translate(lang, 'mail', 'reset.body', { name: contact.first_name, company: tenant.name, link }),
      sensitive: true,
    });
  });
}

/** Sets the new password, spends the token (and any other open one), ends every session of the contact. */
export async function resetPassword(ctx: AppContext, tenantId: string, token: string, newPassword: string): Promise<void> {
  // A weak password leaves the token usable for a better one (issue 9 item 4).
  const owner = await repo.peekValidReset(ctx.db, tenantId, hashToken(token));
  if (!owner) throw new AppError('RESET_TOKEN_INVALID');
  await assertStrongPassword(
    newPassword,
    { firstName: owner.first_name, lastName: owner.last_name, email: owner.email, username: owner.username, tenantName: owner.tenant_name },
    'newPassword',
  );
  const passwordHash = await hashPassword(newPassword);
  const contactId = await ctx.db.transaction().execute(async (trx) => {
    const reset = await repo.takeValidReset(trx, tenantId, hashToken(token));
    if (!reset) throw new AppError('RESET_TOKEN_INVALID');
    await updateContact(trx, tenantId, reset.contact_id, { password_hash: passwordHash, initial_password_enc: null, password_changed_at: new Date() });
    await repo.spendResets(trx, tenantId, reset.contact_id);
    return reset.contact_id;
  });
  await deleteSessionsOf(ctx, tenantId, 'contact', contactId);
}
