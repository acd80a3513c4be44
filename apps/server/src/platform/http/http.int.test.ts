import { translate } from '@porta/i18n/translate';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectErrorShape, expectStatus } from '../../test/assertions.ts';
import { type Client, client, signInTechnician } from '../../test/client.ts';
import { makeTenant, type TenantFixture } from '../../test/factories.ts';
import { startIsolatedDatabase } from '../../test/database.ts';
import { createTestApp, sharedDatabase, useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let admin: Client;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
});

describe('errors in the caller’s language (L-1, invariant 3)', () => {
  it.each(['en', 'de', 'fr', 'es', 'it'] as const)('anonymous, Accept-Language %s', async (lang) => {
    const res = await client(t.app, fx.host).get('/api/v1/customers', { 'accept-language': `${lang}-XX,${lang};q=0.9` });
    const err = expectError(res, 401, 'UNAUTHENTICATED');
    expect(err.message).toBe(translate(lang, 'errors', 'UNAUTHENTICATED'));
  });

  it("without Accept-Language: the tenant's default language, else English", async () => {
    const french = await makeTenant(t.ctx, { language: 'fr' });
    expect(expectError(await client(t.app, french.host).get('/api/v1/customers'), 401, 'UNAUTHENTICATED').message).toBe(translate('fr', 'errors', 'UNAUTHENTICATED'));
    expect(expectError(await client(t.app, fx.host).get('/api/v1/customers'), 401, 'UNAUTHENTICATED').message).toBe(translate('en', 'errors', 'UNAUTHENTICATED'));
  });

  it('validation details are localised too', async () => {
    const res = await admin.post('/api/v1/customers', { name: 'x'.repeat(121) }, { 'accept-language': 'de' });
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    expect(err.message).toBe(translate('de', 'errors', 'VALIDATION_FAILED'));
    expect(err.details).toEqual([{ field: 'body.name', code: 'too_big', message: 'Geben Sie höchstens 120 Zeichen ein.' }]);
  });

  it('a host that reaches no tenant is refused in the caller’s language as well', async () => {
    // Any host reaches the default tenant here; a database with no tenant yet has none.
    const empty = await startIsolatedDatabase(sharedDatabase());
    const bare = await createTestApp({ database: empty.info });
    try {
      const err = expectError(await client(bare.app, 'nope.localhost').get('/api/v1/tenant', { 'accept-language': 'es' }), 404, 'TENANT_NOT_FOUND');
      expect(err.message).toBe(translate('es', 'errors', 'TENANT_NOT_FOUND'));
    } finally {
      await bare.close();
      await empty.stop();
    }
  });
});

describe('bad input is a clear 4xx that changes nothing (P-3)', () => {
  it('unknown keys → 400 VALIDATION_FAILED naming them', async () => {
    const err = expectError(await admin.post('/api/v1/customers', { name: 'Ok', colour: 'red' }), 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([{ field: 'body', code: 'unrecognized_keys', message: translate('en', 'errors', 'validation.unrecognized_keys', { keys: 'colour' }) }]);
    const err2 = expectError(await admin.get('/api/v1/customers?sort=name'), 400, 'VALIDATION_FAILED');
    expect(err2.details).toEqual([expect.objectContaining({ field: 'querystring', code: 'unrecognized_keys' })]);
  });

  it('wrong types and missing fields are listed field by field', async () => {
    const err = expectError(await admin.post('/api/v1/contacts', { customerId: 'nope', firstName: 7 }), 400, 'VALIDATION_FAILED');
    const fields = (err.details as { field: string; code: string }[]).map((d) => `${d.field}:${d.code}`).sort();
    expect(fields).toEqual(['body.customerId:invalid_format', 'body.email:invalid_type', 'body.firstName:invalid_type', 'body.lastName:invalid_type']);
  });

  it('malformed JSON → 400 VALIDATION_FAILED (invalid_json)', async () => {
    const res = await admin.request('POST', '/api/v1/customers', { body: '{"name": ', headers: { 'content-type': 'application/json' } });
    const err = expectError(res, 400, 'VALIDATION_FAILED');
    expect(err.details).toEqual([expect.objectContaining({ field: 'body', code: 'invalid_json' })]);
  });

  it('a body that is not JSON → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    expectError(await admin.request('POST', '/api/v1/customers', { body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('a body over 1 MiB → 413 PAYLOAD_TOO_LARGE', async () => {
    const res = await admin.post('/api/v1/customers', { name: 'Big', domains: [], pad: 'x'.repeat(1024 * 1024) });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('a JSON body that is not an object, or null, is a 400', async () => {
    for (const raw of ['[]', '"text"', '42', 'null', 'true']) {
      const res = await admin.request('POST', '/api/v1/customers', { body: raw, headers: { 'content-type': 'application/json' } });
      expectError(res, 400, 'VALIDATION_FAILED');
    }
  });

  it('NUL bytes, which PostgreSQL cannot store, are refused as bad input, not a 500', async () => {
    const res = await admin.post('/api/v1/customers', { name: 'nul\u0000byte' });
    expect(res.statusCode).toBeLessThan(500);
    expectErrorShape(res);
    const search = await admin.get(`/api/v1/customers?q=${encodeURIComponent('a\u0000b')}`);
    expect(search.statusCode).toBeLessThan(500);
  });

  it('malformed %-escapes and over-long ids in the path → 400 in the error shape, not Fastify’s', async () => {
    for (const path of [`/api/v1/customers/${'x'.repeat(250)}`, '/api/v1/customers/%E0%A4%A']) {
      const res = await admin.get(path, { 'accept-language': 'it' });
      const err = expectError(res, 400, 'VALIDATION_FAILED');
      expect(err.message).toBe(translate('it', 'errors', 'VALIDATION_FAILED'));
      expect(err.details).toEqual([expect.objectContaining({ field: 'params' })]);
    }
  });

  it('unknown /api paths → 404 NOT_FOUND in the error shape, never the web app', async () => {
    const res = await client(t.app, fx.host).get('/api/v1/no-such-thing');
    expectError(res, 404, 'NOT_FOUND');
    expectErrorShape(res);
    expectError(await client(t.app, fx.host).request('PUT', '/api/v1/customers'), 404, 'NOT_FOUND');
  });
});

describe('browser security headers (invariant 6)', () => {
  it('every answer carries a strict CSP and friends; API answers are not cached', async () => {
    const res = await client(t.app, fx.host).get('/api/v1/tenant');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('OpenAPI lists the console and portal routes (P-2)', async () => {
    const res = await client(t.app, fx.host).get('/api/openapi.json');
    expectStatus(res, 200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/customers', '/api/v1/contacts/{id}', '/api/v1/portal/me', '/api/v1/auth/login', '/api/v1/setup']));
  });
});
