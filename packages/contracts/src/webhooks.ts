import { z } from 'zod';
import { idSchema, pageSchema } from './common.ts';

/** Issue 15 item 1 (P-2): the events an endpoint may subscribe to. */
export const WEBHOOK_EVENT_TYPES = ['ticket.created', 'ticket.updated', 'ticket.commented', 'ticket.status_changed', 'contact.created', 'device_action.finished'] as const;
export const webhookEventTypeSchema = z.enum(WEBHOOK_EVENT_TYPES);
export type WebhookEventType = z.infer<typeof webhookEventTypeSchema>;
/** What the "send test" button sends; not subscribable. */
export const WEBHOOK_TEST_EVENT = 'webhook.test';

const urlSchema = z.string().trim().min(1).max(2000).pipe(z.url({ protocol: /^https?$/ }));
const eventTypesSchema = z.array(webhookEventTypeSchema).min(1).max(WEBHOOK_EVENT_TYPES.length);

export const webhookEndpointSchema = z.object({
  id: z.uuid(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(webhookEventTypeSchema),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;
export const webhookEndpointListSchema = z.object({ items: z.array(webhookEndpointSchema) });

export const webhookEndpointCreateSchema = z.strictObject({
  url: urlSchema,
  description: z.string().trim().max(200).default(''),
  eventTypes: eventTypesSchema,
  enabled: z.boolean().default(true),
});
export const webhookEndpointUpdateSchema = z.strictObject({
  url: urlSchema.optional(),
  description: z.string().trim().max(200).optional(),
  eventTypes: eventTypesSchema.optional(),
  enabled: z.boolean().optional(),
});
/** The signing secret (`whsec_…`) is answered once, at creation; the server keeps it sealed. */
export const webhookEndpointCreatedSchema = z.object({ endpoint: webhookEndpointSchema, secret: z.string() });

export const webhookDeliveryStatusSchema = z.enum(['pending', 'delivered', 'dead']);
export const webhookDeliverySchema = z.object({
  id: z.uuid(),
  endpointId: z.uuid(),
  messageId: z.string(),
  eventType: z.string(),
  status: webhookDeliveryStatusSchema,
  attempts: z.number().int(),
  responseStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  lastAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryPageSchema = pageSchema(webhookDeliverySchema);
export const webhookDeliveryQuerySchema = z.strictObject({
  status: webhookDeliveryStatusSchema.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export const webhookDeliveryParamsSchema = z.strictObject({ id: idSchema, deliveryId: idSchema });
