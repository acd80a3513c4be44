import { type Kysely, sql } from 'kysely';

/**
 * Tickets (T-1..T-8): statuses, tickets with per-tenant numbers, comments, attachments,
 * custom fields, portal settings and the outbox. Index choices: docs/ARCHITECTURE.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create extension if not exists pg_trgm;

    create table tenant_counters (
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      value bigint not null,
      primary key (tenant_id, name)
    );

    create table ticket_statuses (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null,
      name text,
      category text not null check (category in ('open', 'closed')),
      is_default boolean not null default false,
      position integer not null default 0,
      unique (tenant_id, key)
    );

    create table tickets (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      number integer not null,
      customer_id uuid not null references customers(id) on delete restrict,
      requester_id uuid not null references contacts(id) on delete restrict,
      subject text not null,
      description text not null default '',
      status_id uuid not null references ticket_statuses(id) on delete restrict,
      priority text not null check (priority in ('low', 'medium', 'high', 'critical')),
      type text not null check (type in ('question', 'incident', 'problem', 'request')),
      impact text not null check (impact in ('low', 'medium', 'high')),
      assignee_id uuid references technicians(id) on delete set null,
      due_at timestamptz,
      billed boolean not null default false,
      billed_minutes integer not null default 0,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (tenant_id, number)
    );
    create index tickets_queue_idx on tickets (tenant_id, created_at desc, id desc);
    create index tickets_status_idx on tickets (tenant_id, status_id, created_at desc, id desc);
    create index tickets_customer_idx on tickets (tenant_id, customer_id, status_id, created_at desc, id desc);
    create index tickets_customer_recent_idx on tickets (tenant_id, customer_id, created_at desc, id desc);
    create index tickets_requester_idx on tickets (tenant_id, requester_id, status_id, created_at desc, id desc);
    create index tickets_requester_recent_idx on tickets (tenant_id, requester_id, created_at desc, id desc);
    create index tickets_assignee_idx on tickets (tenant_id, assignee_id, created_at desc, id desc);
    create index tickets_subject_trgm_idx on tickets using gin (subject gin_trgm_ops);

    create table ticket_comments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null references tickets(id) on delete cascade,
      author_contact_id uuid references contacts(id) on delete set null,
      author_technician_id uuid references technicians(id) on delete set null,
      internal boolean not null default false,
      body text not null,
      created_at timestamptz not null default now()
    );
    create index ticket_comments_ticket_idx on ticket_comments (ticket_id, created_at);

    create table ticket_attachments (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null references tickets(id) on delete cascade,
      comment_id uuid references ticket_comments(id) on delete set null,
      filename text not null,
      content_type text not null,
      size bigint not null,
      storage_key text not null,
      uploaded_by_contact_id uuid references contacts(id) on delete set null,
      uploaded_by_technician_id uuid references technicians(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index ticket_attachments_ticket_idx on ticket_attachments (ticket_id, created_at);

    create table custom_fields (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      key text not null,
      label text not null,
      type text not null check (type in ('text', 'longText', 'number', 'date', 'dropdown', 'checkbox')),
      options jsonb not null default '[]',
      position integer not null default 0,
      unique (tenant_id, key)
    );

    create table ticket_field_values (
      tenant_id uuid not null references tenants(id) on delete cascade,
      ticket_id uuid not null references tickets(id) on delete cascade,
      field_id uuid not null references custom_fields(id) on delete cascade,
      value jsonb not null,
      primary key (ticket_id, field_id)
    );

    create table portal_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      settings jsonb not null,
      updated_at timestamptz not null default now()
    );

    create table outbox (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      topic text not null,
      payload jsonb not null,
      status text not null default 'pending' check (status in ('pending', 'done', 'dead')),
      attempts integer not null default 0,
      available_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      processed_at timestamptz
    );
    create index outbox_pending_idx on outbox (available_at) where status = 'pending';
    create index outbox_tenant_idx on outbox (tenant_id, created_at desc);

    insert into ticket_statuses (tenant_id, key, category, is_default, position)
    select t.id, s.key, s.category, true, s.position
    from tenants t
    cross join (values ('open', 'open', 0), ('pending', 'open', 1), ('resolved', 'closed', 2), ('closed', 'closed', 3)) as s(key, category, position);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table outbox, portal_settings, ticket_field_values, custom_fields, ticket_attachments, ticket_comments,
      tickets, ticket_statuses, tenant_counters;
  `.execute(db);
}
