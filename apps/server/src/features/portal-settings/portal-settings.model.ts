import type { DEFAULT_TICKET_FIELDS} from '@porta/contracts/portal-settings';
import { type FieldVisibility, type PortalSettings, portalSettingsSchema, type SectionSetting } from '@porta/contracts/portal-settings';
import { LANGUAGES } from '@porta/contracts/common';
import { DEFAULT_STATUSES } from '../ticket-statuses/ticket-statuses.repo.ts';
import { defaultWelcomeTemplate } from '../mail/mail-template.ts';

export type Section = keyof PortalSettings['sections'];

const DEFAULT_FIELD_VISIBILITY: Record<(typeof DEFAULT_TICKET_FIELDS)[number], FieldVisibility> = {
  priority: 'edit',
  type: 'edit',
  impact: 'hidden',
  assignee: 'readonly',
  dueDate: 'hidden',
};

export function defaultPortalSettings(): PortalSettings {
  return {
    sections: {
      tickets: { mode: 'all', customerIds: [] },
      kb: { mode: 'all', customerIds: [] },
      assistant: { mode: 'off', customerIds: [] },
      selfService: { mode: 'off', customerIds: [] },
    },
    tickets: { visibleStatuses: DEFAULT_STATUSES.map((s) => s.key), allowReopen: true },
    fieldVisibility: { ...DEFAULT_FIELD_VISIBILITY },
    welcomeEmail: { enabled: false, templates: defaultWelcomeTemplates() },
    assistant: { engine: 'builtin', model: { baseUrl: '', model: '', apiKeySet: false }, createsTicket: false, disableManualTickets: false },
  };
}

/** each language's template starts as the catalogue's text. */
function defaultWelcomeTemplates(): PortalSettings['welcomeEmail']['templates'] {
  return Object.fromEntries(LANGUAGES.map((l) => [l, defaultWelcomeTemplate(l)])) as PortalSettings['welcomeEmail']['templates'];
}

/** Stored settings over the defaults; anything unreadable falls back to the default. */
/**
 * Settings resolved from a stored object, by that object: a signed-in contact's principal (kept
 * a few seconds by the session cache) carries the same stored object on every request, so the
 * merge and schema check run once for it, not on every request (issue 16 item 1). The answer is
 * shared: callers read it, never change it.
 */
const resolved = new WeakMap<object, PortalSettings>();

/**
 * A tenant that never saved settings reads the defaults on every portal request: one frozen
 * object for all of them, built once (issue 16 item 1: the five welcome templates were
 * rendered again for every request, and a new object each time missed the presenter's cache).
 */
let sharedDefaults: PortalSettings | undefined;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

export function resolvePortalSettings(stored: unknown): PortalSettings {
  if (!stored || typeof stored !== 'object') return (sharedDefaults ??= deepFreeze(defaultPortalSettings()));
  let settings = resolved.get(stored);
  if (!settings) {
    settings = resolveStored(stored);
    resolved.set(stored, settings);
  }
  return settings;
}

function resolveStored(stored: object): PortalSettings {
  const base = defaultPortalSettings();
  const s = stored as Partial<PortalSettings>;
  const merged = {
    sections: { ...base.sections, ...(s.sections ?? {}) },
    tickets: { ...base.tickets, ...(s.tickets ?? {}) },
    fieldVisibility: { ...base.fieldVisibility, ...(s.fieldVisibility ?? {}) },
    welcomeEmail: { ...base.welcomeEmail, ...(s.welcomeEmail ?? {}), templates: { ...base.welcomeEmail.templates, ...(s.welcomeEmail?.templates ?? {}) } },
    assistant: { ...base.assistant, ...(s.assistant ?? {}), model: { ...base.assistant.model, ...(s.assistant?.model ?? {}) } },
  };
  const parsed = portalSettingsSchema.safeParse(merged);
  return parsed.success ? parsed.data : base;
}

export function sectionEnabled(setting: SectionSetting, customerId: string): boolean {
  if (setting.mode === 'all') return true;
  if (setting.mode === 'off') return false;
  return setting.customerIds.includes(customerId);
}

/** T-6: a custom field is `custom.<key>`; custom fields are hidden until an admin shows them. */
export function visibilityOf(settings: PortalSettings, field: string): FieldVisibility {
  return settings.fieldVisibility[field] ?? 'hidden';
}

/** AI-4: manual ticket creation is off for a contact only while the assistant is on for them (else they would have no way to ask). */
export function manualTicketsDisabled(settings: PortalSettings, customerId: string): boolean {
  return settings.assistant.disableManualTickets && sectionEnabled(settings.sections.assistant, customerId);
}
