import type { AppContext } from '../../platform/context.ts';
import { closeTransports } from '../../platform/mail/smtp-target.ts';
import { startImapPoller } from '../mail-inbound/imap-poller.ts';
import type { SmtpReceiver } from '../mail-inbound/smtp-receiver.ts';
import { OutboxWorker } from './outbox-worker.ts';
import type { WorkerLog } from './worker-log.ts';

export interface MailRuntime {
  receiver: SmtpReceiver | null;
  stop(): Promise<void>;
}

/** What the server runs for mail: the outbox worker, the SMTP receiver (PORTA_SMTP_PORT) and the IMAP poller. */
export async function startMail(ctx: AppContext, log: WorkerLog): Promise<MailRuntime> {
  const worker = ctx.config.mail.worker ? new OutboxWorker(ctx, log) : null;
  worker?.start();
  const { receiverPort, receiverHost } = ctx.config.mail;
  // The receiver (smtp-server, mailparser) is loaded only when it listens (issue 16 item 4: memory).
  const receiver = receiverPort === undefined ? null : await (await import('../mail-inbound/smtp-receiver.ts')).startSmtpReceiver(ctx, log, receiverPort, receiverHost);
  if (receiver) log.info({ port: receiver.port }, 'SMTP receiver listening');
  if (!ctx.config.mail.relay) log.info({}, 'no PORTA_SMTP_RELAY: mail goes out only for tenants with their own SMTP server; the rest is kept in the console outbox');
  const stopImap = startImapPoller(ctx, log);
  return {
    receiver,
    async stop() {
      stopImap();
      await worker?.stop();
      await receiver?.close();
      closeTransports();
    },
  };
}
