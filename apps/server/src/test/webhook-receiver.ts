import { createHmac, timingSafeEqual } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedHook {
  path: string;
  headers: IncomingHttpHeaders;
  raw: string;
}

/**
 * A webhook consumer on loopback, over real HTTP: it records each request and answers the
 * next status from `statuses` (the last one repeats). `setStatuses` changes the script.
 */
export async function startHookReceiver(statuses: number[] = [200]): Promise<{ url: string; received: ReceivedHook[]; setStatuses(s: number[]): void; close(): Promise<void> }> {
  const received: ReceivedHook[] = [];
  let script = [...statuses];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ path: req.url ?? '', headers: req.headers, raw: Buffer.concat(chunks).toString('utf8') });
      const status = script.length > 1 ? (script.shift() as number) : (script[0] ?? 200);
      res.writeHead(status, status >= 300 && status < 400 ? { location: 'http://169.254.169.254/' } : { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    setStatuses: (s) => {
      script = [...s];
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Verifies a request as a Standard Webhooks consumer does, written from the convention and not
 * from the server's code: HMAC-SHA256 keyed with the base64 after `whsec_`, over
 * `id.timestamp.body`, compared with each `v1,` entry of the space-separated header.
 */
export function verifyStandardWebhook(secret: string, hook: ReceivedHook, toleranceSeconds = 300): boolean {
  const id = String(hook.headers['webhook-id'] ?? '');
  const timestamp = String(hook.headers['webhook-timestamp'] ?? '');
  const signatures = String(hook.headers['webhook-signature'] ?? '').split(' ');
  if (!id || !/^\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64')).update(`${id}.${timestamp}.${hook.raw}`).digest();
  return signatures.some((s) => {
    const [version, value] = s.split(',');
    const given = Buffer.from(value ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
