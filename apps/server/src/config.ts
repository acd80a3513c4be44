import path from 'node:path';
import { z } from 'zod';
import { defaultPoolSize } from './platform/db/pool-size.ts';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no'])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const envSchema = z.object({
  NODE_ENV: z.string().default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  PORTA_DATA_DIR: z.string().default('./data'),
  PORTA_BASE_DOMAIN: z.string().default('localhost'),
  PORTA_PUBLIC_URL: z.string().url().optional(),
  PORTA_SECRET_KEY: z.string().min(32).optional(),
  PORTA_SETUP_TOKEN: z.string().min(16).optional(),
  PORTA_ADMIN_EMAIL: z.string().email().optional(),
  PORTA_ADMIN_PASSWORD: z.string().min(10).optional(),
  PORTA_TENANT_SLUG: z.string().default('default'),
  PORTA_TENANT_NAME: z.string().default('My MSP'),
  PORTA_TRUST_PROXY: bool.default(false),
  PORTA_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(120),
  PORTA_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).default(24),
  PORTA_SESSION_CACHE_MS: z.coerce.number().int().min(0).max(60_000).default(5000),
  PORTA_WEB_DIST: z.string().optional(),
  /** Built agent executables offered for download (issue 12); default `<repo>/dist/agent`. */
  PORTA_AGENT_DIST: z.string().optional(),
  PORTA_ATTACHMENTS_DIR: z.string().optional(),
  PORTA_ATTACHMENT_MAX_MB: z.coerce.number().min(1).max(2048).default(25),
  PORTA_DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  PORTA_DB_NAMED_STATEMENTS: bool.default(true),
  /** V8's old-generation growth per collection, in percent (0 = V8's own choice): platform/runtime/heap-growth.ts. */
  /** The embedded database's shared_buffers (platform/db/embedded.ts). */
  PORTA_PGLITE_SHARED_BUFFERS_MB: z.coerce.number().int().min(1).max(4096).default(32),
  PORTA_HEAP_GROWTH_PERCENT: z.coerce.number().int().min(0).max(400).default(70),
  PORTA_SMTP_RELAY: z.string().regex(/^smtps?:\/\//, 'smtp://[user:pass@]host:port or smtps://…').optional(),
  PORTA_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  PORTA_SMTP_BIND: z.string().default('0.0.0.0'),
  PORTA_MAIL_DOMAIN: z.string().optional(),
  PORTA_MAIL_WORKER: bool.default(true),
  PORTA_MAIL_WORKER_TENANTS: z.string().regex(/^[0-9a-f-]{36}(,[0-9a-f-]{36})*$/).optional(),
  PORTA_MAIL_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1000),
  PORTA_MAIL_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(8),
  PORTA_MAIL_RETRY_BASE_MS: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
  PORTA_MAIL_LEASE_MS: z.coerce.number().int().min(100).max(3_600_000).default(120_000),
  PORTA_OUTBOX_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  PORTA_OUTBOX_DEAD_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
  PORTA_OUTBOX_PRUNE_INTERVAL_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  PORTA_OUTBOX_VACUUM_EVERY: z.coerce.number().int().min(0).max(10_000_000).default(5000),
  PORTA_MAIL_DOMAIN_HOURLY_LIMIT: z.coerce.number().int().min(0).max(100_000).default(20),
  PORTA_IMAP_POLL_MS: z.coerce.number().int().min(1000).max(3_600_000).default(60_000),
  PORTA_MAIL_TEST_PAUSE_AFTER_SEND_MS: z.coerce.number().int().min(0).max(600_000).default(0),
  PORTA_OUTBOUND_ALLOW_PRIVATE: bool.optional(),
  /** The same switch under the name issue 15 gives it; either one turns it on. */
  PORTA_ALLOW_PRIVATE_TARGETS: bool.optional(),
  /** Multiplies the request-rate limits on searches and uploads (platform/http/rate-limits.ts). */
  PORTA_RATE_LIMIT_FACTOR: z.coerce.number().min(1).max(100_000).default(1),
  /** Turns on `GET /metrics` (Prometheus), answered only with `Authorization: Bearer <token>`. */
  PORTA_METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional(),
  /** D-2: DNS servers custom domains are checked against (`host[:port]`, comma-separated); default: the system's. */
  PORTA_DNS_SERVERS: z
    .string()
    .regex(/^[^,\s]+(,[^,\s]+)*$/, 'host[:port],host[:port]…')
    .optional(),
  /** D-2: minutes between periodic re-checks of every custom domain. */
  PORTA_DOMAIN_CHECK_MINUTES: z.coerce.number().int().min(1).max(10_080).default(60),
  /** D-2: consecutive failed re-checks before a verified domain stops routing (the grace period). */
  PORTA_DOMAIN_FAILURES_ALLOWED: z.coerce.number().int().min(1).max(100).default(3),
  PORTA_SMS_TENANT_HOURLY_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(500),
  /** D-3: `off` (behind a reverse proxy), `acme` (Porta orders certificates) or `file` (an operator's wildcard). */
  PORTA_TLS: z.enum(['off', 'acme', 'file']).optional(),
  PORTA_HTTPS_PORT: z.coerce.number().int().min(0).max(65535).default(443),
  PORTA_ACME_DIRECTORY_URL: z.string().url().default('https://acme-v02.api.letsencrypt.org/directory'),
  PORTA_ACME_EMAIL: z.string().email().optional(),
  /** A CA bundle the ACME client (only) trusts for the directory's HTTPS: a private ACME server. */
  PORTA_ACME_CA_FILE: z.string().optional(),
  PORTA_ACME_RETRY_BASE_MS: z.coerce.number().int().min(1000).max(86_400_000).default(300_000),
  PORTA_ACME_CHECK_MS: z.coerce.number().int().min(1000).max(86_400_000).default(3_600_000),
  PORTA_TLS_CERT_FILE: z.string().optional(),
  PORTA_TLS_KEY_FILE: z.string().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  baseDomain: string;
  publicUrl: string | undefined;
  secretKey: string | undefined;
  setupToken: string | undefined;
  bootstrapAdmin: { email: string; password: string; slug: string; name: string } | undefined;
  trustProxy: boolean;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  sessionCacheMs: number;
  webDist: string | undefined;
  agentDist: string | undefined;
  /** The database pool's size: `PORTA_DB_POOL_SIZE`, or platform/db/pool-size.ts's default for the engine. */
  dbPoolSize: number;
  /** Send parameterised queries as named prepared statements (platform/db/named-statements.ts); off behind a transaction-mode pooler. */
  dbNamedStatements: boolean;
  heapGrowthPercent: number;
  pgliteSharedBuffersMb: number;
  attachmentsDir: string;
  attachmentMaxBytes: number;
  logLevel: string;
  mail: MailConfig;
  /** Tenant-chosen outbound URLs may reach private/loopback addresses: off unless the operator sets PORTA_OUTBOUND_ALLOW_PRIVATE. */
  outboundAllowPrivate: boolean;
  /** SS-6: at most this many verification codes per tenant per hour. */
  smsTenantHourlyLimit: number;
  /** PORTA_RATE_LIMIT_FACTOR: every request-rate limit times this. */
  rateLimitFactor: number;
  /** PORTA_METRICS_TOKEN: `/metrics` is off without it. */
  metricsToken: string | undefined;
  /** D-2: custom-domain checks (`PORTA_DNS_SERVERS`, `PORTA_DOMAIN_CHECK_MINUTES`, `PORTA_DOMAIN_FAILURES_ALLOWED`). */
  domains: { dnsServers: string[] | undefined; checkMs: number; failuresAllowed: number };
  tls: TlsConfig;
}

/** D-3: how Porta gets its HTTPS certificates (docs/OPERATIONS.md, "HTTPS"). */
export interface TlsConfig {
  mode: 'off' | 'acme' | 'file';
  httpsPort: number;
  acmeDirectoryUrl: string;
  acmeEmail: string | undefined;
  acmeCaFile: string | undefined;
  /** First retry after a failed order; doubled after each further failure (capped at a day). */
  retryBaseMs: number;
  /** How often the node looks for hosts to certify and certificates to renew. */
  checkMs: number;
  certFile: string | undefined;
  keyFile: string | undefined;
}

export interface MailConfig {
  /** Global outbound relay (`PORTA_SMTP_RELAY`); a tenant's own SMTP settings take precedence. */
  relay: string | undefined;
  /** Built-in SMTP receiver port; undefined = no receiver. */
  receiverPort: number | undefined;
  receiverHost: string;
  /** Inbound addresses are `<slug>@<domain>`; outbound From defaults to it. */
  domain: string;
  worker: boolean;
  /** Limit the worker to these tenants (sharding across worker processes; tests). */
  workerTenants: string[] | undefined;
  pollMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  leaseMs: number;
  /** Issue 16: done rows are pruned after this many days, dead ones after `deadRetentionDays`; held and pending never. */
  retentionDays: number;
  deadRetentionDays: number;
  /** How often a worker prunes (one node at a time: an advisory lock). */
  pruneIntervalMs: number;
  /** The worker vacuums the outbox after this many finished rows (0 = never; autovacuum alone). */
  vacuumEvery: number;
  domainHourlyLimit: number;
  imapPollMs: number;
  /** Test hook (the kill -9 test): pause between the SMTP send and marking the mail sent. */
  pauseAfterSendMs: number;
}

/** The one place that reads the environment. Throws a readable message on bad values. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(e.PORTA_DATA_DIR),
    baseDomain: e.PORTA_BASE_DOMAIN.toLowerCase(),
    publicUrl: e.PORTA_PUBLIC_URL,
    secretKey: e.PORTA_SECRET_KEY,
    setupToken: e.PORTA_SETUP_TOKEN,
    bootstrapAdmin:
      e.PORTA_ADMIN_EMAIL && e.PORTA_ADMIN_PASSWORD
        ? { email: e.PORTA_ADMIN_EMAIL, password: e.PORTA_ADMIN_PASSWORD, slug: e.PORTA_TENANT_SLUG, name: e.PORTA_TENANT_NAME }
        : undefined,
    trustProxy: e.PORTA_TRUST_PROXY,
    sessionIdleMs: e.PORTA_SESSION_IDLE_MINUTES * 60_000,
    sessionAbsoluteMs: e.PORTA_SESSION_ABSOLUTE_HOURS * 3_600_000,
    sessionCacheMs: e.PORTA_SESSION_CACHE_MS,
    webDist: e.PORTA_WEB_DIST,
    agentDist: e.PORTA_AGENT_DIST,
    dbPoolSize: e.PORTA_DB_POOL_SIZE ?? defaultPoolSize(e.DATABASE_URL ? 'postgres' : 'pglite'),
    dbNamedStatements: e.PORTA_DB_NAMED_STATEMENTS,
    heapGrowthPercent: e.PORTA_HEAP_GROWTH_PERCENT,
    pgliteSharedBuffersMb: e.PORTA_PGLITE_SHARED_BUFFERS_MB,
    attachmentsDir: path.resolve(e.PORTA_ATTACHMENTS_DIR ?? path.join(e.PORTA_DATA_DIR, 'attachments')),
    attachmentMaxBytes: Math.round(e.PORTA_ATTACHMENT_MAX_MB * 1024 * 1024),
    logLevel: e.LOG_LEVEL,
    outboundAllowPrivate: e.PORTA_OUTBOUND_ALLOW_PRIVATE ?? e.PORTA_ALLOW_PRIVATE_TARGETS ?? false,
    metricsToken: e.PORTA_METRICS_TOKEN,
    rateLimitFactor: e.PORTA_RATE_LIMIT_FACTOR,
    smsTenantHourlyLimit: e.PORTA_SMS_TENANT_HOURLY_LIMIT,
    domains: {
      dnsServers: e.PORTA_DNS_SERVERS?.split(','),
      checkMs: e.PORTA_DOMAIN_CHECK_MINUTES * 60_000,
      failuresAllowed: e.PORTA_DOMAIN_FAILURES_ALLOWED,
    },
    tls: {
      // Certificate files given without PORTA_TLS mean the operator's wildcard.
      mode: e.PORTA_TLS ?? (e.PORTA_TLS_CERT_FILE && e.PORTA_TLS_KEY_FILE ? 'file' : 'off'),
      httpsPort: e.PORTA_HTTPS_PORT,
      acmeDirectoryUrl: e.PORTA_ACME_DIRECTORY_URL,
      acmeEmail: e.PORTA_ACME_EMAIL,
      acmeCaFile: e.PORTA_ACME_CA_FILE,
      retryBaseMs: e.PORTA_ACME_RETRY_BASE_MS,
      checkMs: e.PORTA_ACME_CHECK_MS,
      certFile: e.PORTA_TLS_CERT_FILE,
      keyFile: e.PORTA_TLS_KEY_FILE,
    },
    mail: {
      relay: e.PORTA_SMTP_RELAY,
      receiverPort: e.PORTA_SMTP_PORT,
      receiverHost: e.PORTA_SMTP_BIND,
      domain: (e.PORTA_MAIL_DOMAIN ?? e.PORTA_BASE_DOMAIN).toLowerCase(),
      worker: e.PORTA_MAIL_WORKER,
      workerTenants: e.PORTA_MAIL_WORKER_TENANTS?.split(','),
      pollMs: e.PORTA_MAIL_POLL_MS,
      maxAttempts: e.PORTA_MAIL_MAX_ATTEMPTS,
      retryBaseMs: e.PORTA_MAIL_RETRY_BASE_MS,
      leaseMs: e.PORTA_MAIL_LEASE_MS,
      retentionDays: e.PORTA_OUTBOX_RETENTION_DAYS,
      deadRetentionDays: e.PORTA_OUTBOX_DEAD_RETENTION_DAYS,
      pruneIntervalMs: e.PORTA_OUTBOX_PRUNE_INTERVAL_MS,
      vacuumEvery: e.PORTA_OUTBOX_VACUUM_EVERY,
      domainHourlyLimit: e.PORTA_MAIL_DOMAIN_HOURLY_LIMIT,
      imapPollMs: e.PORTA_IMAP_POLL_MS,
      pauseAfterSendMs: e.PORTA_MAIL_TEST_PAUSE_AFTER_SEND_MS,
    },
  };
}
