import { describe, expect, it } from 'vitest';
import { client } from '../../test/client.ts';
import { makeTenant } from '../../test/factories.ts';
import { sharedDatabase, useTestApp } from '../../test/harness.ts';

const t = useTestApp();

describe('health and tenant info (P-1, D-1)', () => {
  it('GET /healthz answers ok and names the engine the run uses', async () => {
    const res = await client(t.app, 'anything.example.com').get('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', db: sharedDatabase().engine });
  });

  it('GET /api/v1/tenant answers the public branding of the tenant the Host names', async () => {
    const { tenant, host } = await makeTenant(t.ctx, { language: 'it', name: 'Rossi IT' });
    const res = await client(t.app, host).get('/api/v1/tenant');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ name: 'Rossi IT', slug: tenant.slug, defaultLanguage: 'it' });
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
