/**
 * Issue 14 item 3 (D-3): TLS handshakes per second on Porta's SNI path with 100 tenant
 * certificates loaded (features/tls/cert-store.ts: a SecureContext per host, picked in the
 * SNICallback) against Node's plain `https` server with one certificate, in the same run.
 * Full handshakes only (no session resumption), ECDSA P-256 certificates as Porta orders them,
 * client and server in this process over loopback (both sides' cost is counted, equally for
 * both servers). Figures are only comparable within one run.
 * Goal: the SNI server keeps at least 80% of the plain server's rate.
 *
 * Env: BENCH_SECONDS=2 (per server), BENCH_CONCURRENCY=8, BENCH_HOSTS=100
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import type { AppContext } from '../apps/server/src/platform/context.ts';
import { CertificateStore } from '../apps/server/src/features/tls/cert-store.ts';
import { machine, removeDir, round, runMain, table, tempDir, writeResult } from './lib/common.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const HOSTS = Number(process.env.BENCH_HOSTS ?? 100);

function certificate(dir: string, host: string): { cert: string; key: string } {
  const cert = path.join(dir, `${host}.crt`);
  const key = path.join(dir, `${host}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', `/CN=${host}`, '-addext', `subjectAltName=DNS:${host}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8') };
}

function handshake(port: number, servername: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, rejectUnauthorized: false }, () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** Handshakes per second for `seconds`, `CONCURRENCY` clients in a loop, each naming a host from `names`. */
async function measure(server: https.Server, names: string[]): Promise<{ perSecond: number; count: number }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  for (let i = 0; i < 50; i++) await handshake(port, names[i % names.length] ?? 'x');
  let count = 0;
  const started = performance.now();
  const until = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async (_, c) => {
      for (let i = c; performance.now() < until; i += CONCURRENCY) {
        await handshake(port, names[i % names.length] ?? 'x');
        count++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  await new Promise((r) => server.close(r));
  return { perSecond: count / elapsed, count };
}

async function main() {
  const startedAt = new Date().toISOString();
  const dir = tempDir('porta-tls-bench-');
  try {
    const names = Array.from({ length: HOSTS }, (_, i) => `t-${String(i).padStart(3, '0')}.bench.porta.test`);
    const store = new CertificateStore({} as Pick<AppContext, 'db' | 'keys' | 'bus'>);
    const notAfter = new Date(Date.now() + 86_400_000);
    const pairs = names.map((n) => certificate(dir, n));
    pairs.forEach((p, i) => store.put(names[i] ?? '', p.cert, p.key, notAfter));
    const single = pairs[0] ?? certificate(dir, 'single');
    const plain = await measure(https.createServer({ cert: single.cert, key: single.key }), [names[0] ?? 'x']);
    const sni = await measure(https.createServer({ SNICallback: store.sniCallback }), names);
    const ratio = sni.perSecond / plain.perSecond;
    const rows = [
      ['plain https, 1 certificate', round(plain.perSecond), plain.count],
      [`Porta SNI, ${HOSTS} certificates`, round(sni.perSecond), sni.count],
    ];
    console.log(table(['server', 'handshakes/s', 'handshakes'], rows));
    const goalsMet = ratio >= 0.8;
    const summary = [
      `plain https (1 cert): ${round(plain.perSecond)} handshakes/s`,
      `SNI (${HOSTS} certs): ${round(sni.perSecond)} handshakes/s (${round(ratio * 100)}% of plain)`,
      `goal: SNI >= 80% of plain: ${goalsMet ? 'met' : 'NOT met'}`,
    ];
    const file = writeResult({ name: 'tls-handshakes', startedAt, machine: machine(), summary, goalsMet, data: { seconds: SECONDS, concurrency: CONCURRENCY, hosts: HOSTS, plain, sni, ratio } });
    console.log(summary.join('\n'));
    console.log(`wrote ${file}`);
  } finally {
    removeDir(dir);
  }
}

runMain(main, 2 * 60_000);
