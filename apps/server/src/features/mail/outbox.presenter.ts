import type { AppContext } from '../../platform/context.ts';
import type { MailRow } from './outbox.repo.ts';
import { headersOf, textOf, type QueuedMail } from './queued-mail.ts';

export function presentMail(row: MailRow) {
  const mail = row.payload as QueuedMail;
  return {
    id: row.id,
    kind: mail.kind,
    to: mail.to.name ? `${mail.to.name} <${mail.to.address}>` : mail.to.address,
    subject: mail.subject,
    messageId: mail.messageId,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === 'pending' ? row.available_at.toISOString() : null,
    createdAt: row.created_at.toISOString(),
    processedAt: row.processed_at?.toISOString() ?? null,
  };
}

/** With body and headers; a sensitive mail's body is gone once it was sent. */
export function presentMailDetail(ctx: AppContext, row: MailRow) {
  const mail = row.payload as QueuedMail;
  return { ...presentMail(row), body: textOf(ctx, mail), headers: headersOf(mail) };
}
