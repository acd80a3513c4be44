import { type Kysely, sql } from 'kysely';

/**
 * Issue 12 (SS-3, SS-5, SS-6, SS-7): self-service.
 * - `contacts.phone_e164` / `phone_verified_at`: the number a contact proved by SMS (SS-6).
 * - `sms_settings`: the tenant's SMS provider (secrets sealed with the app key).
 * - `sms_messages`: every SMS; `body` is what the console may show once sent (secrets
 *   redacted), `body_enc` the sealed full text, dropped once an outside provider accepted it
 *   (kept for the console outbox, which IS the delivery when no provider is configured).
 * - `sms_codes`: hashed 6-digit codes, phone enrolment or one action on one device.
 * - `software_packages`, `self_service_settings` (private sources, the tenant kill switch).
 * - `self_service_requests`: request → code → confirm → command.
 * - `audit_log`: append-only, hash-chained per tenant (seq, prev_hash, hash).
 * Device and command ids are not foreign keys here: those tables belong to 0010_devices, and
 * requests and audit rows must outlive a device's deletion anyway.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table contacts add column phone_e164 text;
    alter table contacts add column phone_verified_at timestamptz;

    create table sms_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      settings jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table sms_messages (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      contact_id uuid references contacts(id) on delete set null,
      to_e164 text not null,
      kind text not null check (kind in ('phone-code', 'action-code', 'temporary-password', 'test')),
      body text not null,
      body_enc text,
      status text not null default 'queued' check (status in ('queued', 'sent', 'outbox', 'failed')),
      provider text,
      provider_id text,
      error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz
    );
    create index sms_messages_tenant_idx on sms_messages (tenant_id, created_at desc);
    create index sms_messages_to_idx on sms_messages (tenant_id, to_e164, created_at desc);

    create table sms_codes (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      purpose text not null check (purpose in ('phone', 'action')),
      phone_e164 text not null,
      device_id uuid,
      action text,
      code_hash text not null,
      attempts integer not null default 0,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index sms_codes_contact_idx on sms_codes (tenant_id, contact_id, created_at desc);
    create index sms_codes_phone_idx on sms_codes (tenant_id, phone_e164, created_at desc);
    create index sms_codes_tenant_idx on sms_codes (tenant_id, created_at desc);

    create table software_packages (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      chocolatey_id text,
      homebrew_formula text,
      homebrew_cask text,
      winget_id text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index software_packages_name_uq on software_packages (tenant_id, lower(name));

    create table self_service_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      chocolatey_source text,
      homebrew_tap text,
      paused boolean not null default false,
      updated_at timestamptz not null default now()
    );

    create table self_service_requests (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      customer_id uuid not null references customers(id) on delete cascade,
      device_id uuid not null,
      action text not null,
      package_id uuid references software_packages(id) on delete set null,
      status text not null check (status in ('awaiting-code', 'confirmed', 'cancelled', 'expired')),
      code_id uuid references sms_codes(id) on delete set null,
      command_id uuid,
      created_at timestamptz not null default now(),
      confirmed_at timestamptz
    );
    create index self_service_requests_contact_idx on self_service_requests (tenant_id, contact_id, created_at desc);
    create index self_service_requests_customer_idx on self_service_requests (tenant_id, customer_id, created_at desc);

    create table audit_log (
      tenant_id uuid not null references tenants(id) on delete cascade,
      seq bigint not null,
      at timestamptz not null,
      actor text not null,
      event text not null,
      subject text not null,
      data jsonb not null,
      prev_hash text not null,
      hash text not null,
      primary key (tenant_id, seq)
    );
    create index audit_log_subject_idx on audit_log (tenant_id, subject);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_log;
    drop table self_service_requests;
    drop table self_service_settings;
    drop table software_packages;
    drop table sms_codes;
    drop table sms_messages;
    drop table sms_settings;
    alter table contacts drop column phone_verified_at;
    alter table contacts drop column phone_e164;
  `.execute(db);
}
