import { type Kysely, sql } from 'kysely';

/**
 * Issue 12 (SS-1, SS-2, SS-7, SS-8): devices running the Porta agent.
 * - `enrolment_tokens`: per customer, stored as SHA-256, multi-use until they expire or are
 *   revoked (one token may enrol a batch of machines for a customer during a roll-out);
 *   `used_at` records the last enrolment.
 * - `devices`: the agent's Ed25519 public key (raw, base64url), the last inventory, and
 *   `last_seen_at`. Online is derived: a live socket on some node refreshes `last_seen_at`
 *   at least every heartbeat, and `online` is set on connect and cleared on disconnect.
 * - `agent_commands`: one row per signed command. `signed_enc` is the signed command,
 *   AES-256-GCM sealed (reset-password carries a temporary password), kept only while it may
 *   still be delivered and erased at the first terminal or delivered state. `params_public`
 *   never holds a secret. Status changes are guarded in SQL (`where status = …`).
 * - `agent_command_events`: every transition with its time.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table enrolment_tokens (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      token_hash text not null,
      expires_at timestamptz not null,
      revoked_at timestamptz,
      used_at timestamptz,
      created_by uuid references technicians(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create unique index enrolment_tokens_hash_uq on enrolment_tokens (token_hash);
    create index enrolment_tokens_customer_idx on enrolment_tokens (tenant_id, customer_id, created_at desc);

    create table devices (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      public_key text not null,
      hostname text not null,
      os text not null check (os in ('windows', 'macos', 'linux')),
      inventory jsonb not null,
      online boolean not null default false,
      last_seen_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index devices_list_idx on devices (tenant_id, created_at desc, id desc);
    create index devices_customer_idx on devices (tenant_id, customer_id, created_at desc, id desc);

    create table device_contacts (
      tenant_id uuid not null references tenants(id) on delete cascade,
      device_id uuid not null references devices(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      primary key (device_id, contact_id)
    );
    create index device_contacts_contact_idx on device_contacts (tenant_id, contact_id);

    create table agent_commands (
      id uuid primary key,
      tenant_id uuid not null references tenants(id) on delete cascade,
      device_id uuid not null references devices(id) on delete cascade,
      action text not null,
      params_public jsonb not null,
      nonce text not null,
      verification_id uuid not null,
      requested_by_contact_id uuid,
      requested_by_technician_id uuid,
      signed_enc text,
      status text not null check (status in ('queued','sent','acknowledged','running','succeeded','failed','refused','expired','cancelled')),
      issued_at timestamptz not null,
      expires_at timestamptz not null,
      result_detail text,
      refusal_reason text
    );
    create index agent_commands_device_idx on agent_commands (tenant_id, device_id, issued_at desc);
    create index agent_commands_pending_idx on agent_commands (device_id, issued_at) where status = 'queued';
    create index agent_commands_open_idx on agent_commands (expires_at) where status in ('queued', 'sent');

    create table agent_command_events (
      id bigint generated always as identity primary key,
      command_id uuid not null references agent_commands(id) on delete cascade,
      tenant_id uuid not null references tenants(id) on delete cascade,
      status text not null,
      at timestamptz not null default clock_timestamp(),
      detail text
    );
    create index agent_command_events_command_idx on agent_command_events (command_id, id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table agent_command_events, agent_commands, device_contacts, devices, enrolment_tokens`.execute(db);
}
