import type { Readable } from 'node:stream';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { AppContext } from '../../platform/context.ts';
import type { WorkerLog } from '../mail/worker-log.ts';
import { receiveMail } from './inbound.service.ts';
import { tenantOfRecipient } from './recipient-tenant.ts';

export interface SmtpReceiver {
  port: number;
  close(): Promise<void>;
}

type Session = SMTPServerSession & { tenants?: Set<string> };

function smtpError(message: string, code: number): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

async function readAll(stream: Readable, max: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size <= max) chunks.push(chunk as Buffer);
  }
  return size > max ? null : Buffer.concat(chunks);
}

/**
 * T-9: the built-in SMTP receiver (`PORTA_SMTP_PORT`). A message is acknowledged (250) only
 * once it is recorded (ticket, comment, refusal, or the failed-mail store); if the database is
 * unreachable the answer is 451 and the sending server tries again later, which dedup makes safe.
 */
export async function startSmtpReceiver(ctx: AppContext, log: WorkerLog, port: number, host: string): Promise<SmtpReceiver> {
  const maxBytes = ctx.config.attachmentMaxBytes * 2 + 1024 * 1024;
  const server = new SMTPServer({
    name: ctx.config.mail.domain,
    banner: 'Porta',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    logger: false,
    onRcptTo(address, session: Session, callback) {
      tenantOfRecipient(ctx, address.address)
        .then((tenantId) => {
          if (!tenantId) return callback(smtpError('No such recipient here', 550));
          (session.tenants ??= new Set()).add(tenantId);
          callback();
        })
        .catch(() => callback(smtpError('Try again later', 451)));
    },
    onData(stream, session: Session, callback) {
      readAll(stream, maxBytes)
        .then(async (raw) => {
          if (!raw) return callback(smtpError('Message too large', 552));
          const envelopeFrom = session.envelope.mailFrom === false ? '' : (session.envelope.mailFrom.address ?? '');
          for (const tenantId of session.tenants ?? []) await receiveMail(ctx, log, tenantId, raw, envelopeFrom);
          callback();
        })
        .catch((err: unknown) => {
          log.error({ err: err instanceof Error ? err.message : String(err) }, 'inbound mail could not be recorded');
          callback(smtpError('Try again later', 451));
        });
    },
  });
  server.on('error', (err) => log.warn({ err: err.message }, 'SMTP receiver'));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
