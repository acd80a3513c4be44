import { beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { openEventStream } from '../../test/sse.ts';
import { openTicket } from '../../test/tickets.ts';
import { sessionsChanged } from '../auth/sessions-changed.ts';

/** T-10, SS-7: a live stream ends with its session; it never keeps feeding a signed-out browser. */
const t = useTestApp();

let fx: TenantFixture;
let contact: ContactFixture;
let colleague: ContactFixture;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
  colleague = await makeContact(t.ctx, fx.tenant.id, customer.id);
});

async function streamOf(c: Client, contactId: string) {
  const id = await openTicket(t.ctx, fx.tenant.id, contactId);
  const s = await openEventStream(t.app, c, `/api/v1/portal/tickets/${id}/events`);
  expect(s.statusCode).toBe(200);
  return s;
}

describe('event streams and sessions', () => {
  it('"sign out everywhere" in another tab ends the open stream with signed-out', async () => {
    const tab = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
    const other = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
    const s = await streamOf(tab, contact.id);
    try {
      expectStatus(await other.post('/api/v1/portal/auth/logout', { everywhere: true }), 200);
      await s.ended();
      expect(s.events.map((e) => e.event)).toContain('signed-out');
    } finally {
      s.close();
    }
  });

  it('a change to the same person whose session stays ends the stream without signed-out (the browser reconnects as who they are now)', async () => {
    const tab = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
    const s = await streamOf(tab, contact.id);
    try {
      await sessionsChanged(t.ctx, fx.tenant.id, contact.id);
      await s.ended();
      expect(s.events.map((e) => e.event)).not.toContain('signed-out');
    } finally {
      s.close();
    }
  });

  it("another person's sign-out and a tenant-wide change leave a valid stream open", async () => {
    const tab = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
    const theirs = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', colleague.id);
    const s = await streamOf(tab, contact.id);
    try {
      expectStatus(await theirs.post('/api/v1/portal/auth/logout', { everywhere: true }), 200);
      await sessionsChanged(t.ctx, fx.tenant.id, null);
      await expect(s.ended(500)).rejects.toThrow(/still open/);
      expect(s.events.map((e) => e.event)).not.toContain('signed-out');
    } finally {
      s.close();
    }
  });

  it('a tenant-wide change ends a stream whose session was deleted without a message (expiry sweep)', async () => {
    const tab = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
    const s = await streamOf(tab, contact.id);
    try {
      await t.ctx.db.deleteFrom('sessions').where('tenant_id', '=', fx.tenant.id).where('subject_id', '=', contact.id).execute();
      await sessionsChanged(t.ctx, fx.tenant.id, null);
      await s.ended();
      expect(s.events.map((e) => e.event)).toContain('signed-out');
    } finally {
      s.close();
    }
  });
});
