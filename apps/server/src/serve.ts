import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { startSessionSweeper } from './platform/auth/session-sweeper.ts';
import { bootWith } from './platform/boot.ts';
import type { DatabaseHandle } from './platform/db/database.ts';
import { bootstrapFromEnv, prepareSetupToken } from './features/setup/setup.service.ts';
import { startMail } from './features/mail/mail-runtime.ts';
import { warmKbSearch } from './features/kb/search/kb-search-index.ts';
import { publicBaseUrl } from './platform/tenancy/tenant-address.ts';
import { startBanner } from './start-banner.ts';
import { startDomainRechecks } from './features/custom-domains/custom-domains.job.ts';
import { prepareTls } from './features/tls/tls-runtime.ts';
import { verifiedCustomDomains } from './features/custom-domains/tls-hosts.ts';

/** Migrates, builds the app and listens; main.ts hands over an open database. */
export async function serve(config: Config, opened: DatabaseHandle): Promise<void> {
  const { ctx, handle, keyGenerated } = await bootWith(config, opened);
  // D-3: with PORTA_TLS on, the app answers on an HTTPS server (SNI) and PORT becomes the
  // plain-HTTP listener for ACME challenges and redirects; verified custom domains are certified too.
  const tlsRuntime = config.tls.mode === 'off' ? null : await prepareTls(ctx, { customDomains: verifiedCustomDomains });
  const { app } = await buildApp(ctx, { pool: handle.pool, ...(tlsRuntime && { serverFactory: tlsRuntime.serverFactory }) });
  const log = app.log;
  if (keyGenerated && handle.engine === 'postgres') {
    log.warn('PORTA_SECRET_KEY is not set: using a key generated and kept in the database. Set it in production (docs/OPERATIONS.md).');
  }
  if (await bootstrapFromEnv(ctx)) log.info({ email: config.bootstrapAdmin?.email }, 'created the first tenant and admin from PORTA_ADMIN_EMAIL');
  const stopSweeper = startSessionSweeper(ctx);
  const stopDomainRechecks = startDomainRechecks(ctx, (err) => log.warn({ err }, 'custom-domain re-check failed'));
  const mail = await startMail(ctx, log);
  const stopKbWarmUp = warmKbSearch(ctx, (err) => log.warn({ err }, 'could not build the knowledge-base search index at start; it is built on the first search'));

  let tlsListener: Awaited<ReturnType<NonNullable<typeof tlsRuntime>['start']>> | null = null;
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    stopSweeper();
    stopDomainRechecks();
    stopKbWarmUp();
    await tlsListener?.stop();
    await mail.stop();
    await app.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: tlsRuntime ? config.tls.httpsPort : config.port, host: config.host });
  if (tlsRuntime) {
    tlsListener = await tlsRuntime.start(log);
    log.info({ mode: config.tls.mode, httpsPort: config.tls.httpsPort, httpPort: tlsListener.httpPort }, 'HTTPS is on');
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  log.info({ db: handle.engine, url: publicBaseUrl({ ...config, port }) }, 'Porta is listening');
  // Printed once, on purpose: the operator needs the set-up link to create the first admin.
  process.stdout.write(await startBanner(ctx, port, await prepareSetupToken(ctx)));
}
