import { isIP } from 'node:net';
import { resolveOutbound } from '../../platform/net/outbound-guard.ts';
import type { AppContext } from '../../platform/context.ts';
import { readMailSettings, tenantsWithImap } from '../mail/mail-settings.repo.ts';
import { serverTarget } from '../mail/mail-settings.service.ts';
import type { WorkerLog } from '../mail/worker-log.ts';

/**
 * T-9, optional: fetches unseen messages from each tenant's IMAP mailbox and feeds them to the
 * same pipeline as the SMTP receiver. A message is flagged \Seen only after it was recorded;
 * a crash in between refetches it, and dedup (Message-ID, content hash) keeps it to one ticket.
 */
export async function pollTenantMailbox(ctx: AppContext, log: WorkerLog, tenantId: string): Promise<number> {
  const s = await readMailSettings(ctx.db, tenantId);
  if (!s.imap) return 0;
  // Loaded here, not at start: most installs have no tenant with a mailbox (issue 16 item 4: memory).
  const [{ ImapFlow }, { receiveMail }] = await Promise.all([import('imapflow'), import('./inbound.service.ts')]);
  const target = serverTarget(ctx, s.imap);
  // The tenant chose this server: connect to the address the outbound guard resolved, naming the host for TLS.
  const address = await resolveOutbound(target.host, ctx.config.outboundAllowPrivate);
  const client = new ImapFlow({
    host: address,
    ...(address !== target.host && !isIP(target.host) && { servername: target.host }),
    port: target.port,
    secure: target.secure,
    auth: { user: target.user ?? '', pass: target.password ?? '' },
    logger: false,
  });
  await client.connect();
  let handled = 0;
  try {
    const lock = await client.getMailboxLock(s.imap.mailbox);
    try {
      const unseen = await client.search({ seen: false }, { uid: true });
      for (const uid of unseen || []) {
        const msg = await client.fetchOne(String(uid), { source: true }, { uid: true });
        if (!msg || !msg.source) continue;
        await receiveMail(ctx, log, tenantId, msg.source, null);
        await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
        handled++;
      }
    } finally {
      lock.release();
    }
  } finally {
    await client.logout().catch(() => undefined);
  }
  return handled;
}

export function startImapPoller(ctx: AppContext, log: WorkerLog): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const tick = async () => {
    for (const tenantId of await tenantsWithImap(ctx.db).catch(() => [] as string[])) {
      if (stopped) return;
      await pollTenantMailbox(ctx, log, tenantId).catch((err: unknown) => log.warn({ tenantId, err: err instanceof Error ? err.message : String(err) }, 'IMAP poll failed'));
    }
    if (!stopped) timer = setTimeout(() => void tick(), ctx.config.mail.imapPollMs).unref();
  };
  timer = setTimeout(() => void tick(), 1000).unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
