import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/db.ts';
import { enqueueMany } from '../../platform/events/outbox.ts';
import { bareAddress, oneLine } from '../../platform/mail/header-safety.ts';

export type MailKind = 'welcome' | 'reset' | 'notification' | 'reject';

export interface MailAddress {
  name: string;
  address: string;
}

/** The payload of an outbox row of topic `mail`: everything needed to send it, fixed when queued. */
export interface QueuedMail {
  kind: MailKind;
  /** Stable from the moment it is queued: a repeated send after a crash carries the same one. */
  messageId: string;
  from: MailAddress;
  to: MailAddress;
  replyTo: string | null;
  subject: string;
  /** Plain text; absent when the mail is sensitive (then `textEnc`), and blanked after a sensitive mail is sent. */
  text: string | null;
  /** AES-GCM sealed text of a mail carrying a password or a reset link. */
  textEnc: string | null;
  inReplyTo: string | null;
  references: string[];
  ticketId: string | null;
}

export interface NewMail {
  kind: MailKind;
  from: MailAddress;
  to: MailAddress;
  replyTo?: string | undefined;
  subject: string;
  text: string;
  /** Holds credentials or a reset link: kept sealed, never shown once sent. */
  sensitive?: boolean;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  ticketId?: string | undefined;
}

const address = (a: MailAddress): MailAddress => ({ name: oneLine(a.name, 120), address: bareAddress(a.address) });

/** Writes one mail to the outbox in the caller's transaction; answers its Message-ID. */
export async function queueMail(ctx: AppContext, db: Db, tenantId: string, mail: NewMail): Promise<string> {
  const [messageId] = await queueMails(ctx, db, tenantId, [mail]);
  if (!messageId) throw new Error('no mail queued');
  return messageId;
}

/** Writes several mails to the outbox in one statement, in the caller's transaction; answers their Message-IDs in order. */
export async function queueMails(ctx: AppContext, db: Db, tenantId: string, mails: NewMail[]): Promise<string[]> {
  const rows = mails.map((mail) => queuedRow(ctx, mail));
  await enqueueMany(db, tenantId, 'mail', rows);
  return rows.map((r) => r.payload.messageId);
}

function queuedRow(ctx: AppContext, mail: NewMail): { id: string; payload: QueuedMail } {
  const id = randomUUID();
  const messageId = `<${id}@${ctx.config.mail.domain}>`;
  const payload: QueuedMail = {
    kind: mail.kind,
    messageId,
    from: address(mail.from),
    to: address(mail.to),
    replyTo: mail.replyTo ? bareAddress(mail.replyTo) : null,
    subject: oneLine(mail.subject, 250),
    text: mail.sensitive ? null : mail.text,
    textEnc: mail.sensitive ? encrypt(ctx.keys, mail.text) : null,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references ?? [],
    ticketId: mail.ticketId ?? null,
  };
  return { id, payload };
}

export function textOf(ctx: AppContext, mail: QueuedMail): string | null {
  if (mail.textEnc) return decrypt(ctx.keys, mail.textEnc);
  return mail.text;
}

/** The headers sent with the mail (also shown in the console outbox). */
export function headersOf(mail: QueuedMail): Record<string, string> {
  return {
    'Message-ID': mail.messageId,
    'Auto-Submitted': 'auto-generated',
    ...(mail.inReplyTo && { 'In-Reply-To': mail.inReplyTo }),
    ...(mail.references.length > 0 && { References: mail.references.join(' ') }),
    ...(mail.ticketId && { 'X-Porta-Ticket': mail.ticketId }),
  };
}
