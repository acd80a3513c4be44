import { isIP } from 'node:net';
import type { Transporter } from 'nodemailer';
import { resolveOutbound } from '../net/outbound-guard.ts';

/** Where outgoing mail goes: the tenant's own SMTP server or the global relay. */
export interface SmtpTarget {
  host: string;
  port: number;
  /** Implicit TLS (smtps, usually 465); otherwise STARTTLS is used when the server offers it. */
  secure: boolean;
  user?: string | undefined;
  password?: string | undefined;
  /** Accept a self-signed or mismatched certificate (private relays); off unless set. */
  allowInvalidCert?: boolean | undefined;
  /** A tenant typed it (its own SMTP server): connected to only through the outbound guard. The operator's relay is not. */
  tenantChosen?: boolean | undefined;
}

/** `smtp://[user:pass@]host:port` or `smtps://…` (PORTA_SMTP_RELAY); `?tls=insecure` accepts a self-signed certificate. */
export function parseRelayUrl(url: string): SmtpTarget {
  const u = new URL(url);
  const secure = u.protocol === 'smtps:';
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : secure ? 465 : 25,
    secure,
    user: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    allowInvalidCert: u.searchParams.get('tls') === 'insecure',
  };
}

/** Host and port only: what may be logged or shown (never the credentials). */
export function describeTarget(t: SmtpTarget): string {
  return `${t.secure ? 'smtps' : 'smtp'}://${t.host}:${t.port}`;
}

const transports = new Map<string, Transporter>();

/**
 * One pooled nodemailer transport per distinct target, reused across sends. A tenant's own
 * server is resolved through the outbound guard at every send (loopback, private, link-local and
 * metadata addresses refused unless PORTA_OUTBOUND_ALLOW_PRIVATE) and the transport connects to
 * that address, presenting and verifying the host's name for TLS; a new address, a new transport.
 */
export async function transportFor(t: SmtpTarget, allowPrivate: boolean): Promise<Transporter> {
  const address = t.tenantChosen ? await resolveOutbound(t.host, allowPrivate) : t.host;
  // nodemailer loads with the first send: a node that sends no mail never holds it (issue 16 item 4).
  // Awaited before the lookup, so nothing runs between finding no transport and keeping the new one.
  const { default: nodemailer } = await import('nodemailer');
  const key = JSON.stringify([t.host, address, t.port, t.secure, t.user ?? '', t.password ?? '', t.allowInvalidCert === true]);
  let transport = transports.get(key);
  if (!transport) {
    transport = nodemailer.createTransport({
      host: address,
      ...(address !== t.host && !isIP(t.host) && { servername: t.host }),
      port: t.port,
      secure: t.secure,
      pool: true,
      maxConnections: 3,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(t.allowInvalidCert && { tls: { rejectUnauthorized: false } }),
      ...(t.user && { auth: { user: t.user, pass: t.password ?? '' } }),
    });
    if (transports.size > 200) closeTransports();
    transports.set(key, transport);
  }
  return transport;
}

export function closeTransports(): void {
  for (const t of transports.values()) t.close();
  transports.clear();
}
