import { type Kysely, sql } from 'kysely';

/**
 * Issue 13 item 5: per action kind, `allowed` | `confirm` | `approval`.
 * - `self_service_settings.action_policies`: the tenant default per action (missing key = allowed).
 * - `customers.action_policies`: the customer's override per action (missing key = tenant default).
 * - `self_service_requests`: two states before the SMS code (`awaiting-confirmation`,
 *   `awaiting-approval`) and one end (`denied`); who decided, when, why; when the request lapses
 *   (the partial index serves the lazy expiry, which runs whenever a tenant's requests are read).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table self_service_settings add column action_policies jsonb not null default '{}'::jsonb;
    alter table customers add column action_policies jsonb not null default '{}'::jsonb;

    alter table self_service_requests drop constraint self_service_requests_status_check;
    alter table self_service_requests add constraint self_service_requests_status_check
      check (status in ('awaiting-confirmation', 'awaiting-approval', 'awaiting-code', 'confirmed', 'cancelled', 'expired', 'denied'));
    alter table self_service_requests add column policy text not null default 'allowed';
    alter table self_service_requests add column expires_at timestamptz;
    alter table self_service_requests add column decided_by uuid;
    alter table self_service_requests add column decided_at timestamptz;
    alter table self_service_requests add column decision_reason text;
    create index self_service_requests_waiting_idx on self_service_requests (tenant_id, expires_at) where status in ('awaiting-confirmation', 'awaiting-approval');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index self_service_requests_waiting_idx;
    update self_service_requests set status = 'cancelled' where status in ('awaiting-confirmation', 'awaiting-approval', 'denied');
    alter table self_service_requests drop column decision_reason;
    alter table self_service_requests drop column decided_at;
    alter table self_service_requests drop column decided_by;
    alter table self_service_requests drop column expires_at;
    alter table self_service_requests drop column policy;
    alter table self_service_requests drop constraint self_service_requests_status_check;
    alter table self_service_requests add constraint self_service_requests_status_check
      check (status in ('awaiting-code', 'confirmed', 'cancelled', 'expired'));
    alter table customers drop column action_policies;
    alter table self_service_settings drop column action_policies;
  `.execute(db);
}
