import { type Kysely, sql } from 'kysely';

/**
 * Issue 13 (AI-1..AI-6): the assistant.
 * - `assistant_sessions`: one chat of one contact (owner-scoped); `ticket_id` is the session's
 *   transcript ticket when "assistant creates a ticket" is on, or the ticket it escalated to.
 * - `assistant_messages`: the contact's and the assistant's turns; `cards` what the portal draws
 *   (action cards carry the self-service request id), `interpretation` what was understood.
 * - `assistant_model_keys`: the tenant's model API key, sealed with the app key (write-only).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table assistant_sessions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      customer_id uuid not null,
      title text not null,
      ticket_id uuid references tickets(id) on delete set null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index assistant_sessions_contact_idx on assistant_sessions (tenant_id, contact_id, updated_at desc);

    create table assistant_messages (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      session_id uuid not null references assistant_sessions(id) on delete cascade,
      role text not null check (role in ('contact', 'assistant')),
      text text not null,
      cards jsonb not null default '[]'::jsonb,
      interpretation jsonb,
      created_at timestamptz not null default clock_timestamp()
    );
    create index assistant_messages_session_idx on assistant_messages (tenant_id, session_id, created_at);

    create table assistant_model_keys (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      api_key_enc text not null,
      updated_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table assistant_model_keys; drop table assistant_messages; drop table assistant_sessions;`.execute(db);
}
