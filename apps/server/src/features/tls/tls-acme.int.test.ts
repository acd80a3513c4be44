import { X509Certificate } from 'node:crypto';
import type http from 'node:http';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { startLoopbackDns, startPebble, type LoopbackDns, type Pebble } from '../../test/pebble.ts';
import { orderCertificate } from './acme-order.ts';
import { certificatePass, RENEW_BEFORE_MS, type ManagerDeps } from './cert-manager.ts';
import { CertificateStore } from './cert-store.ts';
import { hostsToCertify, isServedHost } from './hosts-to-certify.ts';
import { createHttpListener } from './http-listener.ts';
import { findCertificate } from './tls.repo.ts';

/**
 * D-3 against a real ACME server: Pebble validates HTTP-01 on Porta's HTTP listener, finding
 * it through a loopback DNS server; certificates are served by SNI on a real TLS listener and
 * checked with a real TLS client against Pebble's root.
 */
const BASE = 'acme.porta.test';
const t = useTestApp({ env: { PORTA_BASE_DOMAIN: BASE } });

let dns: LoopbackDns;
let pebble: Pebble;
let httpListener: http.Server;
let tlsServer: tls.Server;
let tlsPort: number;
let store: CertificateStore;
let stopStore: () => void;
let alpha: TenantFixture;
let beta: TenantFixture;
/** Names the DNS server does not answer (their challenge cannot be reached). */
const unresolvable = new Set<string>();
/** The tenants whose hosts this file certifies (the shared database holds other files' tenants). */
const mine = new Set<string>();
let clock = () => new Date();
const RETRY_BASE_MS = 60_000;

function listen(server: http.Server | tls.Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

function deps(): ManagerDeps {
  return {
    hosts: async () => (await hostsToCertify(t.ctx)).filter((h) => mine.has(h.tenantId)),
    order: (host) => orderCertificate(t.ctx, { directoryUrl: pebble.directoryUrl, email: 'ops@msp.example.com', ca: pebble.listenerCa }, host),
    now: () => clock(),
    retryBaseMs: RETRY_BASE_MS,
  };
}

/** What a real TLS client sees connecting with `servername`, verifying against Pebble's root. */
async function handshake(servername: string): Promise<{ cert: X509Certificate } | { error: string }> {
  const ca = await pebble.root();
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port: tlsPort, servername, ca, rejectUnauthorized: true });
    socket.once('secureConnect', () => {
      const cert = socket.getPeerX509Certificate();
      socket.end();
      resolve(cert ? { cert } : { error: 'no certificate' });
    });
    socket.once('error', (err) => resolve({ error: err.message }));
  });
}

/** The bus reloads the store asynchronously: wait until it holds (or lost) the host. */
async function storeFollows(host: string, present: boolean): Promise<void> {
  for (let i = 0; i < 200 && store.hosts().includes(host) !== present; i++) await new Promise((r) => setTimeout(r, 10));
  expect(store.hosts().includes(host)).toBe(present);
}

beforeAll(async () => {
  alpha = await makeTenant(t.ctx);
  beta = await makeTenant(t.ctx);
  mine.add(alpha.tenant.id).add(beta.tenant.id);
  httpListener = createHttpListener({ db: t.ctx.db, isServed: (host) => isServedHost(t.ctx, host), httpsPort: 443 });
  const httpPort = await listen(httpListener);
  dns = await startLoopbackDns((name) => name.endsWith(`.${BASE}`) && !unresolvable.has(name));
  pebble = await startPebble({ httpPort, dnsPort: dns.port });
  store = new CertificateStore(t.ctx);
  await store.loadAll();
  stopStore = store.listen(() => undefined);
  tlsServer = tls.createServer({ SNICallback: store.sniCallback }, (socket) => socket.end());
  tlsPort = await listen(tlsServer);
});

afterAll(async () => {
  stopStore?.();
  await new Promise((r) => tlsServer?.close(r));
  await new Promise((r) => httpListener?.close(r));
  await pebble?.stop();
  await dns?.close();
});

const hostOf = (f: TenantFixture) => `${f.tenant.slug}.${BASE}`;

describe('automatic TLS with ACME (Pebble)', () => {
  it('orders certificates for two tenant hosts and serves each by SNI, chained to the CA root', async () => {
    expect(await certificatePass(t.ctx, deps())).toBe(true);
    for (const f of [alpha, beta]) {
      const row = await findCertificate(t.ctx.db, hostOf(f));
      expect(row).toMatchObject({ state: 'valid', tenant_id: f.tenant.id, failure_reason: null });
      // The private key is sealed with PORTA_SECRET_KEY, never stored in clear.
      expect(row?.key_sealed).toMatch(/^v1\./);
      expect(row?.key_sealed).not.toContain('PRIVATE KEY');
      await storeFollows(hostOf(f), true);
      const seen = await handshake(hostOf(f));
      if (!('cert' in seen)) throw new Error(seen.error);
      expect(seen.cert.subjectAltName).toBe(`DNS:${hostOf(f)}`);
      expect(seen.cert.checkHost(hostOf(f))).toBe(hostOf(f));
    }
    // An unknown name gets no certificate at all (the handshake fails: nothing to leak).
    expect(await handshake(`nobody.${BASE}`)).toHaveProperty('error');
  });

  it('renews a certificate once it is within 30 days of expiry, and not before', async () => {
    const before = await findCertificate(t.ctx.db, hostOf(alpha));
    if (!before?.not_after || !before.cert_pem) throw new Error('no certificate');
    const serial = new X509Certificate(before.cert_pem).serialNumber;
    // 31 days before expiry: nothing to do.
    clock = () => new Date(before.not_after!.getTime() - RENEW_BEFORE_MS - 86_400_000);
    await certificatePass(t.ctx, deps());
    expect(new X509Certificate((await findCertificate(t.ctx.db, hostOf(alpha)))!.cert_pem!).serialNumber).toBe(serial);
    // 29 days before expiry: renewed, and the new certificate is the one served.
    clock = () => new Date(before.not_after!.getTime() - RENEW_BEFORE_MS + 86_400_000);
    await certificatePass(t.ctx, deps());
    const after = await findCertificate(t.ctx.db, hostOf(alpha));
    const renewed = new X509Certificate(after!.cert_pem!).serialNumber;
    expect(after?.state).toBe('valid');
    expect(renewed).not.toBe(serial);
    for (let i = 0; i < 200; i++) {
      const seen = await handshake(hostOf(alpha));
      if ('cert' in seen && seen.cert.serialNumber === renewed) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const seen = await handshake(hostOf(alpha));
    expect('cert' in seen && seen.cert.serialNumber).toBe(renewed);
    clock = () => new Date();
  });

  it('stops serving the certificate of a host Porta no longer serves', async () => {
    mine.delete(beta.tenant.id);
    await certificatePass(t.ctx, deps());
    expect(await findCertificate(t.ctx.db, hostOf(beta))).toBeUndefined();
    await storeFollows(hostOf(beta), false);
    expect(await handshake(hostOf(beta))).toHaveProperty('error');
    // The other host is untouched.
    expect(await handshake(hostOf(alpha))).toHaveProperty('cert');
  });

  it('a failed order is recorded with its reason, retried with growing backoff, then succeeds', async () => {
    const gamma = await makeTenant(t.ctx);
    mine.add(gamma.tenant.id);
    const host = hostOf(gamma);
    unresolvable.add(host);
    const start = Date.now();
    clock = () => new Date(start);
    await certificatePass(t.ctx, deps());
    const failed = await findCertificate(t.ctx.db, host);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, cert_pem: null });
    expect(failed?.failure_reason).toBeTruthy();
    expect(failed?.next_attempt_at?.getTime()).toBe(start + RETRY_BASE_MS);

    // Before the retry time: not tried again.
    clock = () => new Date(start + RETRY_BASE_MS - 1);
    await certificatePass(t.ctx, deps());
    expect((await findCertificate(t.ctx.db, host))?.attempts).toBe(1);

    // Retried, fails again: the wait doubles.
    clock = () => new Date(start + RETRY_BASE_MS);
    await certificatePass(t.ctx, deps());
    const again = await findCertificate(t.ctx.db, host);
    expect(again).toMatchObject({ state: 'failed', attempts: 2 });
    expect(again?.next_attempt_at?.getTime()).toBe(start + RETRY_BASE_MS + 2 * RETRY_BASE_MS);

    // The name resolves now: the next retry succeeds and the host is served.
    unresolvable.delete(host);
    clock = () => new Date(start + 3 * RETRY_BASE_MS);
    await certificatePass(t.ctx, deps());
    expect(await findCertificate(t.ctx.db, host)).toMatchObject({ state: 'valid', attempts: 0, failure_reason: null, next_attempt_at: null });
    await storeFollows(host, true);
    expect(await handshake(host)).toHaveProperty('cert');
    clock = () => new Date();
  });
});
