import { describe, expect, it } from 'vitest';
import { checkDomainName } from './domain-name.ts';

const BASE = 'porta.example.net';

describe('checkDomainName (D-2)', () => {
  it('accepts a subdomain, lower-cased, trailing dot dropped', () => {
    expect(checkDomainName(' Help.Acme-IT.com. ', BASE)).toEqual({ ok: true, name: 'help.acme-it.com' });
  });
  it('converts an IDN to punycode', () => {
    expect(checkDomainName('hilfe.bäckerei.de', BASE)).toEqual({ ok: true, name: 'hilfe.xn--bckerei-5wa.de' });
  });
  it('refuses apex domains by the Public Suffix List, private suffixes included', () => {
    for (const apex of ['acme-it.com', 'acme.co.uk', 'bäckerei.de', 'myapp.github.io']) expect(checkDomainName(apex, BASE)).toEqual({ ok: false, code: 'CUSTOM_DOMAIN_APEX' });
    expect(checkDomainName('help.acme.co.uk', BASE)).toEqual({ ok: true, name: 'help.acme.co.uk' });
  });
  it('refuses the base domain, its subdomains and IP addresses', () => {
    for (const reserved of ['porta.example.net', 'acme.porta.example.net', 'a.b.PORTA.example.net', '192.0.2.1', '[2001:db8::1]', '2001:db8::1'])
      expect(checkDomainName(reserved, BASE)).toEqual({ ok: false, code: 'CUSTOM_DOMAIN_RESERVED' });
  });
  it('refuses what is not a bare host name', () => {
    for (const bad of ['', 'https://help.acme.com', 'help.acme.com:8443', 'help.acme.com/portal', '*.acme.com', 'help acme.com', 'localhost', '-x.acme.com', `${'a'.repeat(64)}.acme.com`, 'user@help.acme.com', 'a..acme.com'])
      expect(checkDomainName(bad, BASE), bad).toEqual({ ok: false, code: 'CUSTOM_DOMAIN_INVALID' });
  });
});
