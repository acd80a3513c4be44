import type { AppContext } from '../../platform/context.ts';
import { hashPassword, verifyDecoy } from '../../platform/crypto/passwords.ts';
import { assertStrongPassword } from '../../platform/crypto/password-policy.ts';
import { deleteSessionsOf } from '../../platform/auth/sessions.ts';
import { assertNotThrottled, loginRules, recordFailure, recordSuccess } from '../../platform/auth/throttle.ts';
import type { ContactPrincipal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import { findContactByUsername, findContactCredentials, updateContact } from '../contacts/contacts.repo.ts';
import { verifyContactPassword } from '../contacts/contacts.service.ts';

export async function loginContact(ctx: AppContext, tenantId: string, username: string, password: string, ip: string) {
  const rules = loginRules(tenantId, 'contact', username, ip);
  await assertNotThrottled(ctx, rules);
  const contact = await findContactByUsername(ctx.db, tenantId, username);
  const ok = contact ? await verifyContactPassword(ctx, tenantId, contact, password) : (await verifyDecoy(password), false);
  if (!contact || !ok) {
    await recordFailure(ctx, rules);
    throw new AppError('INVALID_CREDENTIALS');
  }
  await recordSuccess(ctx, rules);
  return contact;
}

/** once the contact sets a password, the generated one is forgotten. */
export async function changeContactPassword(ctx: AppContext, me: ContactPrincipal, current: string, next: string, tenantName: string): Promise<void> {
  const row = await findContactCredentials(ctx.db, me.tenantId, me.id);
  if (!row || !(await verifyContactPassword(ctx, me.tenantId, row, current))) throw new AppError('PASSWORD_INCORRECT');
  if (next === current) throw new AppError('PASSWORD_TOO_WEAK');
  await assertStrongPassword(next, { firstName: me.firstName, lastName: me.lastName, email: me.email, username: me.username, tenantName }, 'newPassword');
  await updateContact(ctx.db, me.tenantId, me.id, {
    password_hash: await hashPassword(next),
    initial_password_enc: null,
    password_changed_at: new Date(),
  });
  await deleteSessionsOf(ctx, me.tenantId, 'contact', me.id, me.sessionId);
}
