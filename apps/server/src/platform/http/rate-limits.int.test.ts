import { describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { multipartFile } from '../../test/multipart.ts';
import { openTicket } from '../../test/tickets.ts';

/** Issue 15 item 7: request-rate limits on searches and uploads, per person, with Retry-After; the limits as shipped (factor 1). */
const t = useTestApp({ env: { PORTA_RATE_LIMIT_FACTOR: '1' } });

describe('request-rate limits (issue 15 item 7)', () => {
  it('60 searches in 10 s per contact, then 429 in their language with Retry-After; listing without q and another contact are not held back', async () => {
    const fx = await makeTenant(t.ctx);
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const [maria, luca] = await Promise.all([makeContact(t.ctx, fx.tenant.id, customer.id, { language: 'it' }), makeContact(t.ctx, fx.tenant.id, customer.id)]);
    const asMaria = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', maria.id);
    const asLuca = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', luca.id);
    for (let i = 0; i < 60; i++) expectStatus(await asMaria.get(`/api/v1/portal/kb/articles?q=stampante${i % 7}`), 200);
    const over = await asMaria.get('/api/v1/portal/kb/articles?q=stampante');
    expectError(over, 429, 'TOO_MANY_ATTEMPTS');
    const wait = Number(over.headers['retry-after']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(10);
    expect(over.headers['x-ratelimit-limit']).toBe('60');
    // The Italian contact reads the refusal in Italian, with the seconds to wait.
    const italian = over.json<{ error: { message: string } }>().error.message;
    expect(italian).toContain(String(wait));
    expectStatus(await asLuca.get('/api/v1/portal/kb/articles?q=printer'), 200);
    expectStatus(await asMaria.get('/api/v1/portal/kb/articles'), 200);
    // Each route counts on its own: the ticket search still answers.
    expectStatus(await asMaria.get('/api/v1/portal/tickets?scope=mine&q=toner'), 200);
  });

  it('30 uploads a minute per technician, then 429 with Retry-After; nothing is stored for the refused one', async () => {
    const fx = await makeTenant(t.ctx);
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
    const ticket = await openTicket(t.ctx, fx.tenant.id, contact.id, { subject: 'Uploads' });
    const admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    const upload = () => {
      const file = multipartFile('log.txt', 'boot log');
      return admin.request('POST', `/api/v1/tickets/${ticket}/attachments`, { body: file.body, headers: file.headers });
    };
    for (let i = 0; i < 30; i++) expectStatus(await upload(), 201);
    const over = await upload();
    expectError(over, 429, 'TOO_MANY_ATTEMPTS');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    const stored = await t.ctx.db.selectFrom('ticket_attachments').select('id').where('tenant_id', '=', fx.tenant.id).where('ticket_id', '=', ticket).execute();
    expect(stored).toHaveLength(30);
  });
});
