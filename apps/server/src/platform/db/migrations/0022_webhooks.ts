import { type Kysely, sql } from 'kysely';

/**
 * Issue 15 item 1 (P-2): outgoing webhooks.
 * - `webhook_endpoints`: an admin's HTTPS target, the event types it subscribes to, and its
 *   signing secret sealed with the app key (the server must sign, so it is kept reversibly;
 *   it is shown once, at creation).
 * - `webhook_deliveries`: one message to one endpoint. Its id (`msg_…`) and serialised body are
 *   written once and sent byte for byte on every retry and on "send again"; the outbox row
 *   (topic `webhook`, payload `{ deliveryId }`) carries the retries. The console's delivery log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table webhook_endpoints (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      url text not null,
      description text not null default '',
      event_types text[] not null,
      enabled boolean not null default true,
      secret_enc text not null,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index webhook_endpoints_tenant_idx on webhook_endpoints (tenant_id, created_at);

    create table webhook_deliveries (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      endpoint_id uuid not null references webhook_endpoints(id) on delete cascade,
      message_id text not null,
      event_type text not null,
      body text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
      attempts integer not null default 0,
      response_status integer,
      last_error text,
      created_at timestamptz not null default now(),
      last_attempt_at timestamptz,
      delivered_at timestamptz
    );
    create index webhook_deliveries_endpoint_idx on webhook_deliveries (tenant_id, endpoint_id, created_at desc);
    create index webhook_deliveries_endpoint_fk_idx on webhook_deliveries (endpoint_id);
    -- The retention prune (features/webhooks/webhook-retention.ts) finds finished messages by age.
    create index webhook_deliveries_finished_idx on webhook_deliveries (status, (coalesce(last_attempt_at, created_at))) where status <> 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table webhook_deliveries; drop table webhook_endpoints;`.execute(db);
}
