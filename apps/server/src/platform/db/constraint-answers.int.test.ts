import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { constraintAnswer, MISSING_REFERENCE, STILL_REFERENCED, UNIQUE_CLASH } from './constraint-answers.ts';

/**
 * Issue 10, item 2: every foreign key and unique constraint of the schema has its answer, and
 * both engines hand the constraint's name to the error mapping, from a plain query or a
 * transaction.
 */
const t = useTestApp();

interface ForeignKey {
  name: string;
  on_delete: string;
  columns: string[];
  referenced_columns: string[];
}

async function foreignKeys(): Promise<ForeignKey[]> {
  const { rows } = await sql<ForeignKey>`
    select k.conname as name, k.confdeltype as on_delete,
      array(select a.attname::text from unnest(k.conkey) c join pg_attribute a on a.attrelid = k.conrelid and a.attnum = c) as columns,
      array(select a.attname::text from unnest(k.confkey) c join pg_attribute a on a.attrelid = k.confrelid and a.attnum = c) as referenced_columns
    from pg_constraint k
    where k.contype = 'f' and k.connamespace = 'public'::regnamespace
    order by 1`.execute(t.ctx.db);
  return rows;
}

/** Unique constraints, primary keys and unique indexes alike: each can raise 23505. */
async function uniqueNames(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indisunique and c.relnamespace = 'public'::regnamespace
    order by 1`.execute(t.ctx.db);
  return rows.map((r) => r.name);
}

describe('constraint answers cover the schema (issue 10)', () => {
  it('every foreign key names the not-found code of the table it references, and no entry is stale', async () => {
    const fks = await foreignKeys();
    expect(fks.length).toBeGreaterThan(40);
    expect(fks.map((f) => f.name).filter((n) => !(n in MISSING_REFERENCE)), 'foreign keys without an entry in MISSING_REFERENCE').toEqual([]);
    expect(Object.keys(MISSING_REFERENCE).filter((n) => !fks.some((f) => f.name === n)), 'entries naming no foreign key').toEqual([]);
  });

  it('only RESTRICT foreign keys can refuse a delete, and each has its 409', async () => {
    const fks = await foreignKeys();
    // NO ACTION ('a') would refuse a delete too, with no entry to say what that means.
    expect(fks.filter((f) => !['c', 'n', 'r'].includes(f.on_delete)).map((f) => f.name)).toEqual([]);
    expect(fks.filter((f) => f.on_delete === 'r').map((f) => f.name).sort()).toEqual(Object.keys(STILL_REFERENCED).sort());
  });

  it('every foreign key references an `id` (alone, or with `tenant_id` for a tenant-scoped key) from a column of another name (how the two sides of a violation are told apart)', async () => {
    for (const f of await foreignKeys()) {
      const scoped = f.referenced_columns.includes('tenant_id');
      expect([...f.referenced_columns].sort(), f.name).toEqual(scoped ? ['id', 'tenant_id'] : ['id']);
      expect(f.columns, f.name).not.toContain('id');
      // A tenant-scoped key pairs the tenants of both rows.
      if (scoped) expect([...f.columns].sort()[1], f.name).toBe('tenant_id');
    }
  });

  it('every unique constraint and unique index has its 409, and no entry is stale', async () => {
    const names = await uniqueNames();
    expect(names.filter((n) => !(n in UNIQUE_CLASH)), 'unique indexes without an entry in UNIQUE_CLASH').toEqual([]);
    expect(Object.keys(UNIQUE_CLASH).filter((n) => !names.includes(n)), 'entries naming no unique index').toEqual([]);
  });
});

describe('the engine reports the constraint; both sides of a foreign key are told apart', () => {
  let fx: TenantFixture;
  let customerId: string;
  beforeAll(async () => {
    fx = await makeTenant(t.ctx);
    customerId = (await makeCustomer(t.ctx, fx.tenant.id)).id;
    await makeContact(t.ctx, fx.tenant.id, customerId);
  });

  const caught = async (work: () => Promise<unknown>): Promise<unknown> => {
    try {
      await work();
    } catch (err) {
      return err;
    }
    throw new Error('expected the database to refuse');
  };

  it('a reference to a missing row, from a plain query and inside a transaction (rolled back)', async () => {
    const ghost = randomUUID();
    const plain = await caught(() => t.ctx.db.insertInto('customer_domains').values({ tenant_id: fx.tenant.id, customer_id: ghost, domain: 'ghost.example' }).execute());
    expect(plain).toMatchObject({ code: '23503', constraint: 'customer_domains_customer_id_fkey' });
    expect(constraintAnswer(plain)).toBe('CUSTOMER_NOT_FOUND');

    const name = `half-${randomUUID()}`;
    const inTransaction = await caught(() =>
      t.ctx.db.transaction().execute(async (trx) => {
        await trx.insertInto('customers').values({ tenant_id: fx.tenant.id, name }).execute();
        await trx.insertInto('customer_domains').values({ tenant_id: fx.tenant.id, customer_id: ghost, domain: 'ghost.example' }).execute();
      }),
    );
    expect(constraintAnswer(inTransaction)).toBe('CUSTOMER_NOT_FOUND');
    const left = await t.ctx.db.selectFrom('customers').select('id').where('tenant_id', '=', fx.tenant.id).where('name', '=', name).execute();
    expect(left).toEqual([]);
  });

  it('deleting a row still referenced through a RESTRICT key answers its 409 code', async () => {
    const err = await caught(() => t.ctx.db.deleteFrom('customers').where('tenant_id', '=', fx.tenant.id).where('id', '=', customerId).execute());
    // PostgreSQL 15 says 23503 (foreign_key_violation), PGlite (17) 23001 (restrict_violation).
    expect(err).toMatchObject({ constraint: 'contacts_customer_id_fkey' });
    expect(['23503', '23001']).toContain((err as { code: string }).code);
    expect(constraintAnswer(err)).toBe('CUSTOMER_HAS_CONTACTS');
  });

  it('a unique clash answers the code of its constraint, CONFLICT for one without', async () => {
    const slug = await t.ctx.db.selectFrom('tenants').select('slug').where('id', '=', fx.tenant.id).executeTakeFirstOrThrow();
    const err = await caught(() => t.ctx.db.insertInto('tenants').values({ name: 'Twin', slug: slug.slug }).execute());
    expect(err).toMatchObject({ code: '23505', constraint: 'tenants_slug_key' });
    expect(constraintAnswer(err)).toBe('TENANT_SLUG_TAKEN');
    expect(constraintAnswer({ code: '23505', constraint: 'some_new_uq' })).toBe('CONFLICT');
  });

  it('other errors are not constraint answers', () => {
    expect(constraintAnswer(new Error('boom'))).toBeUndefined();
    expect(constraintAnswer({ code: '22P02' })).toBeUndefined();
    expect(constraintAnswer(null)).toBeUndefined();
  });
});
