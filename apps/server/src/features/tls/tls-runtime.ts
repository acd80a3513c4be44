import fs from 'node:fs';
import https from 'node:https';
import type http from 'node:http';
import type { AppContext } from '../../platform/context.ts';
import { startCertificateManager } from './cert-manager.ts';
import { CertificateStore } from './cert-store.ts';
import { readCertificateFiles, watchCertificateFiles } from './file-cert.ts';
import { hostsToCertify, isServedHost, noCustomDomains, type CustomDomainSource } from './hosts-to-certify.ts';
import { createHttpListener } from './http-listener.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;
interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface TlsRuntime {
  /** For Fastify's `serverFactory`: the HTTPS server the app answers on. */
  serverFactory: (handler: Handler) => https.Server;
  /** After the app listens on PORTA_HTTPS_PORT: the HTTP listener, the watchers, the manager. */
  start(log: Log): Promise<{ httpPort: number; stop(): Promise<void> }>;
}

/**
 * PORTA_TLS=acme or file (serve.ts). Fastify keeps its build/listen split: the app is built
 * on the HTTPS server made here and listens on PORTA_HTTPS_PORT; PORT becomes the plain-HTTP
 * listener (ACME challenges, redirects to HTTPS).
 */
export async function prepareTls(ctx: AppContext, opts: { customDomains?: CustomDomainSource; now?: () => Date } = {}): Promise<TlsRuntime> {
  const { tls: conf } = ctx.config;
  const customDomains = opts.customDomains ?? noCustomDomains;
  let server: https.Server | null = null;
  let store: CertificateStore | null = null;
  let initial: { cert: string; key: string } | null = null;
  if (conf.mode === 'file') {
    if (!conf.certFile || !conf.keyFile) throw new Error('PORTA_TLS=file needs PORTA_TLS_CERT_FILE and PORTA_TLS_KEY_FILE');
    initial = readCertificateFiles({ cert: conf.certFile, key: conf.keyFile });
  } else {
    store = new CertificateStore(ctx);
    await store.loadAll();
  }
  const serverFactory = (handler: Handler) => {
    server = initial ? https.createServer({ ...initial }, handler) : https.createServer({ SNICallback: store?.sniCallback }, handler);
    return server;
  };
  return {
    serverFactory,
    async start(log) {
      const stops: (() => void)[] = [];
      if (conf.mode === 'file' && conf.certFile && conf.keyFile) {
        stops.push(
          watchCertificateFiles(
            { cert: conf.certFile, key: conf.keyFile },
            (pair) => {
              server?.setSecureContext(pair);
              log.info({ file: conf.certFile }, 'TLS: certificate files reloaded');
            },
            (err) => log.warn({ err }, 'TLS: the changed certificate files do not load; still serving the previous pair'),
          ),
        );
      }
      if (store) {
        stops.push(store.listen((err) => log.warn({ err }, 'TLS: could not reload a certificate')));
        const ca = conf.acmeCaFile ? fs.readFileSync(conf.acmeCaFile, 'utf8') : undefined;
        stops.push(
          startCertificateManager(
            ctx,
            {
              hosts: () => hostsToCertify(ctx, customDomains),
              order: async (host) => (await import('./acme-order.ts')).orderCertificate(ctx, { directoryUrl: conf.acmeDirectoryUrl, email: conf.acmeEmail, ca }, host),
              now: opts.now ?? (() => new Date()),
              retryBaseMs: conf.retryBaseMs,
              log,
            },
            conf.checkMs,
          ),
        );
      }
      const httpServer = createHttpListener({
        db: ctx.db,
        isServed: (host) => isServedHost(ctx, host, customDomains),
        httpsPort: conf.httpsPort,
        onError: (err) => log.warn({ err }, 'TLS: HTTP listener error'),
      });
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(ctx.config.port, ctx.config.host, () => resolve());
      });
      const address = httpServer.address();
      return {
        httpPort: typeof address === 'object' && address ? address.port : ctx.config.port,
        async stop() {
          stops.forEach((stop) => stop());
          await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        },
      };
    },
  };
}
