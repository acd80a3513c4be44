import { type Kysely, sql } from 'kysely';

/**
 * Issue 12 (SS-4, SS-7): `self_service_requests.device_id` becomes a foreign key to the device
 * of the same tenant: `(tenant_id, device_id) → devices (tenant_id, id)`, so a request can never
 * name a device that does not exist or belongs to another tenant (a plain `device_id → id` key
 * would allow the latter). `devices (tenant_id, id)` gets the unique key such a reference needs.
 *
 * On delete cascade, like the device's `agent_commands` and `device_contacts`: a device goes
 * only with its customer or tenant (both already take the request with them), and the audit
 * log keeps the history. Requests already in the table that name no device of their tenant
 * (possible before this key) would stop the key from being added: they are removed first, as
 * the cascade would have removed them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from self_service_requests r
     where not exists (select 1 from devices d where d.id = r.device_id and d.tenant_id = r.tenant_id);
    alter table devices add constraint devices_tenant_id_id_key unique (tenant_id, id);
    alter table self_service_requests
      add constraint self_service_requests_device_id_fkey foreign key (tenant_id, device_id) references devices (tenant_id, id) on delete cascade;
    create index self_service_requests_device_idx on self_service_requests (tenant_id, device_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index self_service_requests_device_idx;
    alter table self_service_requests drop constraint self_service_requests_device_id_fkey;
    alter table devices drop constraint devices_tenant_id_id_key;
  `.execute(db);
}
