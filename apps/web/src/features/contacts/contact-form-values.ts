import type { Contact } from '@porta/contracts/contacts';
import type { Language } from '@porta/i18n/languages';
import { blankToNull } from '../../lib/forms';
import type { ContactCreateInput, ContactFields } from './api';

export interface ContactFormValues {
  customerId: string | null;
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  language: Language;
  isPrimary: boolean;
  /** Creating only: queue the welcome e-mail (issue 9 item 5). */
  sendWelcomeEmail: boolean;
}

export function emptyContactValues(customerId: string | null, language: Language, sendWelcomeEmail = false): ContactFormValues {
  return { customerId, firstName: '', lastName: '', email: '', phone: '', language, isPrimary: false, sendWelcomeEmail };
}

export function contactToValues(contact: Contact): ContactFormValues {
  return {
    customerId: contact.customerId,
    firstName: contact.firstName,
    lastName: contact.lastName,
    email: contact.email,
    phone: contact.phone ?? '',
    language: contact.language,
    isPrimary: contact.isPrimary,
    sendWelcomeEmail: false,
  };
}

export function valuesToFields(values: ContactFormValues): ContactFields {
  return {
    firstName: values.firstName.trim(),
    lastName: values.lastName.trim(),
    email: values.email.trim(),
    phone: blankToNull(values.phone),
    language: values.language,
    isPrimary: values.isPrimary,
  };
}

export function valuesToCreateInput(values: ContactFormValues): ContactCreateInput {
  return { ...valuesToFields(values), customerId: values.customerId ?? '', sendWelcomeEmail: values.sendWelcomeEmail };
}
