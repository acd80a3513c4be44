import { uniq } from '../factories.ts';
import { technicians } from './expectations.ts';
import type { Row } from './routes.table.ts';

/** Issue 15 item 5: CSV imports, for technicians as the customer and contact routes; each tenant imports into itself. */
export const IMPORT_ROWS: Record<string, Row> = {
  'POST /api/v1/imports/preview': {
    expect: technicians({ ok: 200, write: true, ownHost: 200 }),
    call: () => ({ url: '/api/v1/imports/preview', body: { kind: 'customers', content: 'name,domains\nAcme,acme.com' } }),
  },
  'POST /api/v1/imports': {
    expect: technicians({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => {
      const name = `authz-import-${uniq()}`;
      const named = () => w.ctx.db.selectFrom('customers').select(['id', 'tenant_id']).where('name', '=', name).execute();
      return {
        url: '/api/v1/imports',
        body: { kind: 'customers', content: `name\n${name}`, mapping: { name: 0 }, dryRun: false },
        snapshot: named,
        after: async () => {
          await w.ctx.db.deleteFrom('customers').where('name', '=', name).execute();
        },
      };
    },
  },
};
