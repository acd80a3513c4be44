import type { Language } from '@porta/contracts/common';
import type { contactCreateSchema, contactListQuerySchema, contactUpdateSchema, Credentials } from '@porta/contracts/contacts';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/keys.ts';
import { generatePassword, hashPassword, verifyDecoy, verifyPassword } from '../../platform/crypto/passwords.ts';
import { safeEqual } from '../../platform/crypto/tokens.ts';
import { deleteSessionsOf } from '../../platform/auth/sessions.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';
import { AppError, isStillReferenced, isUniqueViolation } from '../../platform/errors.ts';
import { enqueue } from '../../platform/events/outbox.ts';
import { customerExists } from '../customers/customers.repo.ts';
import { getPortalSettings } from '../portal-settings/portal-settings.service.ts';
import * as repo from './contacts.repo.ts';
import { nextFreeUsername, usernameBase } from './username.ts';

export function listContacts(ctx: AppContext, tenantId: string, q: z.infer<typeof contactListQuerySchema>) {
  return repo.listContacts(ctx.db, tenantId, q);
}

export async function getContact(ctx: AppContext, tenantId: string, id: string) {
  const row = await repo.findContact(ctx.db, tenantId, id);
  if (!row) throw new AppError('CONTACT_NOT_FOUND');
  return row;
}

/** the generated credentials stay readable for technicians only until the contact changes the password. */
export function credentialsOf(ctx: AppContext, row: repo.ContactView): Credentials | null {
  return row.initial_password_enc ? { username: row.username, password: decrypt(ctx.keys, row.initial_password_enc) } : null;
}

/**
 * The `password_hash` of a contact created by a CSV import (features/imports): its generated
 * password is kept encrypted only (A-1 allows it until the contact changes it) and hashed at
 * its first use, so 10,000 contacts import in seconds, not in 10,000 argon2id hashes (minutes).
 */
export const HASH_AT_FIRST_USE = '';

/**
 * Whether `password` is the contact's. A contact imported without a hash is checked against
 * its encrypted generated password (as long as an argon2id check takes, so timing tells
 * nothing), and gets its argon2id hash on the first success.
 */
export async function verifyContactPassword(
  ctx: AppContext,
  tenantId: string,
  row: { id: string; password_hash: string; initial_password_enc: string | null },
  password: string,
): Promise<boolean> {
  if (row.password_hash !== HASH_AT_FIRST_USE) return verifyPassword(row.password_hash, password);
  await verifyDecoy(password);
  if (!row.initial_password_enc || !safeEqual(decrypt(ctx.keys, row.initial_password_enc), password)) return false;
  await repo.updateContact(ctx.db, tenantId, row.id, { password_hash: await hashPassword(password) });
  return true;
}

/** A new contact's generated password, encrypted, without its hash yet (see HASH_AT_FIRST_USE). */
export function importedSecret(ctx: AppContext) {
  return { password_hash: HASH_AT_FIRST_USE, initial_password_enc: encrypt(ctx.keys, generatePassword()), password_changed_at: null };
}

async function newSecret(ctx: AppContext) {
  const password = generatePassword();
  return { password, password_hash: await hashPassword(password), initial_password_enc: encrypt(ctx.keys, password), password_changed_at: null };
}

/** The new-contact form's starting values: the welcome e-mail box follows the tenant's setting. */
export async function newContactDefaults(ctx: AppContext, tenantId: string) {
  return { sendWelcomeEmail: (await getPortalSettings(ctx, tenantId)).welcomeEmail.enabled };
}

export async function createContact(ctx: AppContext, tenantId: string, defaultLanguage: Language, input: z.infer<typeof contactCreateSchema>) {
  if (!(await customerExists(ctx.db, tenantId, input.customerId))) throw new AppError('CUSTOMER_NOT_FOUND');
  const { password, ...secret } = await newSecret(ctx);
  // left out, the tenant's setting at this moment decides (the console pre-sets its checkbox from it).
  const sendWelcome = input.sendWelcomeEmail ?? (await getPortalSettings(ctx, tenantId)).welcomeEmail.enabled;
  const base = usernameBase(input.firstName, input.lastName, input.email);
  for (let attempt = 0; ; attempt++) {
    const username = nextFreeUsername(base, await repo.usernamesLike(ctx.db, tenantId, base));
    try {
      // The contact and its `contact.created` event (A-2 welcome mail) commit together.
      const id = await ctx.db.transaction().execute(async (trx) => {
        const { id } = await repo.insertContact(trx, {
          tenant_id: tenantId,
          customer_id: input.customerId,
          first_name: input.firstName,
          last_name: input.lastName,
          email: input.email,
          username,
          is_primary: input.isPrimary,
          language: input.language ?? defaultLanguage,
          phone: input.phone ?? null,
          welcome_sent_at: sendWelcome ? new Date() : null,
          ...secret,
        });
        await enqueue(trx, tenantId, 'contact.created', { contactId: id, sendWelcome });
        return id;
      });
      return { row: await getContact(ctx, tenantId, id), credentials: { username, password } };
    } catch (err) {
      if (isUniqueViolation(err, 'contacts_email_uq')) throw new AppError('EMAIL_TAKEN');
      // Another request took the same username meanwhile: pick again.
      if (isUniqueViolation(err, 'contacts_username_uq') && attempt < 5) continue;
      throw err;
    }
  }
}

export async function updateContact(ctx: AppContext, tenantId: string, id: string, input: z.infer<typeof contactUpdateSchema>) {
  try {
    const found = await repo.updateContact(ctx.db, tenantId, id, {
      ...(input.firstName !== undefined && { first_name: input.firstName }),
      ...(input.lastName !== undefined && { last_name: input.lastName }),
      ...(input.email !== undefined && { email: input.email }),
      ...(input.isPrimary !== undefined && { is_primary: input.isPrimary }),
      ...(input.language !== undefined && { language: input.language }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.emailTickets !== undefined && { email_tickets: input.emailTickets }),
      ...(input.notifyCompanyTickets !== undefined && { notify_company_tickets: input.notifyCompanyTickets }),
    });
    if (!found) throw new AppError('CONTACT_NOT_FOUND');
  } catch (err) {
    if (isUniqueViolation(err, 'contacts_email_uq')) throw new AppError('EMAIL_TAKEN');
    throw err;
  }
  await sessionsChanged(ctx, tenantId, id);
  return getContact(ctx, tenantId, id);
}

export async function deleteContact(ctx: AppContext, tenantId: string, id: string): Promise<void> {
  try {
    if (!(await repo.deleteContact(ctx.db, tenantId, id))) throw new AppError('CONTACT_NOT_FOUND');
  } catch (err) {
    // Their tickets hold the row (foreign key, on delete restrict).
    if (isStillReferenced(err)) throw new AppError('CONTACT_HAS_TICKETS');
    throw err;
  }
  await deleteSessionsOf(ctx, tenantId, 'contact', id);
}

/**
 * New generated password (the username stays); the contact's open sessions end.
 * `sendWelcome` queues the welcome e-mail in the same transaction as the new password.
 */
export async function regenerateCredentials(ctx: AppContext, tenantId: string, id: string, opts: { sendWelcome?: boolean } = {}) {
  const { password, ...secret } = await newSecret(ctx);
  const found = await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.updateContact(trx, tenantId, id, secret))) return false;
    if (opts.sendWelcome) {
      await enqueue(trx, tenantId, 'contact.welcome', { contactId: id });
      await repo.updateContact(trx, tenantId, id, { welcome_sent_at: new Date() });
    }
    return true;
  });
  if (!found) throw new AppError('CONTACT_NOT_FOUND');
  await deleteSessionsOf(ctx, tenantId, 'contact', id);
  const row = await getContact(ctx, tenantId, id);
  return { row, credentials: { username: row.username, password } };
}
