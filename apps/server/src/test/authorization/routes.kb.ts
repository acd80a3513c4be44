import { sql } from 'kysely';
import { insertCategory } from '../../features/kb/kb-categories.repo.ts';
import { insertArticle, upsertTranslation } from '../../features/kb/kb.repo.ts';
import { uniq } from '../factories.ts';
import { admins, contacts, type Expect, technicians } from './expectations.ts';
import type { Row } from './routes.table.ts';
import type { World } from './world.ts';

/** A published article of tenant T, limited to `customerIds` when given; inserted directly. */
async function article(w: World, customerIds: string[] | null = null): Promise<string> {
  const { id } = await insertArticle(w.ctx.db, w.T.tenant.id, {
    category_id: null,
    status: 'published',
    author_id: w.T.admin.id,
    published_at: new Date(),
    tags: [],
    audienceCustomerIds: customerIds,
  });
  await upsertTranslation(w.ctx.db, w.T.tenant.id, id, 'en', { title: `Authz article ${uniq()}`, body: 'Restart the spooler.' });
  return id;
}

async function category(w: World): Promise<string> {
  return (await insertCategory(w.ctx.db, w.T.tenant.id, { names: { en: `Authz ${uniq()}` }, position: 50 })).id;
}

/** The read-only article of the portal rows: limited to customer A (KB-2 beyond), so customer B's contact must get 404. */
const customerAArticle = new WeakMap<World, Promise<string>>();
function sharedArticle(w: World): Promise<string> {
  let id = customerAArticle.get(w);
  if (!id) {
    id = article(w, [w.customerA.id]);
    customerAArticle.set(w, id);
  }
  return id;
}

/** Customer A's contacts read it; customer B's never learn it exists. */
const audienceOfA = (ok: number): Expect => ({ ...contacts(ok), otherCustomerContact: 404 });

const articleRow = (w: World, id: string) => async () => ({
  article: await w.ctx.db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst(),
  translations: await w.ctx.db.selectFrom('kb_translations').select(['language', 'title', 'body']).where('article_id', '=', id).execute(),
});
const categoryRow = (w: World, id: string) => () => w.ctx.db.selectFrom('kb_categories').selectAll().where('id', '=', id).executeTakeFirst();

/** Knowledge base (issue 4: KB-1..KB-3). */
export const KB_ROWS: Record<string, Row> = {
  // Console: technicians write articles and categories; admins set the KB options.
  'GET /api/v1/kb/articles': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/kb/articles' }) },
  'POST /api/v1/kb/articles': {
    expect: technicians({ ok: 201, write: true, ownHost: 201 }),
    call: (w) => {
      const title = `Authz ${uniq()}`;
      return {
        url: '/api/v1/kb/articles',
        body: { status: 'published', translations: { en: { title, body: 'x' } } },
        snapshot: () => w.ctx.db.selectFrom('kb_translations').select('article_id').where('title', '=', title).execute(),
      };
    },
  },
  'GET /api/v1/kb/articles/:id': { expect: technicians({ ok: 200, ownHost: 404 }), call: async (w) => ({ url: `/api/v1/kb/articles/${await sharedArticle(w)}` }) },
  'PATCH /api/v1/kb/articles/:id': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await article(w);
      return { url: `/api/v1/kb/articles/${id}`, body: { status: 'draft', translations: { en: { title: 'Defaced', body: 'x' } } }, snapshot: articleRow(w, id) };
    },
  },
  'DELETE /api/v1/kb/articles/:id': {
    expect: technicians({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const id = await article(w);
      return { url: `/api/v1/kb/articles/${id}`, snapshot: articleRow(w, id) };
    },
  },
  'GET /api/v1/kb/categories': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/kb/categories' }) },
  'POST /api/v1/kb/categories': {
    expect: technicians({ ok: 201, write: true, ownHost: 201 }),
    call: (w) => {
      const name = `Authz ${uniq()}`;
      return {
        url: '/api/v1/kb/categories',
        body: { names: { en: name } },
        snapshot: () => w.ctx.db.selectFrom('kb_categories').select('id').where(sql<string>`names->>'en'`, '=', name).execute(),
      };
    },
  },
  'PATCH /api/v1/kb/categories/:id': {
    expect: technicians({ ok: 200, write: true, ownHost: 404 }),
    async call(w) {
      const id = await category(w);
      return { url: `/api/v1/kb/categories/${id}`, body: { names: { en: 'Renamed' }, position: 1 }, snapshot: categoryRow(w, id) };
    },
  },
  'DELETE /api/v1/kb/categories/:id': {
    expect: technicians({ ok: 204, write: true, ownHost: 404 }),
    async call(w) {
      const id = await category(w);
      return { url: `/api/v1/kb/categories/${id}`, snapshot: categoryRow(w, id) };
    },
  },
  'GET /api/v1/kb/settings': { expect: technicians({ ok: 200, ownHost: 200 }), call: () => ({ url: '/api/v1/kb/settings' }) },
  'PATCH /api/v1/kb/settings': {
    expect: admins({ ok: 200, write: true, ownHost: 200 }),
    call: (w) => ({
      url: '/api/v1/kb/settings',
      body: { externalImages: true },
      snapshot: () => w.ctx.db.selectFrom('kb_settings').selectAll().where('tenant_id', '=', w.T.tenant.id).executeTakeFirst(),
      after: async () => {
        await w.ctx.db.deleteFrom('kb_settings').where('tenant_id', 'in', [w.T.tenant.id, w.U.tenant.id]).execute();
      },
    }),
  },

  // Portal (KB-1..KB-3): contacts of the tenant; an article limited to customer A is a 404 for customer B.
  'GET /api/v1/portal/kb/articles': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/kb/articles?q=spooler' }) },
  'GET /api/v1/portal/kb/articles/:id': { expect: audienceOfA(200), call: async (w) => ({ url: `/api/v1/portal/kb/articles/${await sharedArticle(w)}` }) },
  'PUT /api/v1/portal/kb/articles/:id/vote': {
    expect: audienceOfA(200),
    async call(w) {
      const id = await sharedArticle(w);
      return {
        url: `/api/v1/portal/kb/articles/${id}/vote`,
        body: { helpful: true },
        snapshot: () => w.ctx.db.selectFrom('kb_votes').select(['contact_id', 'helpful']).where('article_id', '=', id).orderBy('contact_id').execute(),
      };
    },
  },
  'GET /api/v1/portal/kb/categories': { expect: contacts(200), call: () => ({ url: '/api/v1/portal/kb/categories' }) },
};
