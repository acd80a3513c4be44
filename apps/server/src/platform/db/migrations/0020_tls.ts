import { type Kysely, sql } from 'kysely';

/**
 * Issue 14 item 3 (D-3): automatic TLS. One row per host Porta holds (or is getting) a
 * certificate for, shared by every node: the chain, the private key sealed with
 * PORTA_SECRET_KEY, and the state (pending, valid, failed with reason and next retry).
 * ACME HTTP-01 answers live in the database so whichever node the CA reaches answers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create table tls_certificates (
    host text primary key,
    tenant_id uuid references tenants(id) on delete cascade,
    state text not null default 'pending' check (state in ('pending', 'valid', 'failed')),
    cert_pem text,
    key_sealed text,
    not_after timestamptz,
    failure_reason text,
    attempts integer not null default 0,
    next_attempt_at timestamptz,
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index tls_certificates_tenant_idx on tls_certificates (tenant_id)`.execute(db);
  await sql`create table acme_challenges (
    token text primary key,
    key_authorization text not null,
    host text not null,
    created_at timestamptz not null default now()
  )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table acme_challenges`.execute(db);
  await sql`drop table tls_certificates`.execute(db);
}
