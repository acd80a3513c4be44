import type { Db } from '../../platform/db/db.ts';

/** KB categories: a name per language and an order (KB-1). */

export function listCategories(db: Db, tenantId: string) {
  return db
    .selectFrom('kb_categories as c')
    .select(['c.id', 'c.names', 'c.position'])
    .select((eb) => eb.selectFrom('kb_articles as a').whereRef('a.category_id', '=', 'c.id').select((e) => e.fn.countAll<string>().as('n')).as('article_count'))
    .where('c.tenant_id', '=', tenantId)
    .orderBy('c.position')
    .orderBy('c.created_at')
    .execute();
}
export type CategoryRow = Awaited<ReturnType<typeof listCategories>>[number];

export function findCategory(db: Db, tenantId: string, id: string) {
  return db.selectFrom('kb_categories').select(['id', 'names', 'position']).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export async function nextPosition(db: Db, tenantId: string): Promise<number> {
  const row = await db
    .selectFrom('kb_categories')
    .select((eb) => eb.fn.coalesce(eb.fn.max('position'), eb.lit(-1)).as('p'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.p) + 1;
}

export function insertCategory(db: Db, tenantId: string, v: { names: Record<string, string>; position: number }) {
  return db.insertInto('kb_categories').values({ tenant_id: tenantId, names: JSON.stringify(v.names), position: v.position }).returning('id').executeTakeFirstOrThrow();
}

export async function updateCategory(db: Db, tenantId: string, id: string, v: { names?: Record<string, string>; position?: number }): Promise<boolean> {
  // Nothing to change is not an UPDATE without SET: it answers whether the category exists.
  if (v.names === undefined && v.position === undefined) return (await findCategory(db, tenantId, id)) !== undefined;
  const res = await db
    .updateTable('kb_categories')
    .set({ ...(v.names && { names: JSON.stringify(v.names) }), ...(v.position !== undefined && { position: v.position }) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/** Its articles stay, without a category. */
export async function deleteCategory(db: Db, tenantId: string, id: string): Promise<boolean> {
  const res = await db.deleteFrom('kb_categories').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) > 0;
}
