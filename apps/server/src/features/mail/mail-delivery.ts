import type { AppContext } from '../../platform/context.ts';
import { describeTarget, type SmtpTarget, transportFor } from '../../platform/mail/smtp-target.ts';
import { readMailSettings } from './mail-settings.repo.ts';
import { brandedMailHtml } from '../branding/mail-html.ts';
import { type MailBrand, mailBrand } from '../branding/branding.service.ts';
import { deliveryTarget, tenantIdentity, type TenantMailIdentity } from './mail-settings.service.ts';
import type { ClaimedRow } from './outbox.repo.ts';
import * as outbox from './outbox.repo.ts';
import { textOf, type QueuedMail } from './queued-mail.ts';
import type { WorkerLog } from './worker-log.ts';

/** Each tenant's SMTP target and brand, read once per claimed batch rather than once per mail. */
export class TargetCache {
  private readonly byTenant = new Map<string, Promise<SmtpTarget | null>>();
  private readonly brands = new Map<string, Promise<MailBrand>>();
  private readonly identities = new Map<string, Promise<TenantMailIdentity>>();
  /** D-4: the brand as it is when the mail is sent; its logo on the address the mail's links use. */
  brandOf(tenantId: string): Promise<MailBrand> {
    let found = this.brands.get(tenantId);
    if (!found) {
      found = this.identityOf(tenantId).then((id) => mailBrand(this.ctx.db, id, id.portalUrl));
      this.brands.set(tenantId, found);
    }
    return found;
  }
  /** The tenant's sender identity and portal address (the brand's logo address). */
  private identityOf(tenantId: string): Promise<TenantMailIdentity> {
    let found = this.identities.get(tenantId);
    if (!found) {
      found = tenantIdentity(this.ctx, this.ctx.db, tenantId);
      this.identities.set(tenantId, found);
    }
    return found;
  }
  constructor(private readonly ctx: AppContext) {}
  of(tenantId: string): Promise<SmtpTarget | null> {
    let found = this.byTenant.get(tenantId);
    if (!found) {
      found = readMailSettings(this.ctx.db, tenantId).then((s) => deliveryTarget(this.ctx, s));
      this.byTenant.set(tenantId, found);
    }
    return found;
  }
}

/**
 * Sends one queued mail. With no SMTP for the tenant (no own server, no global relay) the
 * mail is held: kept in the outbox for the console, logged without its body.
 * Sent → marked done; a sensitive mail (credentials, reset link) loses its text then.
 */
export async function deliverMail(ctx: AppContext, log: WorkerLog, row: ClaimedRow, targets: TargetCache): Promise<'sent' | 'held'> {
  const mail = row.payload as QueuedMail;
  const target = await targets.of(row.tenant_id);
  if (!target) {
    await holdMails(ctx, log, row.tenant_id, [row]);
    return 'held';
  }
  const text = textOf(ctx, mail) ?? '';
  const html = brandedMailHtml(await targets.brandOf(row.tenant_id), text);
  const info = await (await transportFor(target, ctx.config.outboundAllowPrivate)).sendMail({
    messageId: mail.messageId,
    from: mail.from,
    to: mail.to,
    ...(mail.replyTo && { replyTo: mail.replyTo }),
    subject: mail.subject,
    text,
    html,
    ...(mail.inReplyTo && { inReplyTo: mail.inReplyTo }),
    ...(mail.references.length > 0 && { references: mail.references }),
    headers: { 'Auto-Submitted': 'auto-generated', ...(mail.ticketId && { 'X-Porta-Ticket': mail.ticketId }) },
  });
  log.debug({ mailId: row.id, messageId: mail.messageId, via: describeTarget(target), response: info.response }, 'mail sent');
  if (ctx.config.mail.pauseAfterSendMs > 0) {
    // Test hook for the crash test: the mail is out, not yet marked sent.
    process.stdout.write(`porta-mail-sent ${row.id} ${mail.messageId}\n`);
    await new Promise((r) => setTimeout(r, ctx.config.mail.pauseAfterSendMs));
  }
  const sealed = mail.textEnc !== null ? { ...mail, textEnc: null, text: null } : undefined;
  await outbox.markDone(ctx.db, row.tenant_id, row.id, sealed);
  return 'sent';
}

/** Mails of a tenant with no SMTP (no own server, no global relay): kept in the outbox for the console, in one update, each logged without its body. */
export async function holdMails(ctx: AppContext, log: WorkerLog, tenantId: string, rows: ClaimedRow[]): Promise<void> {
  for (const row of rows) {
    const mail = row.payload as QueuedMail;
    log.info({ mailId: row.id, tenantId, kind: mail.kind, to: mail.to.address, subject: mail.subject }, 'no SMTP configured: mail kept in the outbox');
  }
  await outbox.markFinalMany(ctx.db, tenantId, rows.map((r) => r.id), 'held', null);
}
