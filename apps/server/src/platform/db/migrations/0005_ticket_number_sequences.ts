import { type Kysely, sql } from 'kysely';

/**
 * Ticket numbers come from one sequence per tenant instead of a counter row (T-1).
 *
 * The counter row was locked from the number's allocation to the commit, so every ticket
 * creation of a tenant waited for the previous one's commit (WAL flush included): creations
 * were serialised. A sequence hands out numbers without a lock held to the commit. Numbers stay
 * per tenant, increasing in creation order and human-friendly (#1001, #1002, …); a rolled-back
 * creation leaves a gap, as in most service desks. A trigger creates the sequence with its
 * tenant, so no code path can forget it, and drops it with the tenant.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function ticket_number_sequence(tenant uuid) returns text
      language sql immutable parallel safe
      as $$ select 'ticket_numbers_' || replace(tenant::text, '-', '') $$;

    create function tenant_ticket_sequence_sync() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        execute format('create sequence if not exists %I as bigint start 1001', ticket_number_sequence(new.id));
        return new;
      end if;
      execute format('drop sequence if exists %I', ticket_number_sequence(old.id));
      return old;
    end $$;

    create trigger tenants_ticket_sequence_created after insert on tenants
      for each row execute function tenant_ticket_sequence_sync();
    create trigger tenants_ticket_sequence_dropped after delete on tenants
      for each row execute function tenant_ticket_sequence_sync();

    do $$
    declare r record;
    begin
      for r in
        select t.id, coalesce((select c.value from tenant_counters c where c.tenant_id = t.id and c.name = 'ticket'), 1000) + 1 as next
        from tenants t
      loop
        execute format('create sequence if not exists %I as bigint start %s', ticket_number_sequence(r.id), r.next);
      end loop;
    end $$;

    drop table tenant_counters;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table tenant_counters (
      tenant_id uuid not null references tenants(id) on delete cascade,
      name text not null,
      value bigint not null,
      primary key (tenant_id, name)
    );
    insert into tenant_counters (tenant_id, name, value)
      select tenant_id, 'ticket', max(number) from tickets group by tenant_id;
    drop trigger tenants_ticket_sequence_created on tenants;
    drop trigger tenants_ticket_sequence_dropped on tenants;
    do $$
    declare r record;
    begin
      for r in select id from tenants loop
        execute format('drop sequence if exists %I', ticket_number_sequence(r.id));
      end loop;
    end $$;
    drop function tenant_ticket_sequence_sync();
    drop function ticket_number_sequence(uuid);
  `.execute(db);
}
