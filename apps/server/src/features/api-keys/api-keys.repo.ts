import type { Db } from '../../platform/db/db.ts';

function selectKeys(db: Db, tenantId: string) {
  return db
    .selectFrom('api_keys as k')
    .innerJoin('technicians as t', (j) => j.onRef('t.id', '=', 'k.technician_id').onRef('t.tenant_id', '=', 'k.tenant_id'))
    .select(['k.id', 'k.name', 'k.scope', 'k.prefix', 'k.created_at', 'k.last_used_at', 'k.revoked_at', 't.name as created_by', 'k.technician_id'])
    .where('k.tenant_id', '=', tenantId);
}

export function listApiKeys(db: Db, tenantId: string) {
  return selectKeys(db, tenantId).orderBy('k.created_at', 'desc').limit(500).execute();
}

export function findApiKey(db: Db, tenantId: string, id: string) {
  return selectKeys(db, tenantId).where('k.id', '=', id).executeTakeFirst();
}

export type ApiKeyView = NonNullable<Awaited<ReturnType<typeof findApiKey>>>;

export function insertApiKey(db: Db, tenantId: string, v: { technicianId: string; name: string; scope: 'read' | 'write'; prefix: string; secretHash: string }) {
  return db
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, technician_id: v.technicianId, name: v.name, scope: v.scope, prefix: v.prefix, secret_hash: v.secretHash })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function revokeApiKey(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}
