import { type Kysely, sql } from 'kysely';

/**
 * Tenants, people, sessions and credentials. PostgreSQL 15 syntax only (CI's server);
 * PGlite is newer and accepts all of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tenants (
      id uuid primary key default gen_random_uuid(),
      slug text not null unique,
      name text not null,
      default_language text not null default 'en',
      require_totp boolean not null default false,
      created_at timestamptz not null default now()
    );

    create table technicians (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      email text not null,
      password_hash text not null,
      is_admin boolean not null default false,
      language text not null default 'en',
      totp_secret_enc text,
      totp_pending_enc text,
      totp_enabled_at timestamptz,
      totp_last_step bigint,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index technicians_email_uq on technicians (tenant_id, email);
    create index technicians_name_idx on technicians (tenant_id, lower(name), id);

    create table technician_recovery_codes (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      technician_id uuid not null references technicians(id) on delete cascade,
      code_hash text not null,
      used_at timestamptz
    );
    create index recovery_codes_tech_idx on technician_recovery_codes (tenant_id, technician_id);

    create table customers (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index customers_name_idx on customers (tenant_id, lower(name), id);

    create table customer_domains (
      tenant_id uuid not null references tenants(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      domain text not null,
      primary key (tenant_id, domain)
    );
    create index customer_domains_customer_idx on customer_domains (customer_id);

    create table contacts (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete restrict,
      first_name text not null,
      last_name text not null,
      email text not null,
      username text not null,
      password_hash text not null,
      initial_password_enc text,
      password_changed_at timestamptz,
      is_primary boolean not null default false,
      language text not null default 'en',
      phone text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index contacts_username_uq on contacts (tenant_id, username);
    create unique index contacts_email_uq on contacts (tenant_id, email);
    create index contacts_name_idx on contacts (tenant_id, lower(last_name), lower(first_name), id);
    create index contacts_customer_idx on contacts (tenant_id, customer_id, lower(last_name), lower(first_name), id);

    create table sessions (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      token_hash text not null unique,
      kind text not null check (kind in ('technician', 'contact')),
      subject_id uuid not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text
    );
    create index sessions_subject_idx on sessions (tenant_id, kind, subject_id);
    create index sessions_expires_idx on sessions (expires_at);

    create table api_keys (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      technician_id uuid not null references technicians(id) on delete cascade,
      name text not null,
      scope text not null check (scope in ('read', 'write')),
      prefix text not null,
      secret_hash text not null unique,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );
    create index api_keys_tenant_idx on api_keys (tenant_id, created_at);

    create table login_throttle (
      key text primary key,
      failures integer not null,
      window_started_at timestamptz not null,
      blocked_until timestamptz
    );

    create table instance_settings (
      key text primary key,
      value text not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table instance_settings, login_throttle, api_keys, sessions, contacts, customer_domains,
      customers, technician_recovery_codes, technicians, tenants;
  `.execute(db);
}
