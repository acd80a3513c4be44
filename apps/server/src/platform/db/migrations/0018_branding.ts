import { type Kysely, sql } from 'kysely';

/**
 * Issue 14 item 4 (D-4): a tenant's branding. Portal name and primary colour (null: the
 * tenant's name, the product's colour); logo and favicon as bytes with the type sniffed from
 * them and a content hash, which names them in their cacheable URL.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tenant_branding (
    tenant_id uuid primary key references tenants(id) on delete cascade,
    portal_name text,
    primary_color text,
    logo bytea,
    logo_type text,
    logo_hash text,
    favicon bytea,
    favicon_type text,
    favicon_hash text,
    updated_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tenant_branding`.execute(db);
}
