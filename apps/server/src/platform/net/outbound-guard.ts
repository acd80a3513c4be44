import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Connections to addresses a tenant typed in (SMS webhooks, provider base URLs, the assistant's
 * model URL, the tenant's own SMTP and IMAP servers): one guard. Outside `allowPrivate`, a name that resolves to a loopback, private, link-local,
 * carrier-grade NAT, multicast or reserved address is refused AT CONNECT TIME (the check runs
 * in the socket's own DNS lookup, so a name that changes its answer after a check cannot slip
 * through). They are refused unless the operator sets PORTA_OUTBOUND_ALLOW_PRIVATE (e.g. an SMS
 * gateway on the office network); the tests set it, as their stand-ins listen on loopback.
 */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
for (const [net, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return PRIVATE.check(address, 'ipv4');
  if (family !== 6) return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return PRIVATE.check(mapped[1], 'ipv4');
  return PRIVATE.check(address, 'ipv6');
}

export class OutboundRefused extends Error {
  constructor(readonly host: string) {
    super(`outbound address refused: ${host} is private or local`);
    this.name = 'OutboundRefused';
  }
}

export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 4);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isPrivateAddress(a.address));
      if (usable.length === 0) return callback(new OutboundRefused(hostname), '', 4);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, usable);
      const first = usable[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/**
 * The address to connect to for a host a tenant chose (SMTP, IMAP: clients that resolve names
 * themselves): resolved once through the guard, so the connection goes to the address checked
 * (no second lookup that could answer differently). An IP literal is checked as it is.
 */
export async function resolveOutbound(host: string, allowPrivate: boolean): Promise<string> {
  const bare = host.replace(/^\[|\]$/g, '');
  if (isIP(bare)) {
    if (!allowPrivate && isPrivateAddress(bare)) throw new OutboundRefused(host);
    return bare;
  }
  return new Promise((resolve, reject) => {
    guardedLookup(allowPrivate)(bare, { all: false }, (err, address) => (err ? reject(err) : resolve(address as string)));
  });
}

/** Refuses a URL before any request: wrong scheme, or a literal private address outside `allowPrivate`. */
export function checkOutboundUrl(raw: string, allowPrivate: boolean): URL {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new OutboundRefused(url.host);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && (isIP(host) ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost'))) throw new OutboundRefused(host);
  return url;
}

export interface OutboundRequest {
  url: string;
  method: 'POST' | 'GET';
  headers: Record<string, string>;
  body?: string;
  allowPrivate: boolean;
  timeoutMs?: number;
  /** How much of the answer to read (default 256 KiB); past it the request fails rather than answer a cut body. */
  maxAnswerBytes?: number;
}

export interface OutboundResponse {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

const MAX_ANSWER = 256 * 1024;

/** One request through the guard; the answer's body is read up to 256 KiB (or `maxAnswerBytes`). */
export async function outboundRequest(req: OutboundRequest): Promise<OutboundResponse> {
  const url = checkOutboundUrl(req.url, req.allowPrivate);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const r = lib.request(
      url,
      { method: req.method, headers: { ...req.headers, ...(req.body !== undefined && { 'content-length': String(Buffer.byteLength(req.body)) }) }, lookup: guardedLookup(req.allowPrivate), timeout: req.timeoutMs ?? 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        const limit = req.maxAnswerBytes ?? MAX_ANSWER;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size <= limit) chunks.push(c);
          else if (req.maxAnswerBytes !== undefined) res.destroy(new Error(`outbound answer larger than ${limit} bytes`));
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    r.on('timeout', () => r.destroy(new Error('outbound request timed out')));
    r.on('error', reject);
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}
