import tls from 'node:tls';
import type { AppContext } from '../../platform/context.ts';
import { decrypt } from '../../platform/crypto/keys.ts';
import { findCertificate, listCertificates } from './tls.repo.ts';

/**
 * The certificates this node serves, by host, as ready TLS contexts (built once, not per
 * handshake). Filled from the database at start and kept current through the bus: a
 * certificate issued or dropped on any node is reloaded (or forgotten) on every node.
 */
export class CertificateStore {
  private contexts = new Map<string, { context: tls.SecureContext; notAfter: Date }>();

  constructor(private readonly ctx: Pick<AppContext, 'db' | 'keys' | 'bus'>) {}

  async loadAll(): Promise<void> {
    const next = new Map<string, { context: tls.SecureContext; notAfter: Date }>();
    for (const row of await listCertificates(this.ctx.db)) {
      const entry = this.build(row);
      if (entry) next.set(row.host, entry);
    }
    this.contexts = next;
  }

  async reload(host: string): Promise<void> {
    const row = await findCertificate(this.ctx.db, host);
    const entry = row ? this.build(row) : null;
    if (entry) this.contexts.set(host, entry);
    else this.contexts.delete(host);
  }

  /** Adds a host's certificate directly (a benchmark of the SNI path; the server uses the database). */
  put(host: string, cert: string, key: string, notAfter: Date): void {
    this.contexts.set(host, { context: tls.createSecureContext({ cert, key }), notAfter });
  }

  private build(row: { cert_pem: string | null; key_sealed: string | null; not_after: Date | null }) {
    if (!row.cert_pem || !row.key_sealed || !row.not_after) return null;
    return { context: tls.createSecureContext({ cert: row.cert_pem, key: decrypt(this.ctx.keys, row.key_sealed) }), notAfter: row.not_after };
  }

  /** Starts following `tls.changed`; answers the unsubscribe. */
  listen(onError: (err: unknown) => void): () => void {
    return this.ctx.bus.subscribe((e) => {
      if (e.topic === 'tls.changed') this.reload(e.host).catch(onError);
    });
  }

  /** The context for a host, unless it has none or it expired. */
  contextFor(servername: string): tls.SecureContext | undefined {
    const entry = this.contexts.get(servername.toLowerCase());
    return entry && entry.notAfter.getTime() > Date.now() ? entry.context : undefined;
  }

  hosts(): string[] {
    return [...this.contexts.keys()];
  }

  /** For `tls.createServer({ SNICallback })`: an unknown name fails the handshake (no default certificate to leak). */
  readonly sniCallback = (servername: string, done: (err: Error | null, ctx?: tls.SecureContext) => void): void => {
    const context = this.contextFor(servername);
    if (context) done(null, context);
    else done(new Error(`no certificate for ${servername}`));
  };
}
