import { type Kysely, sql } from 'kysely';

/**
 * Issue 15 item 5: the Atera importer (features/imports-atera). One job row per run: where it
 * stands (`phase` + `page`, and for comments the Atera ticket whose comments are being read),
 * what it did (`counts`), its last error, and the Atera API key sealed with the app key
 * (AES-256-GCM, like TOTP seeds) so the job can resume after a restart; the key is erased when
 * the job ends (done or cancelled). At most one unfinished job per tenant.
 *
 * `atera_import_map` remembers which Porta row each Atera object became, so running again or
 * resuming never writes an object twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table atera_import_jobs (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      status text not null check (status in ('running', 'failed', 'cancelled', 'done')),
      base_url text not null,
      api_key_enc text,
      phase text not null check (phase in ('customers', 'contacts', 'tickets', 'comments', 'articles', 'finished')),
      page integer not null default 1 check (page >= 1),
      comment_ticket text,
      step integer not null default 0,
      counts jsonb not null default '{}',
      last_error_code text,
      last_error text,
      started_by uuid references technicians(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create unique index atera_import_jobs_open_uq on atera_import_jobs (tenant_id) where status in ('running', 'failed');
    create index atera_import_jobs_tenant_idx on atera_import_jobs (tenant_id, created_at desc);

    create table atera_import_map (
      tenant_id uuid not null references tenants(id) on delete cascade,
      kind text not null check (kind in ('customer', 'contact', 'ticket', 'comment', 'article')),
      external_id text not null,
      porta_id uuid not null,
      primary key (tenant_id, kind, external_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table atera_import_map, atera_import_jobs`.execute(db);
}
