import type { FastifyRequest } from 'fastify';
import type { Language } from '@porta/contracts/common';
import type { PortalSettings } from '@porta/contracts/portal-settings';
import { isLanguage } from '@porta/i18n/languages';
import { contactOf, tenantOf } from '../../platform/auth/guard.ts';
import type { ContactPrincipal } from '../../platform/auth/principal.ts';
import { AppError } from '../../platform/errors.ts';
import { resolvePortalSettings, sectionEnabled } from '../portal-settings/portal-settings.model.ts';

/**
 * Who talks to the assistant, and what they may do by hand (AI-6): the tools read these flags
 * and run through the same services as the portal, as this contact.
 */
export interface AssistantCaller {
  contact: ContactPrincipal;
  tenantId: string;
  language: Language;
  defaultLanguage: string;
  settings: PortalSettings;
  sections: { tickets: boolean; kb: boolean; selfService: boolean };
}

export function callerOf(contact: ContactPrincipal, defaultLanguage: string): AssistantCaller | null {
  const settings = resolvePortalSettings(contact.portalSettingsRaw);
  const on = (s: keyof PortalSettings['sections']) => sectionEnabled(settings.sections[s], contact.customerId);
  if (!on('assistant')) return null;
  return {
    contact,
    tenantId: contact.tenantId,
    language: isLanguage(contact.language) ? contact.language : 'en',
    defaultLanguage,
    settings,
    sections: { tickets: on('tickets'), kb: on('kb'), selfService: on('selfService') },
  };
}

/** AI-2: with the Assistant section off for the contact's customer, every assistant route answers 404. */
export function assistantCaller(req: FastifyRequest): AssistantCaller {
  const caller = callerOf(contactOf(req), tenantOf(req).defaultLanguage);
  if (!caller) throw new AppError('NOT_FOUND');
  return caller;
}
