import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../../test/client.ts';
import { type RunningDatabase, startIsolatedDatabase } from '../../test/database.ts';
import { makeTenant } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp, useTestApp } from '../../test/harness.ts';
import { enqueue } from '../events/outbox.ts';
import { countDelivery } from './deliveries.ts';

const TOKEN = 'metrics-token-for-the-tests-0123';
const off = useTestApp();

describe('GET /metrics and /readyz (issue 15 item 3)', () => {
  let db: RunningDatabase;
  let on: TestApp & { close(): Promise<void> };
  beforeAll(async () => {
    // A database of its own: the readiness test writes a migration row no other test may see.
    db = await startIsolatedDatabase(sharedDatabase());
    on = await createTestApp({ database: db.info, env: { PORTA_METRICS_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await on?.close();
    await db?.stop();
  });
  const scrape = (authorization?: string) => client(on.app, 'anything.example.com').get('/metrics', authorization ? { authorization } : {});

  it('is off without PORTA_METRICS_TOKEN: 404, and the web app does not answer in its place', async () => {
    const res = await client(off.app, 'anything.example.com').get('/metrics');
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('porta_');
  });

  it('answers only the bearer token: 401 without it or with another, with WWW-Authenticate', async () => {
    for (const auth of [undefined, 'Bearer wrong-token-wrong-token-00', `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(auth);
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(res.body).not.toContain('porta_');
    }
  });

  it('counts requests by route template and status, never by raw URL', async () => {
    const fx = await makeTenant(on.ctx);
    const id = '0b5e7c6e-1d2a-4c3b-9e8f-123456789abc';
    expect((await client(on.app, fx.host).get('/api/v1/tenant')).statusCode).toBe(200);
    expect((await client(on.app, fx.host).get(`/api/v1/tickets/${id}`)).statusCode).toBe(401);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(/porta_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/tenant",status_code="200"\} [1-9]/);
    expect(res.body).toMatch(/porta_http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/tickets\/:id",status_code="401"\} [1-9]/);
    expect(res.body).not.toContain(id);
  });

  it('reports the pool, live connections, process figures, the outbox depth and deliveries by outcome', async () => {
    const fx = await makeTenant(on.ctx);
    // A row due in an hour stays pending whatever worker runs.
    await enqueue(on.ctx.db, fx.tenant.id, 'contact.welcome', { contactId: fx.admin.id });
    await on.ctx.db.updateTable('outbox').set({ available_at: new Date(Date.now() + 3_600_000) }).where('tenant_id', '=', fx.tenant.id).execute();
    countDelivery('mail', 'sent');
    const body = (await scrape(`Bearer ${TOKEN}`)).body;
    expect(body).toMatch(/porta_db_pool_connections\{state="total"\} \d+/);
    expect(body).toMatch(/porta_db_pool_connections\{state="waiting"\} 0/);
    expect(body).toMatch(/porta_live_connections\{kind="event_streams"\} \d+/);
    expect(body).toMatch(/porta_live_connections\{kind="agent_sockets"\} 0/);
    expect(body).toMatch(/porta_process_cpu_seconds_total \d/);
    expect(body).toMatch(/porta_outbox_pending\{topic="contact.welcome"\} [1-9]/);
    expect(body).toMatch(/porta_outbox_oldest_pending_seconds\{topic="contact.welcome"\} \d/);
    expect(body).toMatch(/porta_outbox_deliveries_total\{topic="mail",outcome="sent"\} [1-9]/);
  });

  it('GET /readyz: ready on a migrated database; not ready, naming it, when the database holds a migration this code does not know', async () => {
    const ready = await client(on.app, 'anything.example.com').get('/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', db: db.info.engine });
    await sql`insert into porta_migrations (name, timestamp) values ('9999_from_a_newer_release', ${new Date().toISOString()})`.execute(on.ctx.db);
    const stale = await client(on.app, 'anything.example.com').get('/readyz');
    expect(stale.statusCode).toBe(503);
    expect(stale.json()).toMatchObject({ status: 'not-ready', reason: 'migrations', unknown: ['9999_from_a_newer_release'], pending: [] });
  });
});
