import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import type { ErrorCode } from '@porta/contracts/errors';
import { parse } from 'tldts';

export type DomainNameCheck = { ok: true; name: string } | { ok: false; code: Extract<ErrorCode, 'CUSTOM_DOMAIN_INVALID' | 'CUSTOM_DOMAIN_APEX' | 'CUSTOM_DOMAIN_RESERVED'> };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * D-2: what an admin typed → the host name to store, or why not. Lower case, IDN converted to
 * punycode, one trailing dot allowed; no scheme, port, path or wildcard; not an IP address; not
 * the base domain or under it; not an apex (a registrable domain itself, by the Public Suffix
 * List through `tldts`: a CNAME cannot sit beside the SOA and NS records at the apex).
 */
export function checkDomainName(input: string, baseDomain: string): DomainNameCheck {
  const raw = input.trim().replace(/\.$/, '');
  const unbracketed = raw.replace(/^\[(.*)\]$/, '$1');
  if (isIP(unbracketed)) return { ok: false, code: 'CUSTOM_DOMAIN_RESERVED' };
  if (raw === '' || /[/:@?#*\s\\[\]]/.test(raw)) return { ok: false, code: 'CUSTOM_DOMAIN_INVALID' };
  const name = domainToASCII(raw).toLowerCase();
  if (name === '' || name.length > 253) return { ok: false, code: 'CUSTOM_DOMAIN_INVALID' };
  const labels = name.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return { ok: false, code: 'CUSTOM_DOMAIN_INVALID' };
  if (/^[0-9]+$/.test(labels.at(-1) ?? '')) return { ok: false, code: 'CUSTOM_DOMAIN_INVALID' };
  const base = baseDomain.toLowerCase();
  if (name === base || name.endsWith(`.${base}`)) return { ok: false, code: 'CUSTOM_DOMAIN_RESERVED' };
  const parsed = parse(name, { allowPrivateDomains: true });
  if (!parsed.domain || parsed.domain === name || parsed.publicSuffix === name) return { ok: false, code: 'CUSTOM_DOMAIN_APEX' };
  return { ok: true, name };
}
