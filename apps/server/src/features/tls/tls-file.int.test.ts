import fs from 'node:fs';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { selfSignedCertificate } from '../../test/pebble.ts';
import { certificatePass } from './cert-manager.ts';
import { prepareTls } from './tls-runtime.ts';

const t = useTestApp();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-tls-file-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));


function peerCommonName(port: number, servername: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
      const cn = socket.getPeerX509Certificate()?.subject ?? '';
      socket.end();
      resolve(cn);
    });
    socket.once('error', reject);
  });
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 300 && !(await check()); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('PORTA_TLS=file: an operator wildcard certificate', () => {
  it('serves the files and reloads them when they change (a bad pair keeps the old one)', async () => {
    const first = selfSignedCertificate(dir, 'first-wildcard', 'DNS:*.porta.example');
    const certFile = path.join(dir, 'wildcard.crt');
    const keyFile = path.join(dir, 'wildcard.key');
    fs.copyFileSync(first.cert, certFile);
    fs.copyFileSync(first.key, keyFile);
    const ctx = { ...t.ctx, config: { ...t.ctx.config, port: 0, host: '127.0.0.1', tls: { ...t.ctx.config.tls, mode: 'file' as const, certFile, keyFile } } };
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (_obj: object, msg: string) => void warnings.push(msg) };
    const runtime = await prepareTls(ctx);
    const server: https.Server = runtime.serverFactory((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const started = await runtime.start(log);
    try {
      const port = (server.address() as AddressInfo).port;
      expect(await peerCommonName(port, 'acme.porta.example')).toBe('CN=first-wildcard');

      // Renewed by the operator's tool: written in place (or renamed over), key then certificate.
      const second = selfSignedCertificate(dir, 'second-wildcard', 'DNS:*.porta.example');
      fs.writeFileSync(keyFile, fs.readFileSync(second.key));
      fs.renameSync(second.cert, certFile);
      await until(async () => (await peerCommonName(port, 'acme.porta.example')) === 'CN=second-wildcard');
      expect(await peerCommonName(port, 'acme.porta.example')).toBe('CN=second-wildcard');

      // A certificate that does not match the key: refused, the current pair stays.
      const third = selfSignedCertificate(dir, 'third-wildcard', 'DNS:*.porta.example');
      warnings.length = 0;
      fs.copyFileSync(third.cert, certFile);
      await until(async () => warnings.length > 0);
      expect(warnings[0]).toMatch(/do not load/);
      expect(await peerCommonName(port, 'acme.porta.example')).toBe('CN=second-wildcard');
      fs.copyFileSync(third.key, keyFile);
      await until(async () => (await peerCommonName(port, 'acme.porta.example')) === 'CN=third-wildcard');
      expect(await peerCommonName(port, 'acme.porta.example')).toBe('CN=third-wildcard');
    } finally {
      await started.stop();
      await new Promise((r) => server.close(r));
    }
  });

  it('refuses to start with files that do not load', async () => {
    const ctx = { ...t.ctx, config: { ...t.ctx.config, tls: { ...t.ctx.config.tls, mode: 'file' as const, certFile: path.join(dir, 'missing.crt'), keyFile: path.join(dir, 'missing.key') } } };
    await expect(prepareTls(ctx)).rejects.toThrow(/missing\.crt/);
  });
});

describe('ordering runs on one node at a time', () => {
  it('a pass does nothing while another node holds the lock (PostgreSQL; PGlite is one process)', async () => {
    let asked = false;
    const deps = { hosts: async () => ((asked = true), []), order: async () => Promise.reject(new Error('unused')), now: () => new Date(), retryBaseMs: 1000 };
    if (t.ctx.engine === 'pglite') {
      expect(await certificatePass(t.ctx, deps)).toBe(true);
      expect(asked).toBe(true);
      return;
    }
    await t.ctx.db.connection().execute(async (other) => {
      await sql`select pg_advisory_lock(${0x706f7274})`.execute(other);
      try {
        expect(await certificatePass(t.ctx, deps)).toBe(false);
        expect(asked).toBe(false);
      } finally {
        await sql`select pg_advisory_unlock(${0x706f7274})`.execute(other);
      }
    });
    expect(await certificatePass(t.ctx, deps)).toBe(true);
    expect(asked).toBe(true);
  });
});
