import { Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDatabase, kyselyFor, startIsolatedDatabase } from '../../test/database.ts';
import { sharedDatabase } from '../../test/harness.ts';
import { constraintAnswer } from './constraint-answers.ts';
import { migrateToLatest } from './migrate.ts';
import { migrations } from './migrations/index.ts';

// Runs on a database of its own: it drops every table on the way down.
let iso: RunningDatabase;
beforeAll(async () => {
  iso = await startIsolatedDatabase(sharedDatabase());
});
afterAll(async () => {
  await iso?.stop();
});

async function tables(db: ReturnType<typeof kyselyFor>): Promise<string[]> {
  const r = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name not like 'porta_migrations%' order by 1`.execute(db);
  return r.rows.map((row) => row.name);
}

describe('migrations (P-1): one set for both engines', () => {
  it('are applied, are a no-op when current, and every one rolls back and re-applies', async () => {
    const db = kyselyFor(iso.info.connection, 1);
    try {
      expect(await migrateToLatest(db)).toEqual([]);
      const before = await tables(db);
      expect(before).toEqual(expect.arrayContaining(['tenants', 'technicians', 'customers', 'contacts', 'sessions', 'api_keys']));
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'porta_migrations', migrationLockTableName: 'porta_migrations_lock' });
      for (let i = 0; i < Object.keys(migrations).length; i++) {
        const { error } = await migrator.migrateDown();
        expect(error).toBeUndefined();
      }
      expect(await tables(db)).toEqual([]);
      expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
      expect(await tables(db)).toEqual(before);
    } finally {
      await db.destroy();
    }
  });

  it('0005 numbers each existing tenant\'s tickets on from its counter, and every new tenant from #1001 (T-1)', async () => {
    const db = kyselyFor(iso.info.connection, 1);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'porta_migrations', migrationLockTableName: 'porta_migrations_lock' });
    const next = async (tenantId: string) =>
      Number((await sql<{ n: string }>`select nextval(ticket_number_sequence(${tenantId}::uuid)::regclass) as n`.execute(db)).rows[0]?.n);
    try {
      await migrateToLatest(db);
      expect((await migrator.migrateTo('0002_tickets')).error).toBeUndefined();
      const old = await db.insertInto('tenants').values({ slug: 'counted', name: 'Counted' }).returning('id').executeTakeFirstOrThrow();
      await sql`insert into tenant_counters (tenant_id, name, value) values (${old.id}, 'ticket', 1041)`.execute(db);
      const unnumbered = await db.insertInto('tenants').values({ slug: 'unnumbered', name: 'Unnumbered' }).returning('id').executeTakeFirstOrThrow();
      await migrateToLatest(db);
      expect(await next(old.id)).toBe(1042);
      expect(await next(unnumbered.id)).toBe(1001);
      const fresh = await db.insertInto('tenants').values({ slug: 'fresh', name: 'Fresh' }).returning('id').executeTakeFirstOrThrow();
      expect([await next(fresh.id), await next(fresh.id)]).toEqual([1001, 1002]);
      await db.deleteFrom('tenants').where('id', '=', fresh.id).execute();
      const left = await sql<{ n: number }>`select count(*)::int as n from pg_class where relkind = 'S' and relname = ${`ticket_numbers_${fresh.id.replace(/-/g, '')}`}`.execute(db);
      expect(left.rows[0]?.n).toBe(0);
    } finally {
      await db.destroy();
    }
  });
  it('0007 builds the search words of existing tickets: public comments in both lists, internal notes in the console list only (#9 item 8)', async () => {
    const db = kyselyFor(iso.info.connection, 1);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'porta_migrations', migrationLockTableName: 'porta_migrations_lock' });
    const found = async (list: 'search_public' | 'search_all', q: string) =>
      (await sql<{ n: number }>`select count(*)::int as n from tickets where ${sql.ref(list)} @@ porta_ticket_query(${q})`.execute(db)).rows[0]?.n;
    try {
      await migrateToLatest(db);
      expect((await migrator.migrateTo('0005_ticket_number_sequences')).error).toBeUndefined();
      const tenant = await db.insertInto('tenants').values({ slug: 'searched', name: 'Searched' }).returning('id').executeTakeFirstOrThrow();
      const rows = await sql<{ id: string }>`
        with cu as (insert into customers (tenant_id, name) values (${tenant.id}, 'Acme') returning id),
        ct as (insert into contacts (tenant_id, customer_id, first_name, last_name, email, username, password_hash, language)
               select ${tenant.id}, cu.id, 'Carla', 'Rossi', 'carla@acme.example', 'carla.rossi', 'x', 'it' from cu returning id, customer_id),
        st as (insert into ticket_statuses (tenant_id, key, category, is_default) values (${tenant.id}, 'open', 'open', true) returning id)
        insert into tickets (tenant_id, number, customer_id, requester_id, status_id, subject, description, priority, type, impact)
        select ${tenant.id}, 1001, ct.customer_id, ct.id, st.id, 'Problema', 'La stampante è rotta', 'low', 'incident', 'low' from ct, st
        returning id`.execute(db);
      const ticketId = rows.rows[0]?.id ?? '';
      await sql`insert into ticket_comments (tenant_id, ticket_id, internal, body) values
        (${tenant.id}, ${ticketId}, false, 'Toner sostituito'), (${tenant.id}, ${ticketId}, true, 'Fattura scaduta')`.execute(db);
      await migrateToLatest(db);
      expect(await found('search_public', 'stampanti')).toBe(1);
      expect(await found('search_public', 'toner')).toBe(1);
      expect(await found('search_public', 'fattura')).toBe(0);
      expect(await found('search_all', 'fattura')).toBe(1);
      await sql`delete from ticket_comments where ticket_id = ${ticketId} and internal`.execute(db);
      expect(await found('search_all', 'fattura')).toBe(0);
      expect(await found('search_all', 'toner')).toBe(1);
      await sql`delete from tickets where id = ${ticketId}`.execute(db);
      expect(await found('search_all', 'toner')).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it('0012: a self-service request names a device of its own tenant; requests naming none are removed, the rest kept (SS-4)', async () => {
    const db = kyselyFor(iso.info.connection, 1);
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'porta_migrations', migrationLockTableName: 'porta_migrations_lock' });
    const world = async (slug: string) => {
      const tenant = await db.insertInto('tenants').values({ slug, name: slug }).returning('id').executeTakeFirstOrThrow();
      const r = await sql<{ tenant_id: string; customer_id: string; contact_id: string; device_id: string }>`
        with cu as (insert into customers (tenant_id, name) values (${tenant.id}, 'Acme') returning id),
        ct as (insert into contacts (tenant_id, customer_id, first_name, last_name, email, username, password_hash)
               select ${tenant.id}, cu.id, 'Carla', 'Rossi', ${`carla@${slug}.example`}, ${`carla.${slug}`}, 'x' from cu returning id, customer_id),
        dv as (insert into devices (tenant_id, customer_id, public_key, hostname, os, inventory)
               select ${tenant.id}, cu.id, 'key', 'PC-01', 'windows', '{}'::jsonb from cu returning id)
        select ${tenant.id}::uuid as tenant_id, ct.customer_id, ct.id as contact_id, dv.id as device_id from ct, dv`.execute(db);
      const w = r.rows[0];
      if (!w) throw new Error('no world');
      return w;
    };
    const request = (w: { tenant_id: string; customer_id: string; contact_id: string }, deviceId: string) =>
      sql<{ id: string }>`insert into self_service_requests (tenant_id, contact_id, customer_id, device_id, action, status)
        values (${w.tenant_id}, ${w.contact_id}, ${w.customer_id}, ${deviceId}, 'restart', 'awaiting-code') returning id`.execute(db).then((r) => r.rows[0]?.id ?? '');
    const requests = async () => (await sql<{ id: string }>`select id from self_service_requests order by id`.execute(db)).rows.map((r) => r.id);
    try {
      await migrateToLatest(db);
      expect((await migrator.migrateTo('0011_self_service')).error).toBeUndefined();
      const a = await world('fk-a');
      const b = await world('fk-b');
      const good = await request(a, a.device_id);
      await request(a, b.device_id); // another tenant's device
      await request(a, '00000000-0000-4000-8000-000000000099'); // no device at all
      await migrateToLatest(db);
      expect(await requests()).toEqual([good]);
      // From now on the database refuses both, by the key's name (answered DEVICE_NOT_FOUND).
      await expect(request(a, b.device_id)).rejects.toThrow(/self_service_requests_device_id_fkey/);
      await expect(request(a, '00000000-0000-4000-8000-000000000099')).rejects.toThrow(/self_service_requests_device_id_fkey/);
      expect(constraintAnswer(await request(a, b.device_id).catch((err: unknown) => err))).toBe('DEVICE_NOT_FOUND');
      // The device's requests go with it, like its commands.
      await sql`delete from devices where id = ${a.device_id}`.execute(db);
      expect(await requests()).toEqual([]);
      // And the step rolls back cleanly.
      expect((await migrator.migrateTo('0011_self_service')).error).toBeUndefined();
      expect(await request(a, b.device_id)).toMatch(/^[0-9a-f-]{36}$/);
      await sql`delete from self_service_requests`.execute(db);
      await migrateToLatest(db);
    } finally {
      await db.destroy();
    }
  });
});
