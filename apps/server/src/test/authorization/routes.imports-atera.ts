import { encrypt } from '../../platform/crypto/keys.ts';
import { ateraCompany, startAteraStandIn } from '../../features/imports-atera/test/atera-stand-in.ts';
import { admins } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

const KEY = 'authz-atera-key';
const BASE = '/api/v1/imports/atera';

/** Leaves no import behind in either tenant (a started or resumed one would refuse the next case). */
async function forget(w: World): Promise<void> {
  const tenants = [w.T.tenant.id, w.U.tenant.id];
  await w.ctx.db.deleteFrom('outbox').where('tenant_id', 'in', tenants).where('topic', '=', 'import.atera').execute();
  await w.ctx.db.deleteFrom('atera_import_jobs').where('tenant_id', 'in', tenants).execute();
}

/** A stopped import of the target tenant, to resume or cancel. */
async function stoppedImport(w: World): Promise<void> {
  await forget(w);
  await w.ctx.db
    .insertInto('atera_import_jobs')
    .values({ tenant_id: w.T.tenant.id, status: 'failed', base_url: 'https://app.atera.com/api/v3/', api_key_enc: encrypt(w.ctx.keys, KEY), phase: 'tickets', last_error_code: 'ATERA_UNREACHABLE', last_error: 'tickets page 2: HTTP 500' })
    .execute();
}

const jobs = (w: World) => () => w.ctx.db.selectFrom('atera_import_jobs').selectAll().where('tenant_id', '=', w.T.tenant.id).execute();

/** Issue 15 item 5: the Atera import, admins only (it writes customers, contacts, tickets and articles). */
export const IMPORTS_ATERA_ROWS: Record<string, Row> = {
  [`GET ${BASE}`]: { expect: admins({ ok: 200, ownHost: 200 }), call: () => ({ url: BASE }) },
  [`POST ${BASE}`]: {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    async call(w) {
      // A stand-in answering Atera's API for the key check the start makes.
      const atera = await startAteraStandIn(KEY, ateraCompany({ customers: 1, contactsEach: 1, ticketsEach: 1, articles: 1 }));
      return {
        url: BASE,
        body: { apiKey: KEY, baseUrl: atera.baseUrl },
        snapshot: jobs(w),
        after: async () => {
          await forget(w);
          await atera.close();
        },
      };
    },
  },
  [`POST ${BASE}/resume`]: {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      await stoppedImport(w);
      return { url: `${BASE}/resume`, body: {}, snapshot: jobs(w), after: () => forget(w) };
    },
  },
  [`POST ${BASE}/cancel`]: {
    expect: admins({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      await stoppedImport(w);
      return { url: `${BASE}/cancel`, snapshot: jobs(w), after: () => forget(w) };
    },
  },
};
