import type { WebhookEventType } from '@porta/contracts/webhooks';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { findCommand } from '../agent-commands/commands.repo.ts';
import { withEvents } from '../agent-commands/commands.service.ts';
import { presentContact } from '../contacts/contacts.presenter.ts';
import { findContact } from '../contacts/contacts.repo.ts';
import { presentCommand } from '../devices/devices.presenter.ts';
import { presentComment, presentSummary } from '../tickets/tickets.presenter.ts';
import { findTicket, listComments } from '../tickets/tickets.repo.ts';
import type { ClaimedRow } from '../mail/outbox.repo.ts';
import * as repo from './webhooks.repo.ts';
import { messageIdOf } from './webhook-signature.ts';

/** Outbox topics (domain events) → the webhook event they are. */
const EVENT_OF_TOPIC: Record<string, WebhookEventType> = {
  'ticket.created': 'ticket.created',
  'ticket.updated': 'ticket.updated',
  'ticket.replied': 'ticket.commented',
  'ticket.status_changed': 'ticket.status_changed',
  'contact.created': 'contact.created',
  'device_action.finished': 'device_action.finished',
};

type Payload = Record<string, unknown>;
const str = (p: Payload, k: string): string | null => (typeof p[k] === 'string' ? p[k] : null);

/**
 * The event's `data`, built with the presenters the API answers an admin (and an admin's API
 * key) with: the ticket summary, the comment, the contact, the command. Nothing else (no
 * sealed columns, no password state beyond what the API shows). Null when the object is gone.
 */
async function dataOf(ctx: AppContext, db: Db, tenantId: string, type: WebhookEventType, p: Payload): Promise<Payload | null> {
  if (type === 'contact.created') {
    const id = str(p, 'contactId');
    const contact = id ? await findContact(db, tenantId, id) : undefined;
    return contact ? { contact: presentContact(contact) } : null;
  }
  if (type === 'device_action.finished') {
    const id = str(p, 'commandId');
    const row = id ? await findCommand(db, tenantId, id) : undefined;
    if (!row) return null;
    const [command] = await withEvents({ ...ctx, db }, tenantId, [row]);
    return command ? { deviceId: row.device_id, command: presentCommand(command) } : null;
  }
  const ticketId = str(p, 'ticketId');
  const row = ticketId ? await findTicket(db, tenantId, ticketId) : undefined;
  if (!row) return null;
  const ticket = { ...presentSummary(row), description: row.description };
  if (type === 'ticket.commented') {
    const commentId = str(p, 'commentId');
    const comment = (await listComments(db, tenantId, row.id, false)).find((c) => c.id === commentId);
    return comment ? { ticket, comment: presentComment(comment) } : null;
  }
  if (type === 'ticket.status_changed') return { ticket, from: str(p, 'from'), to: str(p, 'to') };
  return { ticket };
}

/**
 * Fan-out, in the worker, inside the transaction that marks the domain event done: one
 * delivery (and its outbox row) per enabled endpoint subscribed to the event, so the deliveries
 * exist if and only if the event was handled, exactly once. The body is serialised here, once.
 */
export async function fanOutWebhooks(ctx: AppContext, trx: Db, row: ClaimedRow): Promise<number> {
  const type = EVENT_OF_TOPIC[row.topic];
  if (!type) return 0;
  const endpoints = await repo.subscribedEndpoints(trx, row.tenant_id, type);
  if (endpoints.length === 0) return 0;
  const data = await dataOf(ctx, trx, row.tenant_id, type, (row.payload ?? {}) as Payload);
  if (!data) return 0;
  const messageId = messageIdOf(row.id);
  const body = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  for (const e of endpoints) await repo.queueDelivery(trx, row.tenant_id, { endpointId: e.id, messageId, eventType: type, body });
  return endpoints.length;
}
