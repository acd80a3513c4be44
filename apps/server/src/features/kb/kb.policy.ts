import type { FastifyRequest } from 'fastify';
import { contactOf, tenantOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { resolvePortalSettings, sectionEnabled } from '../portal-settings/portal-settings.model.ts';
import type { Reader } from './kb-portal.repo.ts';

/**
 * KB-2: with the Knowledge base section off for the contact's customer (off for everyone, or on
 * for other customers only), the whole portal KB API is absent: 404, as if it did not exist.
 * Otherwise the reader: who they are, their customer (for article audiences) and languages.
 */
export function kbReader(req: FastifyRequest): Reader {
  const reader = kbReaderIfEnabled(req);
  if (!reader) throw new AppError('NOT_FOUND');
  return reader;
}

/** The reader, or null when the section is off for the contact's customer (the portal home leaves the KB out). */
export function kbReaderIfEnabled(req: FastifyRequest): Reader | null {
  const contact = contactOf(req);
  const settings = resolvePortalSettings(contact.portalSettingsRaw);
  if (!sectionEnabled(settings.sections.kb, contact.customerId)) return null;
  return {
    tenantId: contact.tenantId,
    customerId: contact.customerId,
    contactId: contact.id,
    language: contact.language,
    defaultLanguage: tenantOf(req).defaultLanguage,
  };
}
