import { Resolver } from 'node:dns/promises';
import type { CustomDomainFailure } from '@porta/contracts/custom-domains';

export type DnsCheckResult = { ok: true; via: 'cname' | 'address' } | { ok: false; reason: CustomDomainFailure };

const NO_DATA = new Set(['ENODATA', 'ENOTFOUND', 'NOTFOUND', 'NODATA']);

function normal(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}

/** A resolver on `PORTA_DNS_SERVERS` (`host[:port]`, IPv6 as `[addr]:port`), else the system's servers. */
export function dnsResolver(servers: string[] | undefined): Resolver {
  const resolver = new Resolver({ timeout: 3000, tries: 2 });
  if (servers?.length) resolver.setServers(servers);
  return resolver;
}

/** Resolves, with "no such record" as an empty answer; other DNS errors (timeout, SERVFAIL, refused) throw. */
async function lookup(fn: () => Promise<string[]>): Promise<string[]> {
  try {
    return await fn();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && NO_DATA.has(code)) return [];
    throw err;
  }
}

/**
 * D-2: does `name` point at `target`? Either a CNAME `name → target`, or A/AAAA records all of
 * which are among the target's own (for providers that flatten CNAMEs). No record at all →
 * `no_record`; records pointing elsewhere → `wrong_target`; the DNS failed to answer → `dns_error`.
 */
export async function checkDomainDns(resolver: Resolver, name: string, target: string): Promise<DnsCheckResult> {
  try {
    const cnames = (await lookup(() => resolver.resolveCname(name))).map(normal);
    if (cnames.includes(normal(target))) return { ok: true, via: 'cname' };
    const [a, aaaa] = await Promise.all([lookup(() => resolver.resolve4(name)), lookup(() => resolver.resolve6(name))]);
    const own = [...a, ...aaaa];
    if (own.length === 0) return { ok: false, reason: cnames.length > 0 ? 'wrong_target' : 'no_record' };
    const [ta, taaaa] = await Promise.all([lookup(() => resolver.resolve4(target)), lookup(() => resolver.resolve6(target))]);
    const targets = new Set([...ta, ...taaaa]);
    return targets.size > 0 && own.every((addr) => targets.has(addr)) ? { ok: true, via: 'address' } : { ok: false, reason: 'wrong_target' };
  } catch {
    return { ok: false, reason: 'dns_error' };
  }
}
