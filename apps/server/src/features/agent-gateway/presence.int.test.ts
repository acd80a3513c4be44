import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { writePresence } from '../devices/devices.repo.ts';
import { inventory, makeDevice } from '../../test/devices.ts';
import { makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { PresenceWriter } from './gateway.ts';

/** Issue 12: the gateway's batched presence and inventory writes (both engines). */
const t = useTestApp();
let fx: TenantFixture;
let customer: string;

const row = (id: string) => t.ctx.db.selectFrom('devices').select(['online', 'last_seen_at', 'hostname', 'os', 'inventory', 'revoked_at']).where('id', '=', id).executeTakeFirstOrThrow();
const at = (iso: string) => new Date(iso);

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  customer = (await makeCustomer(t.ctx, fx.tenant.id)).id;
});

describe('writePresence', () => {
  it('writes many devices in one statement: online, last seen and the inventory (hostname, os) of each', async () => {
    const a = await makeDevice(t.ctx, fx.tenant.id, customer);
    const b = await makeDevice(t.ctx, fx.tenant.id, customer);
    const inv = inventory({ hostname: 'front-desk "7"', os: 'linux', loggedInUser: null });
    await writePresence(t.ctx.db, [
      { tenantId: fx.tenant.id, id: a.id, online: true, at: at('2030-01-01T10:00:00Z'), inventory: inv },
      { tenantId: fx.tenant.id, id: b.id, online: true, at: at('2030-01-01T10:00:01Z') },
    ]);
    const ra = await row(a.id);
    expect(ra).toMatchObject({ online: true, hostname: 'front-desk "7"', os: 'linux' });
    expect(ra.inventory).toEqual(inv);
    expect(ra.last_seen_at?.toISOString()).toBe('2030-01-01T10:00:00.000Z');
    const rb = await row(b.id);
    expect(rb.online).toBe(true);
    expect(rb.last_seen_at?.toISOString()).toBe('2030-01-01T10:00:01.000Z');
    // No inventory in the write: the stored one stays.
    expect(rb.hostname).not.toBe('front-desk "7"');
  });

  it('the latest event wins: a disconnect flushed late by one node does not mark offline a device that connected since (to another)', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customer);
    await writePresence(t.ctx.db, [{ tenantId: fx.tenant.id, id: d.id, online: true, at: at('2030-01-02T10:00:05Z') }]);
    await writePresence(t.ctx.db, [{ tenantId: fx.tenant.id, id: d.id, online: false, at: at('2030-01-02T10:00:04Z') }]);
    expect(await row(d.id)).toMatchObject({ online: true });
    expect((await row(d.id)).last_seen_at?.toISOString()).toBe('2030-01-02T10:00:05.000Z');
    await writePresence(t.ctx.db, [{ tenantId: fx.tenant.id, id: d.id, online: false, at: at('2030-01-02T10:00:06Z') }]);
    expect(await row(d.id)).toMatchObject({ online: false });
  });

  it('leaves revoked devices and other tenants\' devices alone', async () => {
    const d = await makeDevice(t.ctx, fx.tenant.id, customer);
    await t.ctx.db.updateTable('devices').set({ revoked_at: sql<Date>`now()` }).where('id', '=', d.id).execute();
    const other = await makeTenant(t.ctx);
    const foreign = await makeDevice(t.ctx, fx.tenant.id, customer);
    await writePresence(t.ctx.db, [
      { tenantId: fx.tenant.id, id: d.id, online: true, at: new Date(), inventory: inventory({ hostname: 'revived' }) },
      { tenantId: other.tenant.id, id: foreign.id, online: true, at: new Date() },
    ]);
    expect(await row(d.id)).toMatchObject({ online: false, last_seen_at: null });
    expect((await row(d.id)).hostname).not.toBe('revived');
    expect(await row(foreign.id)).toMatchObject({ online: false, last_seen_at: null });
  });
});

describe('PresenceWriter', () => {
  it('keeps each device\'s latest state until the flush, then writes them all (an offline after an online wins; the inventory is kept)', async () => {
    const writer = new PresenceWriter(t.ctx, 60_000);
    const devices = await Promise.all(Array.from({ length: 5 }, () => makeDevice(t.ctx, fx.tenant.id, customer)));
    for (const d of devices) writer.seen(fx.tenant.id, d.id, true);
    writer.inventory(fx.tenant.id, devices[0]!.id, inventory({ hostname: 'batched-inventory' }));
    writer.seen(fx.tenant.id, devices[1]!.id, false);
    expect(writer.size).toBe(5);
    // Nothing is written before the flush.
    expect((await row(devices[2]!.id)).online).toBe(false);
    await writer.close();
    expect(writer.size).toBe(0);
    expect(await row(devices[0]!.id)).toMatchObject({ online: true, hostname: 'batched-inventory' });
    expect((await row(devices[1]!.id)).online).toBe(false);
    expect((await row(devices[1]!.id)).last_seen_at).not.toBeNull();
    for (const d of devices.slice(2)) expect((await row(d.id)).online).toBe(true);
  });

  it('flushes on its own timer', async () => {
    const writer = new PresenceWriter(t.ctx, 50);
    const d = await makeDevice(t.ctx, fx.tenant.id, customer);
    writer.seen(fx.tenant.id, d.id, true);
    const deadline = Date.now() + 5000;
    while (!(await row(d.id)).online && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await writer.close();
    expect((await row(d.id)).online).toBe(true);
  });
});
