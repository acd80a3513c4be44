import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../../test/assertions.ts';
import { type Client, signInTechnician } from '../../test/client.ts';
import { inventory } from '../../test/devices.ts';
import { makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, useTestApp } from '../../test/harness.ts';
import { assignedDevice, codeIn, lastSmsTo, type PortalPerson, portalPerson, type SelfServiceWorld, selfServiceWorld, setSelfServiceSection, verifyPhone } from '../../test/self-service.ts';
import { type EventStream, openEventStream } from '../../test/sse.ts';
import { claimQueued } from '../agent-commands/commands.repo.ts';
import { issueCommand, recordAgentReport, sendClaimed } from '../agent-commands/commands.service.ts';

/** SS-7: command transitions reach, live, the requester, their company's primary contacts and the tenant's technicians, and nobody else. */
const t = useTestApp();

type Person = PortalPerson;
let w: SelfServiceWorld;
let fx: TenantFixture;
let admin: Client;
let customerId: string;

beforeAll(async () => {
  w = await selfServiceWorld(t, '+3933377');
  ({ fx, admin, customerId } = w);
});

async function enrolled(opts: { isPrimary?: boolean; customer?: string } = {}): Promise<Person> {
  const p = await person(opts);
  await verifyPhone(w, p);
  return p;
}

const person = (opts: { isPrimary?: boolean; customer?: string } = {}) => portalPerson(w, opts);
const deviceOf = (p: Person, customer = customerId): Promise<string> => assignedDevice(w, p, inventory({ os: 'windows', loggedInUser: 'mario' }), customer);

/** Requests and confirms `action` on `deviceId`: answers the request id and its command id. */
async function confirmed(p: Person, deviceId: string, action = 'restart'): Promise<{ actionId: string; commandId: string }> {
  const actionId = (await p.client.post(`/api/v1/portal/devices/${deviceId}/actions`, { action })).json<{ id: string }>().id;
  const code = codeIn(await lastSmsTo(t.ctx, admin, fx.tenant.id, p.phone));
  const view = (await p.client.post(`/api/v1/portal/actions/${actionId}/confirm`, { code })).json<{ command: { id: string } | null }>();
  const commandId = view.command?.id;
  if (!commandId) throw new Error('no command');
  return { actionId, commandId };
}

/** What an agent does: takes the queued command, then reports it done. */
async function agentRuns(deviceId: string, commandId: string): Promise<void> {
  await sendClaimed(t.ctx, await claimQueued(t.ctx.db, fx.tenant.id, deviceId));
  expect(await recordAgentReport(t.ctx, fx.tenant.id, deviceId, { commandId, status: 'running' })).toBe(true);
  expect(await recordAgentReport(t.ctx, fx.tenant.id, deviceId, { commandId, status: 'succeeded', detail: 'ok' })).toBe(true);
}

const about = (key: string, id: string) => (data: unknown) => typeof data === 'object' && data !== null && (data as Record<string, unknown>)[key] === id;
const statusesOf = (s: EventStream, event: string, key: string, id: string) =>
  s.events.filter((e) => e.event === event && about(key, id)(JSON.parse(e.data))).map((e) => (JSON.parse(e.data) as { status?: string }).status);

describe('live progress of self-service actions (SS-7)', () => {
  it('each transition reaches the requester, a primary contact of their company and the tenant\'s technicians; a colleague, another company\'s primary contact and another tenant get nothing', async () => {
    const me = await enrolled();
    const colleague = await person();
    const primary = await person({ isPrimary: true });
    const otherCustomer = (await makeCustomer(t.ctx, fx.tenant.id)).id;
    const stranger = await person({ isPrimary: true, customer: otherCustomer });
    const device = await deviceOf(me);
    const other = await makeTenant(t.ctx);
    const foreignTech = await signInTechnician(t.app, other.host, other.admin.email, other.admin.password);

    const streams = {
      me: await openEventStream(t.app, me.client, '/api/v1/portal/actions/events'),
      colleague: await openEventStream(t.app, colleague.client, '/api/v1/portal/actions/events'),
      primary: await openEventStream(t.app, primary.client, '/api/v1/portal/actions/events'),
      stranger: await openEventStream(t.app, stranger.client, '/api/v1/portal/actions/events'),
      tech: await openEventStream(t.app, admin, '/api/v1/devices/events'),
      foreignTech: await openEventStream(t.app, foreignTech, '/api/v1/devices/events'),
    };
    try {
      for (const s of Object.values(streams)) {
        expect(s.statusCode).toBe(200);
        expect(String(s.headers['content-type'])).toMatch(/^text\/event-stream/);
      }
      const { actionId, commandId } = await confirmed(me, device);
      await agentRuns(device, commandId);
      const final = (data: unknown) => about('actionId', actionId)(data) && (data as { status?: string }).status === 'succeeded';
      await streams.me.waitFor('action.changed', final);
      await streams.primary.waitFor('action.changed', final);
      await streams.tech.waitFor('device.changed', (d) => about('deviceId', device)(d) && about('commandId', commandId)(d));

      // Every step, in order, with the portal's action id (the id the page shows) — never the command's secrets.
      expect(statusesOf(streams.me, 'action.changed', 'actionId', actionId)).toEqual(['queued', 'sent', 'running', 'succeeded']);
      expect(statusesOf(streams.primary, 'action.changed', 'actionId', actionId)).toEqual(['queued', 'sent', 'running', 'succeeded']);
      expect(streams.tech.events.filter((e) => e.event === 'device.changed' && about('commandId', commandId)(JSON.parse(e.data)))).toHaveLength(4);
      // The event names the action; the page reads it through the API, which applies its rules.
      expect((await me.client.get(`/api/v1/portal/actions/${actionId}`)).json<{ command: { status: string } }>().command.status).toBe('succeeded');

      // Published after the requester's last event, on the same bus: had they been sent, they would be here.
      for (const s of [streams.colleague, streams.stranger, streams.foreignTech]) expect(s.events.map((e) => e.event)).toEqual(['ready']);
      expect(streams.stranger.text).not.toContain(actionId);
      expect(streams.foreignTech.text).not.toContain(device);
    } finally {
      for (const s of Object.values(streams)) s.close();
    }
  });

  it('a technician\'s own command (no self-service request) reaches technicians only; a revoke cancels the request\'s command live', async () => {
    const me = await enrolled({ isPrimary: true });
    const device = await deviceOf(me);
    const portal = await openEventStream(t.app, me.client, '/api/v1/portal/actions/events');
    const tech = await openEventStream(t.app, admin, '/api/v1/devices/events');
    try {
      const own = await issueCommand(t.ctx, fx.tenant.id, { deviceId: device, action: 'restart', params: {}, verificationId: randomUUID(), requestedBy: { technicianId: fx.admin.id } });
      await tech.waitFor('device.changed', (d) => about('commandId', own.id)(d));
      const { actionId, commandId } = await confirmed(me, device, 'lock');
      await portal.waitFor('action.changed', (d) => about('actionId', actionId)(d));
      expect((await admin.post(`/api/v1/devices/${device}/revoke`)).statusCode).toBe(200);
      await portal.waitFor('action.changed', (d) => about('actionId', actionId)(d) && (d as { status?: string }).status === 'cancelled');
      await tech.waitFor('device.changed', (d) => about('commandId', commandId)(d));
      // The revocation itself, without a command.
      expect(tech.events.some((e) => e.event === 'device.changed' && JSON.stringify(JSON.parse(e.data)) === JSON.stringify({ deviceId: device }))).toBe(true);
      // The technician's command (queued, then cancelled by the revoke) never reached the contact.
      expect(portal.text).not.toContain(own.id);
      expect(portal.events.filter((e) => e.event === 'action.changed').every((e) => about('actionId', actionId)(JSON.parse(e.data)))).toBe(true);
    } finally {
      portal.close();
      tech.close();
    }
  });

  it('the kill switch cancels a request awaiting its code live: the requester sees it, a colleague does not', async () => {
    const me = await enrolled();
    const colleague = await person();
    const device = await deviceOf(me);
    const actionId = (await me.client.post(`/api/v1/portal/devices/${device}/actions`, { action: 'lock' })).json<{ id: string }>().id;
    const mine = await openEventStream(t.app, me.client, '/api/v1/portal/actions/events');
    const theirs = await openEventStream(t.app, colleague.client, '/api/v1/portal/actions/events');
    try {
      expect((await admin.post('/api/v1/self-service/cancel-queued')).statusCode).toBe(200);
      await mine.waitFor('action.changed', about('actionId', actionId));
      expect(statusesOf(mine, 'action.changed', 'actionId', actionId)).toEqual(['cancelled']);
      expect((await me.client.get(`/api/v1/portal/actions/${actionId}`)).json<{ status: string }>().status).toBe('cancelled');
      expect(statusesOf(theirs, 'action.changed', 'actionId', actionId)).toEqual([]);
    } finally {
      mine.close();
      theirs.close();
    }
  });

  it('the portal stream is 404 where the self-service section is off (SS-3), and needs a contact', async () => {
    const me = await enrolled();
    const otherCustomer = await makeCustomer(t.ctx, fx.tenant.id);
    await setSelfServiceSection(admin, 'selected', [otherCustomer.id]);
    try {
      expectError(await me.client.get('/api/v1/portal/actions/events'), 404, 'NOT_FOUND');
    } finally {
      await setSelfServiceSection(admin, 'all');
    }
    expect((await admin.get('/api/v1/portal/actions/events')).statusCode).toBe(401);
    expect((await me.client.get('/api/v1/devices/events')).statusCode).toBe(401);
  });
});

if (sharedDatabase().engine === 'postgres') describe('live progress across two app nodes (SS-7)', () => {
  it('transitions recorded on node A reach the contact and the technicians streaming from node B (LISTEN/NOTIFY)', async () => {
    const b = await createTestApp();
    try {
      const me = await enrolled();
      const device = await deviceOf(me);
      const portal = await openEventStream(b.app, me.client, '/api/v1/portal/actions/events');
      const tech = await openEventStream(b.app, admin, '/api/v1/devices/events');
      try {
        const { actionId, commandId } = await confirmed(me, device);
        await agentRuns(device, commandId);
        await portal.waitFor('action.changed', (d) => about('actionId', actionId)(d) && (d as { status?: string }).status === 'succeeded');
        await tech.waitFor('device.changed', (d) => about('commandId', commandId)(d));
        expect(statusesOf(portal, 'action.changed', 'actionId', actionId)).toEqual(['queued', 'sent', 'running', 'succeeded']);
      } finally {
        portal.close();
        tech.close();
      }
    } finally {
      await b.close();
    }
  });
});
