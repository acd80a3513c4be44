import { type Kysely, sql } from 'kysely';

/**
 * Issue 14 item 2 (D-2): a tenant's custom portal domains. `name` is stored lower case and in
 * punycode. One live claim per name across all tenants (partial unique index); a removed domain
 * stays as a tombstone (`state = 'removed'`) so its host keeps answering the neutral page
 * instead of falling back to the default tenant. `failures` counts consecutive failed checks of
 * a verified domain (the grace period before it stops routing).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tenant_domains (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      state text not null default 'pending' check (state in ('pending', 'verified', 'failed', 'removed')),
      failure_reason text,
      failures integer not null default 0,
      checked_at timestamptz,
      verified_at timestamptz,
      created_at timestamptz not null default now(),
      check (name = lower(name))
    )
  `.execute(db);
  await sql`create unique index tenant_domains_name_key on tenant_domains (lower(name)) where state <> 'removed'`.execute(db);
  await sql`create index tenant_domains_tenant_idx on tenant_domains (tenant_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table tenant_domains`.execute(db);
}
