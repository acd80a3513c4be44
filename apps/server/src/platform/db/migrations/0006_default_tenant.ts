import { type Kysely, sql } from 'kysely';

/**
 * Issue 9 item 3: the platform's default tenant, the one that answers on any host that names
 * no tenant (the plain `localhost:<PORT>` or `PORTA_PUBLIC_URL`'s host of a single-server install).
 *
 * One row at most. No row: the first tenant (oldest) is the default. A row with a tenant: that
 * tenant. A row with a null tenant: no default (hosted multi-tenant installs; an unknown host
 * gets a neutral page). Deleting the chosen tenant deletes the row, so the first tenant takes over.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table default_tenant (
      only_row boolean primary key default true check (only_row),
      tenant_id uuid references tenants(id) on delete cascade,
      updated_at timestamptz not null default now()
    );
    create index tenants_created_idx on tenants (created_at, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index tenants_created_idx;
    drop table default_tenant;
  `.execute(db);
}
