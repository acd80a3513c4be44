import { generateKeyPairSync } from 'node:crypto';
import { rawFromPublicKey } from '@porta/agent-protocol/sign';
import { hashToken } from '../../platform/crypto/tokens.ts';
import { deviceRow, inventory, makeDevice } from '../devices.ts';
import { contacts, everyone, technicians } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

/** A device of customer A assigned to `contact`: read-only target. */
const sharedDevice = new WeakMap<World, Promise<string>>();
function aDevice(w: World): Promise<string> {
  let id = sharedDevice.get(w);
  if (!id) {
    id = makeDevice(w.ctx, w.T.tenant.id, w.customerA.id).then(async (d) => {
      await w.ctx.db.insertInto('device_contacts').values({ tenant_id: w.T.tenant.id, device_id: d.id, contact_id: w.people.contact.id }).execute();
      return d.id;
    });
    sharedDevice.set(w, id);
  }
  return id;
}

async function token(w: World): Promise<string> {
  const row = await w.ctx.db
    .insertInto('enrolment_tokens')
    .values({ tenant_id: w.T.tenant.id, customer_id: w.customerA.id, token_hash: hashToken(`authz-${Math.random()}`), expires_at: new Date(Date.now() + 3_600_000), created_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
const tokenRow = (w: World, id: string) => () => w.ctx.db.selectFrom('enrolment_tokens').selectAll().where('id', '=', id).executeTakeFirst();

/** Devices, enrolment and the agent gateway (issue 12: SS-1, SS-2, SS-3). */
export const DEVICE_ROWS: Record<string, Row> = {
  'POST /api/v1/enrolment-tokens': {
    expect: technicians({ ok: 201, write: true, ownHost: 404 }),
    call: (w) => ({
      url: '/api/v1/enrolment-tokens',
      body: { customerId: w.customerA.id },
      snapshot: () => w.ctx.db.selectFrom('enrolment_tokens').select('id').where('customer_id', '=', w.customerA.id).execute(),
    }),
  },
  'GET /api/v1/enrolment-tokens': {
    expect: technicians({ ok: 200, ownHost: 200 }),
    call: (w) => ({ url: `/api/v1/enrolment-tokens?customerId=${w.customerA.id}` }),
  },
  'DELETE /api/v1/enrolment-tokens/:id': {
    expect: technicians({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const id = await token(w);
      return { url: `/api/v1/enrolment-tokens/${id}`, snapshot: tokenRow(w, id) };
    },
  },
  // Open to anyone holding a live token: without one, everyone is refused the same way.
  'POST /api/v1/agent/enrol': {
    expect: everyone(401),
    call: (w) => ({
      url: '/api/v1/agent/enrol',
      body: { token: 'pe_not-a-token', publicKey: rawFromPublicKey(generateKeyPairSync('ed25519').publicKey), inventory: inventory() },
      snapshot: () => w.ctx.db.selectFrom('devices').select('id').where('tenant_id', '=', w.T.tenant.id).execute(),
    }),
  },
  // The WebSocket: a request without an upgrade finds nothing (the agent's key is its only credential).
  'GET /api/v1/agent/connect': { expect: everyone(404), call: () => ({ url: '/api/v1/agent/connect' }) },
  'GET /api/v1/agent/downloads': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/agent/downloads' }) },
  // No build in the test app's directory: every name is unknown, to everyone.
  'GET /api/v1/agent/downloads/:file': { expect: everyone(404), call: () => ({ url: '/api/v1/agent/downloads/porta-agent-linux-x64' }) },
  // SS-7: live command transitions of the tenant's devices (event names and ids only).
  'GET /api/v1/devices/events': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/devices/events' }) },
  'GET /api/v1/devices': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/devices' }) },
  'GET /api/v1/devices/:id': { expect: technicians({ ok: 200, ownHost: 404 }), call: async (w) => ({ url: `/api/v1/devices/${await aDevice(w)}` }) },
  'PATCH /api/v1/devices/:id': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const d = await makeDevice(w.ctx, w.T.tenant.id, w.customerA.id);
      return {
        url: `/api/v1/devices/${d.id}`,
        body: { contactIds: [w.people.contact.id, w.people.primaryContact.id] },
        snapshot: () => w.ctx.db.selectFrom('device_contacts').select('contact_id').where('device_id', '=', d.id).execute(),
      };
    },
  },
  'POST /api/v1/devices/:id/revoke': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const d = await makeDevice(w.ctx, w.T.tenant.id, w.customerA.id);
      return { url: `/api/v1/devices/${d.id}/revoke`, snapshot: deviceRow(w.ctx, d.id) };
    },
  },
  // SS-3: the self-service section is off by default, so the portal's devices do not exist.
  'GET /api/v1/portal/devices': { expect: contacts(404), call: () => ({ url: '/api/v1/portal/devices' }) },
};
