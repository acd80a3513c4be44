import nodemailer, { type Transporter } from 'nodemailer';

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

/** One pooled nodemailer transport per distinct target, reused across sends. */
export function transportFor(t: SmtpTarget): Transporter {
  const key = JSON.stringify([t.host, t.port, t.secure, t.user ?? '', t.password ?? '', t.allowInvalidCert === true]);
  let transport = transports.get(key);
  if (!transport) {
    transport = nodemailer.createTransport({
      host: t.host,
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
