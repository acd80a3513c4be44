import { actionSchema } from '@porta/agent-protocol';
import { z } from 'zod';
import { commandStatusSchema } from './devices.ts';

/**
 * The assistant's API (issue 13 item 6, pinned). `interpretation` is what the assistant
 * understood, whether or not anything ran; `cards` is what the portal draws beside the text.
 */
export const assistantIntentSchema = z.enum(['action', 'install', 'kb', 'ticket', 'ticket_status', 'other']);
export type AssistantIntent = z.infer<typeof assistantIntentSchema>;

/** The five device actions as the assistant API names them (the agent protocol spells them with hyphens). */
export const assistantActionSchema = z.enum(['restart', 'lock', 'shutdown', 'reset_password', 'logout']);
export type AssistantAction = z.infer<typeof assistantActionSchema>;

export const interpretationSchema = z.object({
  intent: assistantIntentSchema,
  action: assistantActionSchema.optional(),
  packageId: z.string().nullable().optional(),
  /** KB articles that answer it, best first. */
  articleIds: z.array(z.string()).optional(),
});
export type Interpretation = z.infer<typeof interpretationSchema>;

export const assistantMessageBodySchema = z.strictObject({
  sessionId: z.uuid().optional(),
  text: z.string().trim().min(1).max(2000),
});

/** What the portal draws under a reply. */
export const assistantCardSchema = z.discriminatedUnion('kind', [
  /** A proposed or running self-service action: "send code", code entry, live progress. */
  z.object({
    kind: z.literal('action'),
    deviceId: z.uuid(),
    deviceName: z.string(),
    action: actionSchema,
    packageId: z.uuid().nullable(),
    packageName: z.string().nullable(),
    /** The self-service request once one exists (a code was sent), else null. */
    requestId: z.uuid().nullable(),
    /**
     * proposed → (awaiting-approval →) (awaiting-confirmation →) awaiting-code → confirmed (then the
     * command's status) / cancelled / expired / refused / denied (a primary contact said no).
     */
    state: z.enum(['proposed', 'awaiting-confirmation', 'awaiting-approval', 'awaiting-code', 'confirmed', 'cancelled', 'expired', 'refused', 'denied']),
    commandStatus: commandStatusSchema.nullable(),
    /** Issue 13 item 5: a primary contact's decision on this request (approval mode). */
    decision: z.object({ approved: z.boolean(), by: z.string(), reason: z.string().nullable() }).optional(),
  }),
  /** The contact has several devices: which one? */
  z.object({ kind: z.literal('choose-device'), action: actionSchema, packageId: z.uuid().nullable(), devices: z.array(z.object({ id: z.uuid(), name: z.string(), os: z.string() })) }),
  /** KB articles cited, best first (links to the portal's article pages). */
  z.object({ kind: z.literal('articles'), articles: z.array(z.object({ id: z.uuid(), title: z.string(), url: z.string() })) }),
  /** A ticket the assistant opened or found. */
  z.object({ kind: z.literal('ticket'), ticketId: z.uuid(), number: z.number().int(), title: z.string(), status: z.string() }),
  /** The contact's tickets ("where is my ticket"). */
  z.object({ kind: z.literal('tickets'), tickets: z.array(z.object({ ticketId: z.uuid(), number: z.number().int(), title: z.string(), status: z.string(), updatedAt: z.string() })) }),
]);
export type AssistantCard = z.infer<typeof assistantCardSchema>;

export const assistantMessageSchema = z.object({
  id: z.uuid(),
  role: z.enum(['contact', 'assistant']),
  text: z.string(),
  cards: z.array(assistantCardSchema),
  createdAt: z.string(),
});
export type AssistantMessage = z.infer<typeof assistantMessageSchema>;

export const assistantAnswerSchema = z.object({
  sessionId: z.uuid(),
  reply: z.string(),
  interpretation: interpretationSchema,
  message: assistantMessageSchema,
});
export type AssistantAnswer = z.infer<typeof assistantAnswerSchema>;

/**
 * With `Accept: text/event-stream` the same POST streams: `delta` events `{text}` (the reply,
 * piece by piece), then one `done` event holding the whole `AssistantAnswer`; `error` `{code, message}`.
 */
export const assistantStreamDeltaSchema = z.object({ text: z.string() });

export const assistantSessionSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  ticketId: z.uuid().nullable(),
});
export const assistantSessionListSchema = z.object({ items: z.array(assistantSessionSummarySchema) });
export const assistantSessionSchema = assistantSessionSummarySchema.extend({ messages: z.array(assistantMessageSchema) });
export type AssistantSession = z.infer<typeof assistantSessionSchema>;
