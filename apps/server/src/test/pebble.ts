import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import dns2 from 'dns2';
import { freePort } from './loopback-http.ts';

/**
 * A loopback DNS server (dns2) answering A queries for the names `resolves` accepts with
 * 127.0.0.1, and nothing for the rest: what Pebble's validation authority asks.
 */
export interface LoopbackDns {
  port: number;
  close(): Promise<void>;
}

export async function startLoopbackDns(resolves: (name: string) => boolean): Promise<LoopbackDns> {
  const { Packet } = dns2;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      if (question && question.type === Packet.TYPE.A && resolves(question.name.toLowerCase())) {
        response.answers.push(Packet.createResourceFromQuestion(question, { ttl: 1, address: '127.0.0.1' }));
      }
      void send(response);
    },
  });
  const port = await freePort();
  await server.listen({ udp: { port, address: '127.0.0.1' } });
  return { port, close: () => server.close() };
}

/** A self-signed certificate made with openssl (Pebble's own listener; an operator's wildcard in tests). */
export function selfSignedCertificate(dir: string, name: string, subjectAltName: string): { cert: string; key: string } {
  const cert = path.join(dir, `${name}.crt`);
  const key = path.join(dir, `${name}.key`);
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2', '-subj', `/CN=${name}`, '-addext', `subjectAltName=${subjectAltName}`, '-keyout', key, '-out', cert], { stdio: 'ignore' });
  return { cert, key };
}

export interface Pebble {
  directoryUrl: string;
  /** The certificate of Pebble's own HTTPS listener: the ACME client trusts it, nothing else does. */
  listenerCa: string;
  /** Pebble's current root (its management API): the chain of what it issues ends there. */
  root(): Promise<string>;
  stop(): Promise<void>;
}

function getPem(url: string, ca: string): Promise<string> {
  return new Promise((resolve, reject) => {
    https
      .get(url, { ca }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: ${res.statusCode}`))));
      })
      .on('error', reject);
  });
}

/**
 * Pebble (Debian package `pebble`, /usr/bin/pebble) on free loopback ports, validating
 * HTTP-01 on `httpPort` (Porta's HTTP listener) and resolving names through `dnsPort`.
 */
export async function startPebble(opts: { httpPort: number; dnsPort: number }): Promise<Pebble> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-pebble-'));
  const listener = selfSignedCertificate(dir, 'localhost', 'IP:127.0.0.1,DNS:localhost');
  const [port, mgmtPort, tlsPort] = [await freePort(), await freePort(), await freePort()];
  const config = {
    pebble: {
      listenAddress: `127.0.0.1:${port}`,
      managementListenAddress: `127.0.0.1:${mgmtPort}`,
      certificate: listener.cert,
      privateKey: listener.key,
      httpPort: opts.httpPort,
      tlsPort,
      ocspResponderURL: '',
      externalAccountBindingRequired: false,
    },
  };
  const configFile = path.join(dir, 'pebble-config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  const listenerCa = fs.readFileSync(listener.cert, 'utf8');
  let output = '';
  const proc: ChildProcess = spawn('/usr/bin/pebble', ['-config', configFile, '-dnsserver', `127.0.0.1:${opts.dnsPort}`], {
    env: { ...process.env, PEBBLE_VA_NOSLEEP: '1', PEBBLE_WFE_NONCEREJECT: '0', PEBBLE_AUTHZREUSE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const directoryUrl = `https://127.0.0.1:${port}/dir`;
  // Ready when the directory answers (Pebble prints no machine-readable ready line).
  for (let i = 0; ; i++) {
    try {
      await getPem(directoryUrl, listenerCa);
      break;
    } catch (err) {
      if (proc.exitCode !== null || i > 200) throw new Error(`Pebble did not start: ${String(err)}\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  return {
    directoryUrl,
    listenerCa,
    root: () => getPem(`https://127.0.0.1:${mgmtPort}/roots/0`, listenerCa),
    async stop() {
      proc.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
