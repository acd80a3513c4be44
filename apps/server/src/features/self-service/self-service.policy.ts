import type { FastifyRequest } from 'fastify';
import { isLanguage } from '@porta/i18n/languages';
import type { Language } from '@porta/contracts/common';
import { contactOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import { resolvePortalSettings, sectionEnabled } from '../portal-settings/portal-settings.model.ts';

/** Who asks, as the self-service services need it. */
export interface SelfServiceContact {
  id: string;
  customerId: string;
  isPrimary: boolean;
  language: Language;
  name: string;
}

/** The self-service caller for a contact, in `language`. */
export function asSelfServiceContact(c: { id: string; customerId: string; isPrimary: boolean; firstName: string; lastName: string }, language: Language): SelfServiceContact {
  return { id: c.id, customerId: c.customerId, isPrimary: c.isPrimary, language, name: `${c.firstName} ${c.lastName}`.trim() };
}

/**
 * SS-3: with the Self-service section off for the contact's customer (off, or on for other
 * customers only), every portal self-service route answers 404 as if it did not exist.
 */
export function selfServiceContact(req: FastifyRequest): SelfServiceContact {
  const c = contactOf(req);
  if (!sectionEnabled(resolvePortalSettings(c.portalSettingsRaw).sections.selfService, c.customerId)) throw new AppError('NOT_FOUND');
  return asSelfServiceContact(c, isLanguage(c.language) ? c.language : 'en');
}
