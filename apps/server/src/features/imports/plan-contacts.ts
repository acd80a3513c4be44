import { emailSchema, type Language } from '@porta/contracts/common';
import { contactCreateSchema, phoneSchema } from '@porta/contracts/contacts';
import type { ImportField, ImportMapping, ImportRunBody } from '@porta/contracts/imports';
import { cellOf, compactPhone, issuesOf, parseFlag, parseLanguage, type RowIssue } from './cells.ts';
import type { CsvRow } from './csv.ts';
import type { ContactChange } from './imports.repo.ts';
import type { ExistingCustomers } from './plan-customers.ts';

const personName = contactCreateSchema.shape.firstName;

export interface ExistingContacts extends ExistingCustomers {
  contacts: { id: string; email: string }[];
}

export interface NewContactRow {
  customerId: string;
  firstName: string;
  lastName: string;
  email: string;
  language: Language;
  isPrimary: boolean;
  phone: string | null;
}

export interface ContactPlan {
  creates: NewContactRow[];
  updates: ContactChange[];
  skips: number;
  issues: RowIssue[];
  errorRows: number;
}

/** Finds the customer a cell names: one of its domains, else its name (any case). */
function customerFinder(existing: ExistingCustomers) {
  const byDomain = new Map(existing.domains.map((d) => [d.domain, d.customer_id]));
  const byName = new Map<string, string[]>();
  for (const c of existing.names) byName.set(c.name.trim().toLowerCase(), [...(byName.get(c.name.trim().toLowerCase()) ?? []), c.id]);
  return {
    byCell(text: string): string[] {
      const key = text.toLowerCase();
      const domain = byDomain.get(key.replace(/^@/, ''));
      return domain ? [domain] : (byName.get(key) ?? []);
    },
    /** A-4's rule: the customer holding the e-mail address's domain. */
    byEmail(email: string): string | undefined {
      return byDomain.get(email.slice(email.lastIndexOf('@') + 1));
    },
  };
}

/**
 * What importing these rows as contacts does, row by row, without writing: the rules of
 * `POST /api/v1/contacts` (the contracts' e-mail, name and phone schemas, the five languages),
 * the customer named by name or domain or, left empty, found by the e-mail's domain. A contact
 * whose e-mail exists already is updated (its non-empty cells) or skipped.
 */
export function planContacts(
  rows: CsvRow[],
  mapping: ImportMapping,
  opts: Pick<ImportRunBody, 'duplicates'>,
  existing: ExistingContacts,
  defaultLanguage: Language,
): ContactPlan {
  const byEmail = new Map(existing.contacts.map((c) => [c.email, c.id]));
  const customers = customerFinder(existing);
  const emailsInFile = new Set<string>();
  const plan: ContactPlan = { creates: [], updates: [], skips: 0, issues: [], errorRows: 0 };

  for (const row of rows) {
    const issues = issuesOf(row, mapping);
    const cell = (field: ImportField) => cellOf(row, mapping, field);
    const rawEmail = cell('email');
    const email = emailSchema.safeParse(rawEmail);
    if (rawEmail === '') issues.add('email', 'REQUIRED');
    else if (!email.success) issues.add('email', 'INVALID_EMAIL');
    else if (emailsInFile.has(email.data)) issues.add('email', 'DUPLICATE_IN_FILE');
    if (email.success) emailsInFile.add(email.data);
    const existingId = email.success ? byEmail.get(email.data) : undefined;

    if (existingId && opts.duplicates === 'skip') {
      plan.skips++;
      continue;
    }
    const isNew = existingId === undefined;

    const name = (field: 'firstName' | 'lastName') => {
      const text = cell(field);
      if (text === '') {
        if (isNew) issues.add(field, 'REQUIRED');
        return null;
      }
      const parsed = personName.safeParse(text);
      if (!parsed.success) issues.add(field, 'TOO_LONG');
      return parsed.data ?? null;
    };
    const firstName = name('firstName');
    const lastName = name('lastName');

    let customerId: string | null = null;
    const customerCell = cell('customer');
    const found = customerCell !== '' ? customers.byCell(customerCell) : [];
    if (found.length > 1) issues.add('customer', 'CUSTOMER_AMBIGUOUS');
    else if (found.length === 1) customerId = found[0] ?? null;
    else if (customerCell !== '') issues.add('customer', 'CUSTOMER_NOT_FOUND');
    else if (isNew) {
      customerId = email.success ? (customers.byEmail(email.data) ?? null) : null;
      if (!customerId && email.success) issues.add('customer', 'CUSTOMER_NOT_FOUND');
    }

    const languageCell = cell('language');
    const language = languageCell === '' ? null : (parseLanguage(languageCell) ?? null);
    if (languageCell !== '' && !language) issues.add('language', 'INVALID_LANGUAGE');

    const primaryCell = cell('isPrimary');
    const isPrimary = primaryCell === '' ? null : (parseFlag(primaryCell) ?? null);
    if (primaryCell !== '' && isPrimary === null) issues.add('isPrimary', 'INVALID_BOOLEAN');

    const phoneCell = cell('phone');
    const phone = phoneCell === '' ? null : phoneSchema.safeParse(compactPhone(phoneCell));
    if (phone && !phone.success) issues.add('phone', 'INVALID_PHONE');

    if (issues.list.length > 0 || !email.success) {
      plan.issues.push(...issues.list);
      plan.errorRows++;
    } else if (existingId) {
      plan.updates.push({ id: existingId, customerId, firstName, lastName, language, isPrimary, phone: phone?.data ?? null });
    } else if (customerId && firstName && lastName) {
      plan.creates.push({ customerId, firstName, lastName, email: email.data, language: language ?? defaultLanguage, isPrimary: isPrimary ?? false, phone: phone?.data ?? null });
    }
  }
  return plan;
}
