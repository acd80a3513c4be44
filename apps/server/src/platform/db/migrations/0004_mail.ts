import { sql, type Kysely } from 'kysely';

/**
 * Issue 5 (A-2, A-3, A-4, T-9): e-mail out (mails are `outbox` rows of topic `mail`, with a
 * `held` state for installs without SMTP), e-mail in (dedup store, failed-mail store, thread
 * references), password reset tokens, per-tenant mail settings and the per-domain rate limit.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table outbox drop constraint if exists outbox_status_check;
    alter table outbox add constraint outbox_status_check check (status in ('pending', 'done', 'dead', 'held'));
    create index outbox_mail_idx on outbox (tenant_id, status, created_at desc) where topic = 'mail';

    alter table contacts add column email_tickets boolean not null default true;
    alter table contacts add column notify_company_tickets boolean not null default false;

    create table mail_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      settings jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table mail_inbound_addresses (
      address text primary key,
      tenant_id uuid not null references tenants(id) on delete cascade
    );
    create index mail_inbound_addresses_tenant_idx on mail_inbound_addresses (tenant_id);

    create table mail_inbound (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      message_id text,
      content_hash text not null,
      from_address text,
      subject text,
      status text not null check (status in ('ticket', 'comment', 'ignored', 'rejected', 'failed')),
      reason text,
      ticket_id uuid references tickets(id) on delete set null,
      comment_id uuid references ticket_comments(id) on delete set null,
      raw bytea,
      received_at timestamptz not null default now()
    );
    create unique index mail_inbound_message_uq on mail_inbound (tenant_id, message_id) where message_id is not null and status <> 'failed';
    create unique index mail_inbound_hash_uq on mail_inbound (tenant_id, content_hash) where status <> 'failed';
    create index mail_inbound_tenant_idx on mail_inbound (tenant_id, status, received_at desc);

    create table mail_thread_refs (
      tenant_id uuid not null references tenants(id) on delete cascade,
      message_id text not null,
      ticket_id uuid not null references tickets(id) on delete cascade,
      primary key (tenant_id, message_id)
    );

    create table password_resets (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      token_hash text not null unique,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now()
    );
    create index password_resets_contact_idx on password_resets (tenant_id, contact_id, created_at desc);

    create table mail_domain_rate (
      tenant_id uuid not null references tenants(id) on delete cascade,
      domain text not null,
      kind text not null,
      window_started_at timestamptz not null,
      count integer not null,
      primary key (tenant_id, domain, kind)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table mail_domain_rate, password_resets, mail_thread_refs, mail_inbound, mail_inbound_addresses, mail_settings;
    alter table contacts drop column notify_company_tickets, drop column email_tickets;
    drop index outbox_mail_idx;
    update outbox set status = 'dead' where status = 'held';
    alter table outbox drop constraint outbox_status_check;
    alter table outbox add constraint outbox_status_check check (status in ('pending', 'done', 'dead'));
  `.execute(db);
}
