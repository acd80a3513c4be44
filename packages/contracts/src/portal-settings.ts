import { z } from 'zod';
import { mailTemplateSchema } from './mail.ts';

export const sectionModeSchema = z.enum(['off', 'all', 'selected']);
export const sectionSettingSchema = z.object({ mode: sectionModeSchema, customerIds: z.array(z.uuid()).max(10_000) });
export type SectionSetting = z.infer<typeof sectionSettingSchema>;

/** Default ticket fields whose portal visibility an admin sets (T-6). Custom fields use `custom.<key>`. */
export const DEFAULT_TICKET_FIELDS = ['priority', 'type', 'impact', 'assignee', 'dueDate'] as const;
export const defaultFieldVisibilitySchema = z.enum(['edit', 'readonly', 'hidden']);
export const customFieldVisibilitySchema = z.enum(['edit', 'hidden']);
export type FieldVisibility = z.infer<typeof defaultFieldVisibilitySchema>;

/**
 * AI-2..AI-5: the assistant's options. `engine` 'builtin' needs no model; 'openai' talks to any
 * OpenAI-compatible chat-completions API (the key is write-only: only `apiKeySet` is shown).
 */
export const assistantEngineSchema = z.enum(['builtin', 'openai']);
export const assistantOptionsSchema = z.object({
  engine: assistantEngineSchema,
  model: z.object({ baseUrl: z.string(), model: z.string(), apiKeySet: z.boolean() }),
  /** AI-3: every chat session opens a ticket holding its transcript and actions. */
  createsTicket: z.boolean(),
  /** AI-4: contacts cannot open tickets by hand; the chat escalates instead. */
  disableManualTickets: z.boolean(),
});
export type AssistantOptions = z.infer<typeof assistantOptionsSchema>;
export const assistantOptionsPatchSchema = z.strictObject({
  engine: assistantEngineSchema.optional(),
  model: z
    .strictObject({
      baseUrl: z.union([z.url({ protocol: /^https?$/ }).max(500), z.literal('')]).optional(),
      model: z.string().trim().max(200).optional(),
      /** Write-only: a new key, or null to remove the stored one; left out keeps it. */
      apiKey: z.string().trim().min(1).max(500).nullable().optional(),
    })
    .optional(),
  createsTicket: z.boolean().optional(),
  disableManualTickets: z.boolean().optional(),
});

export const portalSettingsSchema = z.object({
  sections: z.object({
    tickets: sectionSettingSchema,
    kb: sectionSettingSchema,
    assistant: sectionSettingSchema,
    selfService: sectionSettingSchema,
  }),
  tickets: z.object({ visibleStatuses: z.array(z.string()), allowReopen: z.boolean() }),
  fieldVisibility: z.record(z.string(), defaultFieldVisibilitySchema),
  /** the welcome e-mail to new contacts, one template per language. */
  welcomeEmail: z.object({ enabled: z.boolean(), templates: z.object({ en: mailTemplateSchema, fr: mailTemplateSchema, de: mailTemplateSchema, es: mailTemplateSchema, it: mailTemplateSchema }) }),
  assistant: assistantOptionsSchema,
});
export type PortalSettings = z.infer<typeof portalSettingsSchema>;

export const portalSettingsPatchSchema = z.strictObject({
  sections: z
    .strictObject({
      tickets: sectionSettingSchema.strict().optional(),
      kb: sectionSettingSchema.strict().optional(),
      assistant: sectionSettingSchema.strict().optional(),
      selfService: sectionSettingSchema.strict().optional(),
    })
    .optional(),
  tickets: z.strictObject({ visibleStatuses: z.array(z.string().max(40)).max(100).optional(), allowReopen: z.boolean().optional() }).optional(),
  fieldVisibility: z.record(z.string().max(80), defaultFieldVisibilitySchema).optional(),
  welcomeEmail: z.strictObject({ enabled: z.boolean().optional(), templates: z.strictObject({ en: mailTemplateSchema.optional(), fr: mailTemplateSchema.optional(), de: mailTemplateSchema.optional(), es: mailTemplateSchema.optional(), it: mailTemplateSchema.optional() }).optional() }).optional(),
  assistant: assistantOptionsPatchSchema.optional(),
});

