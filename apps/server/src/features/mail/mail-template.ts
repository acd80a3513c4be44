import type { MailTemplate } from '@porta/contracts/mail';
import type { Language } from '@porta/contracts/common';
import { translate } from '@porta/i18n/translate';

/** Values a template may name as `{{group.key}}`. */
export type TemplateValues = Record<string, string>;

/** Replaces `{{contact.name}}`-style placeholders; unknown ones are left as written, so a typo shows in the preview. */
export function renderTemplate(text: string, values: TemplateValues): string {
  return text.replace(/\{\{\s*([a-zA-Z]+(?:\.[a-zA-Z]+)*)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** The placeholders the welcome template knows (shown in the console beside the editor). */
export const WELCOME_PLACEHOLDERS = [
  'contact.name',
  'contact.firstName',
  'contact.lastName',
  'contact.email',
  'customer.name',
  'company.name',
  'portal.url',
  'credentials.username',
  'credentials.password',
] as const;

export function defaultWelcomeTemplate(lang: Language): MailTemplate {
  return { subject: translate(lang, 'mail', 'welcome.subject'), body: translate(lang, 'mail', 'welcome.body') };
}
