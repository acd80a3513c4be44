import { describe, expect, it } from 'vitest';
import { constraintParams } from './constraint-answers.ts';

describe('constraint error parameters (#9 item 6: no raw placeholder in a race-lost DOMAIN_TAKEN)', () => {
  it('names the domain from a unique clash detail', () => {
    const err = { code: '23505', constraint: 'customer_domains_pkey', detail: 'Key (tenant_id, domain)=(0b0f5c1e-5a4e-4c59-9d55-2f1b5e0f9a11, acme.example) already exists.' };
    expect(constraintParams(err)).toEqual({ domain: 'acme.example' });
  });

  it('answers an empty domain when the detail has no domain column or cannot be split', () => {
    expect(constraintParams({ detail: 'Key (email)=(a@b.example) already exists.' })).toEqual({ domain: '' });
    expect(constraintParams({ detail: 'Key (tenant_id, domain)=(x, a, b) already exists.' })).toEqual({ domain: '' });
    expect(constraintParams(new Error('no detail'))).toEqual({ domain: '' });
  });
});
