import { encrypt } from '../../platform/crypto/keys.ts';
import { admins } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

async function endpoint(w: World): Promise<string> {
  const row = await w.ctx.db
    .insertInto('webhook_endpoints')
    .values({ tenant_id: w.T.tenant.id, url: 'https://hooks.example.com/authz', event_types: ['ticket.created'], secret_enc: encrypt(w.ctx.keys, 'whsec_YXV0aHotc2VjcmV0LWZvci10ZXN0cw==') })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function deadDelivery(w: World, endpointId: string): Promise<string> {
  const row = await w.ctx.db
    .insertInto('webhook_deliveries')
    .values({ tenant_id: w.T.tenant.id, endpoint_id: endpointId, message_id: 'msg_authz', event_type: 'ticket.created', body: '{}', status: 'dead' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const endpointRow = (w: World, id: string) => () => w.ctx.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
const deliveriesOf = (w: World, id: string) => () => w.ctx.db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', '=', id).orderBy('id').execute();

/** Issue 15 item 1 (P-2): webhook endpoints and their deliveries are for admins (and their keys). */
export const WEBHOOK_ROWS: Record<string, Row> = {
  'GET /api/v1/webhooks': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/webhooks' }) },
  'POST /api/v1/webhooks': {
    expect: admins({ ok: 201, write: true, ownHost: 201 }),
    call: (w) => ({
      url: '/api/v1/webhooks',
      body: { url: 'https://hooks.example.com/created', eventTypes: ['contact.created'] },
      snapshot: () => w.ctx.db.selectFrom('webhook_endpoints').select('id').where('tenant_id', '=', w.T.tenant.id).orderBy('id').execute(),
    }),
  },
  'GET /api/v1/webhooks/:id': {
    expect: admins({ ok: 200, ownHost: 404 }),
    async call(w) {
      return { url: `/api/v1/webhooks/${await endpoint(w)}` };
    },
  },
  'PATCH /api/v1/webhooks/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await endpoint(w);
      return { url: `/api/v1/webhooks/${id}`, body: { enabled: false, url: 'https://hooks.example.com/changed' }, snapshot: endpointRow(w, id) };
    },
  },
  'DELETE /api/v1/webhooks/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await endpoint(w);
      return { url: `/api/v1/webhooks/${id}`, snapshot: endpointRow(w, id) };
    },
  },
  'GET /api/v1/webhooks/:id/deliveries': {
    expect: admins({ ok: 200, ownHost: 404 }),
    async call(w) {
      const id = await endpoint(w);
      await deadDelivery(w, id);
      return { url: `/api/v1/webhooks/${id}/deliveries` };
    },
  },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/redeliver': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await endpoint(w);
      const deliveryId = await deadDelivery(w, id);
      return { url: `/api/v1/webhooks/${id}/deliveries/${deliveryId}/redeliver`, snapshot: deliveriesOf(w, id) };
    },
  },
  'POST /api/v1/webhooks/:id/test': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await endpoint(w);
      return { url: `/api/v1/webhooks/${id}/test`, snapshot: deliveriesOf(w, id) };
    },
  },
};
