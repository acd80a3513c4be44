import type { MailSettings, mailSettingsPatchSchema } from '@porta/contracts/mail';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { decrypt, encrypt } from '../../platform/crypto/keys.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError, isUniqueViolation } from '../../platform/errors.ts';
import { parseRelayUrl, type SmtpTarget } from '../../platform/mail/smtp-target.ts';
import { tenantUrl } from '../../platform/tenancy/tenant-address.ts';
import type { StoredMailSettings, StoredServer } from './mail-settings.model.ts';
import * as repo from './mail-settings.repo.ts';

export interface TenantMailIdentity {
  id: string;
  slug: string;
  name: string;
  defaultLanguage: string;
  /** Links in mails start here: the configured portal address, else `tenantUrl`; never a request's Host. */
  portalUrl: string;
  /** `<slug>@<PORTA_MAIL_DOMAIN>`: replies come back to it. */
  inboundAddress: string;
  from: { name: string; address: string };
}

export async function tenantIdentity(ctx: AppContext, db: Db, tenantId: string, settings?: StoredMailSettings): Promise<TenantMailIdentity> {
  const tenant = await repo.findTenant(db, tenantId);
  if (!tenant) throw new AppError('TENANT_NOT_FOUND');
  const s = settings ?? (await repo.readMailSettings(db, tenantId));
  // The configured portal address wins; else the address the resolver answers for this tenant.
  const portalUrl = s.portalAddress ?? (await tenantUrl({ db, config: ctx.config }, tenant));
  const inboundAddress = `${tenant.slug}@${ctx.config.mail.domain}`;
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    defaultLanguage: tenant.default_language,
    portalUrl: portalUrl.replace(/\/+$/, ''),
    inboundAddress,
    from: { name: s.fromName ?? tenant.name, address: s.fromAddress ?? inboundAddress },
  };
}

/** Where this tenant's mail goes: its own SMTP server, else the global relay, else nowhere (held). */
export function deliveryTarget(ctx: AppContext, s: StoredMailSettings): SmtpTarget | null {
  if (s.smtp) return serverTarget(ctx, s.smtp);
  return ctx.config.mail.relay ? parseRelayUrl(ctx.config.mail.relay) : null;
}

export function serverTarget(ctx: AppContext, s: StoredServer): SmtpTarget {
  return { host: s.host, port: s.port, secure: s.secure, user: s.user ?? undefined, password: s.passwordEnc ? decrypt(ctx.keys, s.passwordEnc) : undefined, tenantChosen: true };
}

function presentServer(s: StoredServer) {
  return { host: s.host, port: s.port, secure: s.secure, user: s.user, passwordSet: s.passwordEnc !== null };
}

export async function getMailSettings(ctx: AppContext, tenantId: string): Promise<MailSettings> {
  const [s, addresses] = await Promise.all([repo.readMailSettings(ctx.db, tenantId), repo.listInboundAddresses(ctx.db, tenantId)]);
  const id = await tenantIdentity(ctx, ctx.db, tenantId, s);
  return {
    portalAddress: s.portalAddress,
    effectivePortalAddress: id.portalUrl,
    fromName: s.fromName,
    fromAddress: s.fromAddress,
    smtp: s.smtp ? presentServer(s.smtp) : null,
    imap: s.imap ? { ...presentServer(s.imap), mailbox: s.imap.mailbox } : null,
    unknownSenders: s.unknownSenders,
    defaultInboundAddress: id.inboundAddress,
    inboundAddresses: addresses,
    delivery: s.smtp ? 'tenant' : ctx.config.mail.relay ? 'relay' : 'none',
  };
}

type ServerPatch = NonNullable<z.infer<typeof mailSettingsPatchSchema>['smtp']>;

function mergeServer(ctx: AppContext, current: StoredServer | null, patch: ServerPatch): StoredServer {
  const keep = current && current.host === patch.host && current.user === (patch.user ?? null) ? current.passwordEnc : null;
  return {
    host: patch.host,
    port: patch.port,
    secure: patch.secure,
    user: patch.user ?? null,
    passwordEnc: patch.password === undefined ? keep : patch.password === null ? null : encrypt(ctx.keys, patch.password),
  };
}

/** Saves a patch; an extra inbound address held by another tenant is refused, nothing half written. */
export async function updateMailSettings(ctx: AppContext, tenantId: string, patch: z.infer<typeof mailSettingsPatchSchema>): Promise<MailSettings> {
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const current = await repo.readMailSettingsForUpdate(trx, tenantId);
      const next: StoredMailSettings = {
        ...current,
        ...(patch.portalAddress !== undefined && { portalAddress: patch.portalAddress }),
        ...(patch.fromName !== undefined && { fromName: patch.fromName }),
        ...(patch.fromAddress !== undefined && { fromAddress: patch.fromAddress }),
        ...(patch.unknownSenders !== undefined && { unknownSenders: patch.unknownSenders }),
        ...(patch.smtp !== undefined && { smtp: patch.smtp === null ? null : mergeServer(ctx, current.smtp, patch.smtp) }),
        ...(patch.imap !== undefined && { imap: patch.imap === null ? null : { ...mergeServer(ctx, current.imap, patch.imap), mailbox: patch.imap.mailbox } }),
      };
      await repo.writeMailSettings(trx, tenantId, next);
      if (patch.inboundAddresses !== undefined) {
        const own = `@${ctx.config.mail.domain}`;
        if (patch.inboundAddresses.some((a) => a.endsWith(own))) throw new AppError('MAIL_ADDRESS_TAKEN');
        await repo.replaceInboundAddresses(trx, tenantId, [...new Set(patch.inboundAddresses)]);
      }
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('MAIL_ADDRESS_TAKEN');
    throw err;
  }
  return getMailSettings(ctx, tenantId);
}
