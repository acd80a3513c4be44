import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';

describe('loadConfig: environment → typed config', () => {
  it('has working defaults: port 3000, ./data, localhost, 2 h idle and 24 h absolute sessions', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, baseDomain: 'localhost', trustProxy: false, sessionIdleMs: 7_200_000, sessionAbsoluteMs: 86_400_000, databaseUrl: undefined, bootstrapAdmin: undefined });
    expect(c.dataDir).toBe(path.resolve('./data'));
  });

  it('reads booleans, numbers and the bootstrap admin', () => {
    const c = loadConfig({ PORT: '8080', PORTA_TRUST_PROXY: 'yes', PORTA_BASE_DOMAIN: 'Portal.Example.COM', PORTA_ADMIN_EMAIL: 'a@example.com', PORTA_ADMIN_PASSWORD: 'long-enough-1', PORTA_TENANT_SLUG: 'acme' });
    expect(c).toMatchObject({ port: 8080, trustProxy: true, baseDomain: 'portal.example.com', bootstrapAdmin: { email: 'a@example.com', password: 'long-enough-1', slug: 'acme', name: 'My MSP' } });
  });

  it('keeps tenant-chosen targets off private addresses unless either name of the switch turns it on', () => {
    expect(loadConfig({}).outboundAllowPrivate).toBe(false);
    expect(loadConfig({ PORTA_OUTBOUND_ALLOW_PRIVATE: 'true' }).outboundAllowPrivate).toBe(true);
    expect(loadConfig({ PORTA_ALLOW_PRIVATE_TARGETS: '1' }).outboundAllowPrivate).toBe(true);
  });

  it('issue 16 item 4: the heap grows by 70 % per full collection unless told otherwise; 0 leaves it to V8; out of range is refused', () => {
    expect(loadConfig({}).heapGrowthPercent).toBe(70);
    expect(loadConfig({ PORTA_HEAP_GROWTH_PERCENT: '0' }).heapGrowthPercent).toBe(0);
    expect(loadConfig({ PORTA_HEAP_GROWTH_PERCENT: '60' }).heapGrowthPercent).toBe(60);
    expect(() => loadConfig({ PORTA_HEAP_GROWTH_PERCENT: '401' })).toThrow(/PORTA_HEAP_GROWTH_PERCENT/);
    expect(loadConfig({}).pgliteSharedBuffersMb).toBe(32);
    expect(loadConfig({ PORTA_PGLITE_SHARED_BUFFERS_MB: '128' }).pgliteSharedBuffersMb).toBe(128);
    expect(() => loadConfig({ PORTA_PGLITE_SHARED_BUFFERS_MB: '0' })).toThrow(/PORTA_PGLITE_SHARED_BUFFERS_MB/);
  });

  it('takes a metrics token of 16 characters or more, and none by default (metrics off)', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ PORTA_METRICS_TOKEN: 'a-long-enough-token' }).metricsToken).toBe('a-long-enough-token');
    expect(() => loadConfig({ PORTA_METRICS_TOKEN: 'short' })).toThrow(/PORTA_METRICS_TOKEN/);
  });

  it('D-3: TLS is off by default (reverse proxy), Let\'s Encrypt production and port 443 for ACME, file mode from the files alone', () => {
    const off = loadConfig({}).tls;
    expect(off).toMatchObject({ mode: 'off', httpsPort: 443, acmeDirectoryUrl: 'https://acme-v02.api.letsencrypt.org/directory' });
    expect(loadConfig({ PORTA_TLS_CERT_FILE: '/c.pem', PORTA_TLS_KEY_FILE: '/k.pem' }).tls).toMatchObject({ mode: 'file', certFile: '/c.pem', keyFile: '/k.pem' });
    expect(loadConfig({ PORTA_TLS: 'acme', PORTA_HTTPS_PORT: '8443', PORTA_ACME_EMAIL: 'ops@msp.example.com' }).tls).toMatchObject({ mode: 'acme', httpsPort: 8443, acmeEmail: 'ops@msp.example.com' });
    expect(() => loadConfig({ PORTA_TLS: 'on' })).toThrow(/PORTA_TLS/);
  });

  it('refuses bad values with a readable message naming each variable', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', PORTA_SECRET_KEY: 'short', DATABASE_URL: 'not a url' });
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    expect(message).toMatch(/^Invalid configuration:\n/);
    for (const name of ['PORT:', 'DATABASE_URL:', 'PORTA_SECRET_KEY:']) expect(message).toContain(name);
    expect(() => loadConfig({ PORTA_TRUST_PROXY: 'maybe' })).toThrow(/PORTA_TRUST_PROXY/);
  });
});
