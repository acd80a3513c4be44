import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll } from 'vitest';
import type { AppContext } from '../platform/context.ts';
import { startSmtpReceiver, type SmtpReceiver } from '../features/mail-inbound/smtp-receiver.ts';
import { type TestApp, useTestApp } from './harness.ts';
import { OutboxWorker } from '../features/mail/outbox-worker.ts';
import { closeTransports } from '../platform/mail/smtp-target.ts';
import { silentLog } from '../features/mail/worker-log.ts';

export interface CaughtMail {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:<port>`: the relay URL for PORTA_SMTP_RELAY. */
  url: string;
  mails: CaughtMail[];
  /** Refuse every message with this SMTP code (a relay in trouble) until set back to null. */
  failWith: number | null;
  waitFor(match: (m: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  to(address: string): CaughtMail[];
  stop(): Promise<void>;
}

/** A real SMTP server on loopback (smtp-server) that keeps what it receives, parsed. */
export async function startSmtpSink(port = 0): Promise<SmtpSink> {
  const mails: CaughtMail[] = [];
  const waiters = new Set<() => void>();
  const sink: SmtpSink = {
    port: 0,
    url: '',
    mails,
    failWith: null,
    async waitFor(match, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = mails.find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`No matching mail within ${timeoutMs} ms (${mails.length} received)`);
        await new Promise<void>((resolve) => {
          const done = () => {
            waiters.delete(done);
            resolve();
          };
          waiters.add(done);
          setTimeout(done, 50);
        });
      }
    },
    to: (address) => mails.filter((m) => m.envelope.to.includes(address)),
    stop: () => {
      // Pooled client connections would hold the server's close for its 30 s timeout.
      closeTransports();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (sink.failWith) return callback(Object.assign(new Error('Refused by the test sink'), { responseCode: sink.failWith }));
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            mails.push({ envelope: { from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address, to: session.envelope.rcptTo.map((r) => r.address) }, raw, parsed });
            for (const w of [...waiters]) w();
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
  const address = server.server.address();
  sink.port = typeof address === 'object' && address ? address.port : port;
  sink.url = `smtp://127.0.0.1:${sink.port}`;
  return sink;
}

/** Environment for a test app whose mail goes to `sink` and retries fast. */
export function mailEnv(sink: SmtpSink | null, extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...(sink && { PORTA_SMTP_RELAY: sink.url }),
    PORTA_MAIL_DOMAIN: 'mail.porta.test',
    PORTA_MAIL_RETRY_BASE_MS: '20',
    PORTA_MAIL_LEASE_MS: '2000',
    PORTA_MAIL_POLL_MS: '50',
    PORTA_MAIL_MAX_ATTEMPTS: '3',
    ...extra,
  };
}

/** Runs the outbox worker for these tenants only (other test files' outboxes stay untouched) until nothing is due. */
export async function drainOutbox(ctx: AppContext, tenantIds: string[]): Promise<void> {
  await new OutboxWorker(ctx, silentLog, { onlyTenants: tenantIds }).drain();
}

/** Sends a raw message to an SMTP server on loopback (the built-in receiver), as a mail server would. */
export async function sendRaw(port: number, envelope: { from: string; to: string[] }, raw: string | Buffer): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  try {
    await transport.sendMail({ envelope, raw });
  } finally {
    transport.close();
  }
}

/** A plain RFC 5322 message. */
export function rawMail(h: { from: string; to: string; subject: string; messageId?: string; inReplyTo?: string; references?: string; extra?: Record<string, string>; date?: string }, body: string): string {
  const lines = [
    `From: ${h.from}`,
    `To: ${h.to}`,
    `Subject: ${h.subject}`,
    `Date: ${h.date ?? new Date().toUTCString()}`,
    ...(h.messageId ? [`Message-ID: ${h.messageId}`] : []),
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`] : []),
    ...(h.references ? [`References: ${h.references}`] : []),
    ...Object.entries(h.extra ?? {}).map(([k, v]) => `${k}: ${v}`),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ];
  return lines.join('\r\n');
}

export interface MailTestApp {
  t: TestApp;
  /** The loopback SMTP server the tenants' mail goes to. */
  readonly sink: SmtpSink;
  /** The built-in SMTP receiver on loopback (only with `receiver: true`). */
  readonly receiver: SmtpReceiver;
}

/** A test app with a loopback SMTP sink (and, if asked, Porta's SMTP receiver) started before the file's tests and stopped after. */
export function useMailTestApp(opts: { receiver?: boolean; env?: Record<string, string> } = {}): MailTestApp {
  const t = useTestApp({ env: mailEnv(null, opts.env) });
  let sink: SmtpSink | undefined;
  let receiver: SmtpReceiver | undefined;
  beforeAll(async () => {
    sink = await startSmtpSink();
    if (opts.receiver) receiver = await startSmtpReceiver(t.ctx, silentLog, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await receiver?.close();
    await sink?.stop();
  });
  return {
    t,
    get sink() {
      if (!sink) throw new Error('useMailTestApp(): the sink starts in beforeAll');
      return sink;
    },
    get receiver() {
      if (!receiver) throw new Error('useMailTestApp({ receiver: true }): the receiver starts in beforeAll');
      return receiver;
    },
  };
}
