import { uniq } from '../factories.ts';
import { admins } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

/** A pending custom domain of the target tenant T. */
async function aDomain(w: World): Promise<string> {
  const row = await w.ctx.db.insertInto('tenant_domains').values({ tenant_id: w.T.tenant.id, name: `authz-${uniq()}.acme-it.com` }).returning('id').executeTakeFirstOrThrow();
  return row.id;
}
const domainRow = (w: World, id: string) => () => w.ctx.db.selectFrom('tenant_domains').selectAll().where('id', '=', id).executeTakeFirst();

/** D-2: custom portal domains, admins only (they decide where the portal answers). */
export const DOMAIN_ROWS: Record<string, Row> = {
  'GET /api/v1/settings/portal/domains': { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/settings/portal/domains' }) },
  'POST /api/v1/settings/portal/domains': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/settings/portal/domains',
      body: { name: `authz-${uniq()}.acme-it.com` },
      snapshot: () => w.ctx.db.selectFrom('tenant_domains').select('id').where('tenant_id', '=', w.T.tenant.id).execute(),
      after: async () => {
        await w.ctx.db.deleteFrom('tenant_domains').where('tenant_id', 'in', [w.T.tenant.id, w.U.tenant.id]).execute();
      },
    }),
  },
  'POST /api/v1/settings/portal/domains/:id/check': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await aDomain(w);
      return { url: `/api/v1/settings/portal/domains/${id}/check`, snapshot: domainRow(w, id) };
    },
  },
  'DELETE /api/v1/settings/portal/domains/:id': {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await aDomain(w);
      return { url: `/api/v1/settings/portal/domains/${id}`, snapshot: domainRow(w, id) };
    },
  },
};
