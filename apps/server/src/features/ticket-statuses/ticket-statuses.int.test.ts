import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { newTicket } from '../../test/authorization/world.ts';
import { type Client, signInTechnician } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
let fx: TenantFixture;
let admin: Client;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
});

describe('ticket statuses (T-3)', () => {
  it('a new tenant has the four default statuses, which cannot be renamed or deleted', async () => {
    const res = await admin.get('/api/v1/ticket-statuses');
    expectStatus(res, 200);
    const items = res.json<{ items: { id: string; key: string; isDefault: boolean }[] }>().items;
    expect(items.map((s) => s.key)).toEqual(['open', 'pending', 'resolved', 'closed']);
    const open = items[0]?.id ?? '';
    expectError(await admin.patch(`/api/v1/ticket-statuses/${open}`, { name: 'Neu' }), 409, 'STATUS_IS_DEFAULT');
    expectError(await admin.delete(`/api/v1/ticket-statuses/${open}`), 409, 'STATUS_IS_DEFAULT');
  });

  it('a status that tickets use cannot be deleted: 409 STATUS_IN_USE, not a 500 (P-3)', async () => {
    const created = await admin.post('/api/v1/ticket-statuses', { key: 'waiting-parts', name: 'Waiting for parts', category: 'open' });
    expectStatus(created, 201);
    const status = created.json<{ id: string }>();
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
    const ticketId = await newTicket(t.ctx, fx.tenant.id, contact.id);
    expectStatus(await admin.patch(`/api/v1/tickets/${ticketId}`, { status: 'waiting-parts' }), 200);
    expectError(await admin.delete(`/api/v1/ticket-statuses/${status.id}`), 409, 'STATUS_IN_USE');
    expectStatus(await admin.patch(`/api/v1/tickets/${ticketId}`, { status: 'open' }), 200);
    expectStatus(await admin.delete(`/api/v1/ticket-statuses/${status.id}`), 204);
  });
});
