import type { Language } from '@porta/contracts/common';
import type { AppContext } from '../../platform/context.ts';
import { decrypt } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { enqueue } from '../../platform/events/outbox.ts';
import { isLanguage } from '@porta/i18n/languages';
import { getContact, regenerateCredentials } from '../contacts/contacts.service.ts';
import { getPortalSettings } from '../portal-settings/portal-settings.service.ts';
import { contactForMail, type MailContact } from './mail-people.repo.ts';
import { tenantIdentity, type TenantMailIdentity } from './mail-settings.service.ts';
import { renderTemplate, type TemplateValues } from './mail-template.ts';
import { queueMail } from './queued-mail.ts';

export function welcomeValues(tenant: TenantMailIdentity, contact: Pick<MailContact, 'first_name' | 'last_name' | 'email' | 'username' | 'customer_name'>, password: string): TemplateValues {
  return {
    'contact.name': `${contact.first_name} ${contact.last_name}`.trim(),
    'contact.firstName': contact.first_name,
    'contact.lastName': contact.last_name,
    'contact.email': contact.email,
    'customer.name': contact.customer_name,
    'company.name': tenant.name,
    'portal.url': `${tenant.portalUrl}/`,
    'credentials.username': contact.username,
    'credentials.password': password,
  };
}

/**
 * queues the welcome mail of a contact, in the contact's language, if the tenant sends
 * them (`force`: the "send again" button, which sends whatever the setting says).
 */
export async function queueWelcome(ctx: AppContext, trx: Db, tenantId: string, contactId: string, force: boolean): Promise<void> {
  // Everything on the worker's transaction: a second pooled connection per row could starve the pool.
  const settings = await getPortalSettings({ ...ctx, db: trx }, tenantId);
  if (!force && !settings.welcomeEmail.enabled) return;
  const contact = await contactForMail(trx, tenantId, contactId);
  // Deleted meanwhile, or the password is no longer the generated one: nothing true to send.
  if (!contact?.initial_password_enc) return;
  const tenant = await tenantIdentity(ctx, trx, tenantId);
  const lang: Language = isLanguage(contact.language) ? contact.language : 'en';
  const template = settings.welcomeEmail.templates[lang];
  const values = welcomeValues(tenant, contact, decrypt(ctx.keys, contact.initial_password_enc));
  await queueMail(ctx, trx, tenantId, {
    kind: 'welcome',
    from: tenant.from,
    to: { name: values['contact.name'] ?? '', address: contact.email },
    replyTo: tenant.inboundAddress,
    subject: renderTemplate(template.subject, values),
    text: renderTemplate(template.body, values),
    sensitive: true,
  });
  await trx.updateTable('contacts').set({ welcome_sent_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', contactId).execute();
}

/**
 * "Send the welcome e-mail again": the generated password must still be the contact's;
 * when they changed it, only an explicit `regeneratePassword` (after the console asks) replaces it.
 */
export async function sendWelcomeAgain(ctx: AppContext, tenantId: string, contactId: string, regeneratePassword: boolean) {
  const contact = await getContact(ctx, tenantId, contactId);
  if (!contact.initial_password_enc && !regeneratePassword) throw new AppError('WELCOME_NEEDS_NEW_PASSWORD');
  if (regeneratePassword) return (await regenerateCredentials(ctx, tenantId, contactId, { sendWelcome: true })).row;
  await ctx.db.transaction().execute(async (trx) => {
    await enqueue(trx, tenantId, 'contact.welcome', { contactId });
    await trx.updateTable('contacts').set({ welcome_sent_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', contactId).execute();
  });
  return getContact(ctx, tenantId, contactId);
}

/** The console's preview: the template (saved, or as being edited) filled with sample values. */
export async function previewWelcome(ctx: AppContext, tenantId: string, input: { language: Language; subject?: string | undefined; body?: string | undefined }) {
  const settings = await getPortalSettings(ctx, tenantId);
  const template = settings.welcomeEmail.templates[input.language];
  const tenant = await tenantIdentity(ctx, ctx.db, tenantId);
  const sample = { first_name: 'Alex', last_name: 'Martin', email: 'alex.martin@customer.example', username: 'alex.martin', customer_name: 'Example Customer' };
  const values = welcomeValues(tenant, sample, 'Xq7-example-Pw4');
  return { subject: renderTemplate(input.subject ?? template.subject, values), body: renderTemplate(input.body ?? template.body, values) };
}
