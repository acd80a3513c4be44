import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { WEBHOOK_TEST_EVENT, type webhookEndpointCreateSchema, type webhookEndpointUpdateSchema, type webhookDeliveryQuerySchema } from '@porta/contracts/webhooks';
import type { AppContext } from '../../platform/context.ts';
import { encrypt } from '../../platform/crypto/keys.ts';
import { AppError } from '../../platform/errors.ts';
import { checkOutboundUrl, OutboundRefused } from '../../platform/net/outbound-guard.ts';
import * as repo from './webhooks.repo.ts';
import { messageIdOf, newWebhookSecret } from './webhook-signature.ts';

/** A URL the outbound guard refuses outright (http:// or a literal private address, outside PORTA_ALLOW_PRIVATE_TARGETS). Names are checked again at every connection. */
function assertTarget(ctx: AppContext, url: string): void {
  try {
    checkOutboundUrl(url, ctx.config.outboundAllowPrivate);
  } catch (err) {
    if (err instanceof OutboundRefused || err instanceof TypeError) throw new AppError('OUTBOUND_URL_REFUSED');
    throw err;
  }
}

export async function mustFindEndpoint(ctx: AppContext, tenantId: string, id: string) {
  const row = await repo.findEndpoint(ctx.db, tenantId, id);
  if (!row) throw new AppError('WEBHOOK_NOT_FOUND');
  return row;
}

/** Creates an endpoint; its secret is answered here and never again. */
export async function createEndpoint(ctx: AppContext, tenantId: string, body: z.infer<typeof webhookEndpointCreateSchema>) {
  assertTarget(ctx, body.url);
  const secret = newWebhookSecret();
  const id = await repo.insertEndpoint(ctx.db, tenantId, { url: body.url, description: body.description, eventTypes: [...new Set(body.eventTypes)], enabled: body.enabled, secretEnc: encrypt(ctx.keys, secret) });
  return { endpoint: await mustFindEndpoint(ctx, tenantId, id), secret };
}

export async function updateEndpoint(ctx: AppContext, tenantId: string, id: string, body: z.infer<typeof webhookEndpointUpdateSchema>) {
  if (body.url !== undefined) assertTarget(ctx, body.url);
  const changed = await repo.updateEndpoint(ctx.db, tenantId, id, {
    ...(body.url !== undefined && { url: body.url }),
    ...(body.description !== undefined && { description: body.description }),
    ...(body.eventTypes !== undefined && { event_types: [...new Set(body.eventTypes)] }),
    ...(body.enabled !== undefined && { enabled: body.enabled }),
  });
  if (!changed) throw new AppError('WEBHOOK_NOT_FOUND');
  return mustFindEndpoint(ctx, tenantId, id);
}

export async function deleteEndpoint(ctx: AppContext, tenantId: string, id: string): Promise<void> {
  if (!(await repo.deleteEndpoint(ctx.db, tenantId, id))) throw new AppError('WEBHOOK_NOT_FOUND');
}

export async function listDeliveries(ctx: AppContext, tenantId: string, endpointId: string, q: z.infer<typeof webhookDeliveryQuerySchema>) {
  await mustFindEndpoint(ctx, tenantId, endpointId);
  return repo.listDeliveries(ctx.db, tenantId, endpointId, q);
}

/** "Send again": the same message (id and body) through the outbox once more. */
export async function redeliver(ctx: AppContext, tenantId: string, endpointId: string, deliveryId: string) {
  await mustFindEndpoint(ctx, tenantId, endpointId);
  const found = await repo.findDelivery(ctx.db, tenantId, endpointId, deliveryId);
  if (!found) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
  const queued = await ctx.db.transaction().execute((trx) => repo.requeueDelivery(trx, tenantId, endpointId, deliveryId));
  // Not requeued: it is pending already, or it went with its endpoint since it was read.
  if (!queued) throw new AppError((await repo.findDelivery(ctx.db, tenantId, endpointId, deliveryId)) ? 'WEBHOOK_DELIVERY_PENDING' : 'WEBHOOK_DELIVERY_NOT_FOUND');
  return mustFindDelivery(ctx, tenantId, endpointId, deliveryId);
}

/** "Send test": a `webhook.test` message to this endpoint, through the outbox like any other (enabled or not is not asked). */
export async function sendTest(ctx: AppContext, tenantId: string, endpointId: string) {
  const endpoint = await mustFindEndpoint(ctx, tenantId, endpointId);
  const body = JSON.stringify({ type: WEBHOOK_TEST_EVENT, timestamp: new Date().toISOString(), data: { endpointId: endpoint.id } });
  const id = await ctx.db.transaction().execute((trx) => repo.queueDelivery(trx, tenantId, { endpointId, messageId: messageIdOf(randomUUID()), eventType: WEBHOOK_TEST_EVENT, body }));
  return mustFindDelivery(ctx, tenantId, endpointId, id);
}

async function mustFindDelivery(ctx: AppContext, tenantId: string, endpointId: string, id: string) {
  const row = await repo.findDelivery(ctx.db, tenantId, endpointId, id);
  if (!row) throw new AppError('WEBHOOK_DELIVERY_NOT_FOUND');
  return row;
}
