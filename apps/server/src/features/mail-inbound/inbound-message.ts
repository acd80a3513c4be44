import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import { bareAddress, oneLine } from '../../platform/mail/header-safety.ts';
import { htmlToText } from './html-to-text.ts';

export { htmlToText };

export interface InboundAttachment {
  filename: string;
  content: Buffer;
}

/** A received mail reduced to what Porta uses. */
export interface InboundMessage {
  messageId: string | null;
  /** In-Reply-To then References, newest first: where a reply belongs. */
  threadRefs: string[];
  from: { address: string; name: string } | null;
  subject: string;
  /** Plain text; an HTML-only mail is sanitised down to its text (never shown as HTML). */
  text: string;
  attachments: InboundAttachment[];
  /** What marks automatic mail: Auto-Submitted, Precedence, X-Autoreply, List-Id, Content-Type. */
  headers: { autoSubmitted: string; precedence: string; autoReply: boolean; listId: boolean; contentType: string };
  contentHash: string;
}

export class UnreadableMail extends Error {}

function headerText(parsed: ParsedMail, name: string): string {
  const v = parsed.headers.get(name);
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && 'value' in v && typeof v.value === 'string') return v.value;
  return String(v);
}

function idList(v: string | string[] | undefined): string[] {
  if (!v) return [];
  return (Array.isArray(v) ? v : v.split(/\s+/)).map((s) => s.trim()).filter((s) => /^<[^<>\s]+>$/.test(s));
}

/**
 * Parses a raw message. A message without a sender address or without any header is
 * unreadable: the caller keeps it in the failed-mail store.
 */
export async function parseInbound(raw: Buffer): Promise<InboundMessage> {
  const head = raw.subarray(0, 64 * 1024).toString('latin1');
  if (!/^[\x21-\x39\x3b-\x7e]+:/m.test(head)) throw new UnreadableMail('no header');
  const parsed = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true });
  const sender = parsed.from?.value.find((a) => a.address)?.address;
  if (!sender || !sender.includes('@')) throw new UnreadableMail('no sender address');
  const text = parsed.text?.trim() ? parsed.text : typeof parsed.html === 'string' ? htmlToText(parsed.html) : '';
  const messageId = parsed.messageId && /^<[^<>\s]+>$/.test(parsed.messageId.trim()) ? parsed.messageId.trim() : null;
  const subject = oneLine(parsed.subject ?? '', 300);
  const from = { address: bareAddress(sender), name: oneLine(parsed.from?.value[0]?.name ?? '', 120) };
  return {
    messageId,
    threadRefs: [...new Set([...idList(parsed.inReplyTo), ...idList(parsed.references).reverse()])],
    from,
    subject,
    text,
    attachments: parsed.attachments.filter((a) => a.contentDisposition !== 'inline' || a.filename).map((a) => ({ filename: oneLine(a.filename ?? 'attachment', 200), content: a.content })),
    headers: {
      autoSubmitted: headerText(parsed, 'auto-submitted').toLowerCase(),
      precedence: headerText(parsed, 'precedence').toLowerCase(),
      autoReply: parsed.headers.has('x-autoreply') || parsed.headers.has('x-autorespond') || parsed.headers.has('x-auto-response-suppress'),
      // mailparser gathers List-* headers under `list`.
      listId: parsed.headers.has('list-id') || parsed.headers.has('list'),
      contentType: headerText(parsed, 'content-type').toLowerCase(),
    },
    // Same sender, subject, date and body = the same message, whatever relays added on the way.
    contentHash: createHash('sha256').update([from.address, subject, parsed.date?.toISOString() ?? '', text].join('\u0000')).digest('base64url'),
  };
}

/** Automatic mail (auto-replies, bounces, bulk): no ticket, no answer. The reason, or null. */
export function automaticReason(m: InboundMessage, envelopeFrom: string | null): string | null {
  const local = m.from?.address.split('@')[0] ?? '';
  if (m.headers.autoSubmitted && m.headers.autoSubmitted !== 'no') return 'auto-submitted';
  if (['bulk', 'junk', 'list', 'auto_reply'].includes(m.headers.precedence)) return 'precedence';
  if (/^(mailer-daemon|postmaster)$/i.test(local)) return 'mailer-daemon';
  if (envelopeFrom === '') return 'null-sender';
  if (m.headers.contentType.startsWith('multipart/report')) return 'delivery-report';
  if (m.headers.autoReply) return 'auto-reply';
  if (m.headers.listId) return 'mailing-list';
  return null;
}

/** The new part of a reply: everything above Porta's reply marker, or above the quoted block. */
export function replyText(text: string, marker: RegExp): string {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const cut = lines.findIndex((l) => marker.test(l));
  let kept = cut >= 0 ? lines.slice(0, cut) : lines;
  // "On Mon, … wrote:" followed by quoted lines.
  const quoteStart = kept.findIndex((l, i) => /^>/.test(l) && (i === 0 || kept.slice(i).every((x) => /^>|^\s*$/.test(x))));
  if (quoteStart >= 0) kept = kept.slice(0, quoteStart);
  while (kept.length > 0 && (/^\s*$/.test(kept[kept.length - 1] ?? '') || /wrote:\s*$|a écrit\s*:\s*$|schrieb\s.*:\s*$|escribió:\s*$|ha scritto:\s*$/i.test(kept[kept.length - 1] ?? ''))) kept = kept.slice(0, -1);
  return kept.join('\n').trim();
}
