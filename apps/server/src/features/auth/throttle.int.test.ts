import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { client, randomIp } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTechnician, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
});

const techLogin = (ip: string, email: string, password: string) => client(t.app, fx.host, { ip }).post('/api/v1/auth/login', { email, password });

describe('sign-in rate limit, lockout-safe (A-7)', () => {
  it('the 6th attempt for one account from one IP is 429 TOO_MANY_ATTEMPTS with retry-after, even with the right password', async () => {
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const ip = randomIp();
    for (let i = 0; i < 5; i++) expectError(await techLogin(ip, tech.email, 'wrong-password'), 401, 'INVALID_CREDENTIALS');
    const blocked = await techLogin(ip, tech.email, 'wrong-password');
    const err = expectError(blocked, 429, 'TOO_MANY_ATTEMPTS');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(800);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(err.message).toContain(String(retryAfter));
    expectError(await techLogin(ip, tech.email, tech.password), 429, 'TOO_MANY_ATTEMPTS');
    // The owner on another network is not locked out by someone else's guesses.
    expectStatus(await techLogin(randomIp(), tech.email, tech.password), 200);
    // And other accounts still sign in from the blocked IP.
    expectStatus(await techLogin(ip, fx.admin.email, fx.admin.password), 200);
  });

  it('answers the message in the caller’s language with the seconds filled in', async () => {
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const ip = randomIp();
    for (let i = 0; i < 5; i++) await techLogin(ip, tech.email, 'wrong-password');
    const res = await client(t.app, fx.host, { ip }).post('/api/v1/auth/login', { email: tech.email, password: 'x' }, { 'accept-language': 'it' });
    const err = expectError(res, 429, 'TOO_MANY_ATTEMPTS');
    expect(err.message).toMatch(/^Troppi tentativi\. Riprova tra \d+ second[oi]\.$/);
  });

  it('a successful sign-in resets the count for that account and IP', async () => {
    const tech = await makeTechnician(t.ctx, fx.tenant.id);
    const ip = randomIp();
    for (let i = 0; i < 4; i++) await techLogin(ip, tech.email, 'wrong-password');
    expectStatus(await techLogin(ip, tech.email, tech.password), 200);
    for (let i = 0; i < 4; i++) expectError(await techLogin(ip, tech.email, 'wrong-password'), 401, 'INVALID_CREDENTIALS');
    expectStatus(await techLogin(ip, tech.email, tech.password), 200);
  });

  it('guessing at unknown accounts is limited too', async () => {
    const ip = randomIp();
    for (let i = 0; i < 5; i++) await techLogin(ip, 'ghost@msp.example.com', 'x');
    expectError(await techLogin(ip, 'ghost@msp.example.com', 'x'), 429, 'TOO_MANY_ATTEMPTS');
  });

  it('one IP failing across many accounts is blocked after 30 failures', async () => {
    const ip = randomIp();
    for (let i = 0; i < 30; i++) await techLogin(ip, `spray-${i}@msp.example.com`, 'x');
    expectError(await techLogin(ip, fx.admin.email, fx.admin.password), 429, 'TOO_MANY_ATTEMPTS');
  });

  it('contacts are limited the same way on the portal', async () => {
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
    const ip = randomIp();
    const login = (password: string, from = ip) => client(t.app, fx.host, { ip: from }).post('/api/v1/portal/auth/login', { username: contact.username, password });
    for (let i = 0; i < 5; i++) expectError(await login('wrong-password'), 401, 'INVALID_CREDENTIALS');
    expectError(await login(contact.password), 429, 'TOO_MANY_ATTEMPTS');
    expectStatus(await login(contact.password, randomIp()), 200);
  });
});
