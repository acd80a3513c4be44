import { WEBHOOK_TEST_EVENT } from '@porta/contracts/webhooks';
import type { AppContext } from '../../platform/context.ts';
import { decrypt } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/db.ts';
import { outboundRequest, OutboundRefused } from '../../platform/net/outbound-guard.ts';
import * as outbox from '../mail/outbox.repo.ts';
import type { ClaimedRow } from '../mail/outbox.repo.ts';
import * as repo from './webhooks.repo.ts';
import { webhookHeaders } from './webhook-signature.ts';

const TIMEOUT_MS = 10_000;

/** A failed attempt the worker retries with backoff (then dead). */
export class WebhookAttemptFailed extends Error {}

function deliveryIdOf(row: { payload: unknown }): string | null {
  const id = (row.payload as { deliveryId?: unknown } | null)?.deliveryId;
  return typeof id === 'string' ? id : null;
}

/**
 * The outbox worker's delivery of topic `webhook`: POST the stored body, byte for byte, signed
 * afresh (Standard Webhooks: the timestamp is the attempt's). Any 2xx is delivered; a redirect
 * is not followed and counts as a failure, like any other status or a network error (retried
 * by the worker with backoff). A target the outbound guard refuses (loopback, private,
 * link-local, metadata, after DNS) or a disabled endpoint ends the delivery at once: dead.
 */
export async function deliverWebhook(ctx: AppContext, row: ClaimedRow): Promise<'sent' | 'dead' | 'done'> {
  const tenantId = row.tenant_id;
  const id = deliveryIdOf(row);
  const d = id ? await repo.deliveryToSend(ctx.db, tenantId, id) : undefined;
  if (!d || d.status !== 'pending') {
    await outbox.markDone(ctx.db, tenantId, row.id);
    return 'done';
  }
  const final = (status: 'delivered' | 'dead', responseStatus: number | null, error: string | null) =>
    ctx.db.transaction().execute(async (trx) => {
      await repo.recordAttempt(trx, tenantId, d.id, { status, responseStatus, error });
      await outbox.markDone(trx, tenantId, row.id);
    });
  // A disabled endpoint gets no more events, retries included; the console's test still goes.
  if (!d.enabled && d.event_type !== WEBHOOK_TEST_EVENT) {
    await final('dead', null, 'endpoint disabled');
    return 'dead';
  }
  const timestamp = Math.floor(Date.now() / 1000);
  let status: number;
  try {
    const headers = webhookHeaders(decrypt(ctx.keys, d.secret_enc), d.message_id, timestamp, d.body);
    status = (await outboundRequest({ url: d.url, method: 'POST', headers, body: d.body, allowPrivate: ctx.config.outboundAllowPrivate, timeoutMs: TIMEOUT_MS })).status;
  } catch (err) {
    if (err instanceof OutboundRefused || err instanceof TypeError) {
      await final('dead', null, err instanceof OutboundRefused ? err.message : 'invalid URL');
      return 'dead';
    }
    const message = err instanceof Error ? err.message : String(err);
    await repo.recordAttempt(ctx.db, tenantId, d.id, { responseStatus: null, error: message });
    throw new WebhookAttemptFailed(message);
  }
  if (status >= 200 && status < 300) {
    await final('delivered', status, null);
    return 'sent';
  }
  const message = `HTTP ${status}${status >= 300 && status < 400 ? ' (redirects are not followed)' : ''}`;
  await repo.recordAttempt(ctx.db, tenantId, d.id, { responseStatus: status, error: message });
  throw new WebhookAttemptFailed(message);
}

/** The worker gave up on the outbox row: the delivery is dead too. */
export async function giveUpWebhook(trx: Db, tenantId: string, payload: unknown): Promise<void> {
  const id = deliveryIdOf({ payload });
  if (id) await repo.markDead(trx, tenantId, id);
}
