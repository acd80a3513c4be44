import type { Contact } from '@porta/contracts/contacts';
import type { Language } from '@porta/contracts/common';
import type { ContactView } from './contacts.repo.ts';

export function presentContact(row: ContactView): Contact {
  return {
    id: row.id,
    customerId: row.customer_id,
    customerName: row.customer_name,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    username: row.username,
    isPrimary: row.is_primary,
    language: row.language as Language,
    phone: row.phone,
    verifiedPhone: row.phone_e164 && row.phone_verified_at ? row.phone_e164 : null,
    passwordState: row.initial_password_enc ? 'initial' : 'contact',
    emailTickets: row.email_tickets,
    notifyCompanyTickets: row.notify_company_tickets,
    welcomeEmailSentAt: row.welcome_sent_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
