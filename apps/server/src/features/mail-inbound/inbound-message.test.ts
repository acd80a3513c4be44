import { describe, expect, it } from 'vitest';
import { automaticReason, htmlToText, parseInbound, replyText, UnreadableMail } from './inbound-message.ts';
import { oneLine, domainOf } from '../../platform/mail/header-safety.ts';
import { renderTemplate } from '../mail/mail-template.ts';
import { parseTicketRef, refMatches, ticketRef } from '../mail/ticket-ref.ts';
import { deriveKeys } from '../../platform/crypto/keys.ts';

const MARKER = /^[>\s]*-- .{5,80} --\s*$/;
const raw = (headers: string[], body = 'Hello') => Buffer.from([...headers, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'));

describe('inbound message parsing and classification', () => {
  it('reads sender, subject, thread references (In-Reply-To first) and a stable content hash', async () => {
    const m = await parseInbound(raw(['From: "Ann" <ANN@Example.COM>', 'Subject: Hi', 'Message-ID: <a@x>', 'In-Reply-To: <p@x>', 'References: <r1@x> <p@x>', 'Date: Mon, 02 Nov 2026 10:00:00 +0000']));
    expect(m.from).toEqual({ address: 'ann@example.com', name: 'Ann' });
    expect(m.threadRefs).toEqual(['<p@x>', '<r1@x>']);
    const again = await parseInbound(Buffer.concat([Buffer.from('Received: from elsewhere\r\n'), raw(['From: "Ann" <ANN@Example.COM>', 'Subject: Hi', 'Message-ID: <a@x>', 'Date: Mon, 02 Nov 2026 10:00:00 +0000'])]));
    expect(again.contentHash).toBe(m.contentHash);
  });

  it('refuses a message without headers or without a sender address', async () => {
    await expect(parseInbound(Buffer.from('just text\r\n'))).rejects.toBeInstanceOf(UnreadableMail);
    await expect(parseInbound(raw(['Subject: no sender']))).rejects.toBeInstanceOf(UnreadableMail);
  });

  it('classifies automatic mail and lets a person through', async () => {
    const base = ['From: a@x.example', 'Subject: s'];
    expect(automaticReason(await parseInbound(raw([...base, 'Auto-Submitted: auto-replied'])), 'a@x.example')).toBe('auto-submitted');
    expect(automaticReason(await parseInbound(raw([...base, 'Auto-Submitted: no'])), 'a@x.example')).toBeNull();
    expect(automaticReason(await parseInbound(raw([...base, 'Precedence: junk'])), 'a@x.example')).toBe('precedence');
    expect(automaticReason(await parseInbound(raw(['From: MAILER-DAEMON@x.example', 'Subject: s'])), 'a@x.example')).toBe('mailer-daemon');
    expect(automaticReason(await parseInbound(raw(base)), '')).toBe('null-sender');
    expect(automaticReason(await parseInbound(raw(base)), 'a@x.example')).toBeNull();
  });

  it('keeps only the new part of a reply', () => {
    expect(replyText('Thanks!\n\n> -- Write your reply above this line --\n> old', MARKER)).toBe('Thanks!');
    expect(replyText('Done.\n\nOn Mon, Bob wrote:\n> quoted\n> more', MARKER)).toBe('Done.');
    expect(replyText('Line one\n> inline quote\nLine two', MARKER)).toBe('Line one\n> inline quote\nLine two');
  });

  it('reduces HTML to text: no tag, script or style survives', () => {
    expect(htmlToText('<style>p{}</style><p>A &amp; B</p><script>x()</script><img src=x onerror=y()><div>C</div>')).toBe('A & B\nC');
  });
});

describe('header safety, templates and ticket references', () => {
  it('turns line breaks and control characters into spaces', () => {
    expect(oneLine('Hello\r\nBcc: x@evil.example\u0000!')).toBe('Hello Bcc: x@evil.example !');
    expect(domainOf('A@Customer.COM.')).toBe('customer.com');
  });

  it('fills known placeholders and leaves unknown ones visible', () => {
    expect(renderTemplate('Hi {{ contact.name }}, {{x.y}}', { 'contact.name': 'Ann' })).toBe('Hi Ann, {{x.y}}');
  });

  it('signs references per tenant and ticket', () => {
    const keys = deriveKeys('unit-test-master-key-32-characters!!');
    const ref = ticketRef(keys, 't1', { id: 'k1', number: 1042 });
    const parsed = parseTicketRef(`Re: Printer ${ref}`);
    expect(parsed?.number).toBe(1042);
    expect(refMatches(keys, 't1', 'k1', parsed?.signature ?? '')).toBe(true);
    expect(refMatches(keys, 't2', 'k1', parsed?.signature ?? '')).toBe(false);
    expect(refMatches(keys, 't1', 'k2', parsed?.signature ?? '')).toBe(false);
  });
});
