/**
 * Set-based seeding for bench/tickets: technicians, customers, contacts and N tickets in one
 * tenant with `INSERT … SELECT generate_series`, on the app's own schema (a database the
 * repo's boot() migrated). Deterministic (setseed), so runs compare.
 *
 * Shape: `customers` customers with 5 contacts each (the first one primary); one target
 * customer ("Customer 0001") gets exactly `targetTickets` tickets, every (N / targetTickets)-th
 * one, so they are spread over the whole history; the others share the rest with a skew
 * (low customer numbers get more). Ticket i (1..N) was created (N - i) × 730 days / N ago and
 * has number 1000 + i, so numbers follow creation order as the app's counter makes them; the
 * tenant's `ticket` counter is set to the last number. Status depends on age (recent tickets
 * are mostly open or pending, old ones closed); priority, type, impact, assignee, due date
 * and billing vary.
 *
 * Speed: the secondary indexes of `tickets` (read from pg_indexes, so they stay the
 * migration's own) are dropped, the rows inserted, and the indexes rebuilt from the same
 * definitions, which sorts once instead of updating nine indexes per row; foreign-key
 * triggers are skipped for the insert (session_replication_role = replica: the rows
 * reference what the same transaction just read). Then VACUUM ANALYZE, as autovacuum would
 * leave a table this size (visibility map set, statistics current).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../apps/server/src/platform/db/schema.ts';

export interface TicketSeedSpec {
  tenantId: string;
  tickets: number;
  customers: number;
  targetTickets: number;
  technicians: number;
  contactsPerCustomer: number;
  passwordHash: string;
}

export interface TicketSeedResult {
  /** The target customer, its primary contact (the bench signs in as them) and their username. */
  customerId: string;
  contactId: string;
  username: string;
  counts: { tickets: number; targetTickets: number; targetOpen: number; byStatus: Record<string, number> };
  ms: { people: number; insert: number; indexes: number; vacuumAnalyze: number; total: number };
  rebuiltIndexes: string[];
  tableMiB: number;
  indexesMiB: number;
}

const SUBJECTS = [
  'Printer offline on 2nd floor',
  'VPN does not connect from home',
  'Outlook keeps asking for password',
  'New laptop for onboarding',
  'Shared drive is slow',
  'Cannot print to PDF',
  'Request access to finance folder',
  'Teams calls drop after a minute',
  'Backup job failed overnight',
  'Wi-Fi in meeting room unstable',
  'Password reset for ERP',
  'Phishing e-mail reported',
  'Monitor flickers',
  'Install Adobe Acrobat',
  'Server disk almost full',
  'MFA phone replaced',
];

export async function seedTickets(db: Kysely<Database>, s: TicketSeedSpec): Promise<TicketSeedResult> {
  if (s.tickets % s.targetTickets !== 0) throw new Error('tickets must be a multiple of targetTickets');
  const every = s.tickets / s.targetTickets;
  const t0 = performance.now();
  const tenant = s.tenantId;

  await sql`
    insert into technicians (tenant_id, name, email, password_hash)
    select ${tenant}, 'Technician ' || i, 'tech' || i || '@msp.example', ${s.passwordHash}
    from generate_series(1, ${s.technicians}::int) i
  `.execute(db);
  await sql`
    insert into customers (tenant_id, name)
    select ${tenant}, 'Customer ' || lpad(i::text, 4, '0') from generate_series(1, ${s.customers}::int) i
  `.execute(db);
  await sql`
    with cu as (select id, row_number() over (order by name)::int as k from customers where tenant_id = ${tenant})
    insert into contacts (tenant_id, customer_id, first_name, last_name, email, username, password_hash, is_primary, language)
    select ${tenant}, cu.id, initcap(substr(md5('f' || cu.k || '-' || j), 1, 7)), initcap(substr(md5('l' || cu.k || '-' || j), 1, 9)),
           'contact' || j || '@customer' || cu.k || '.example', 'contact-' || cu.k || '-' || j, ${s.passwordHash}, j = 1,
           (array['en','fr','de','es','it'])[1 + (cu.k + j) % 5]
    from cu cross join generate_series(1, ${s.contactsPerCustomer}::int) j
  `.execute(db);
  const tPeople = performance.now();

  const target = await db
    .selectFrom('contacts as c')
    .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
    .select(['c.id as contactId', 'cu.id as customerId', 'c.username'])
    .where('c.tenant_id', '=', tenant)
    .where('cu.name', '=', 'Customer 0001')
    .where('c.is_primary', '=', true)
    .executeTakeFirstOrThrow();

  let tInsert = 0;
  let tIndexes = 0;
  const rebuilt: string[] = [];
  await db.transaction().execute(async (trx) => {
    const idx = await sql<{ indexname: string; indexdef: string }>`
      select i.indexname, i.indexdef from pg_indexes i
      where i.schemaname = current_schema() and i.tablename = 'tickets'
        and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
      order by i.indexname
    `.execute(trx);
    for (const { indexname } of idx.rows) await sql`drop index ${sql.id(indexname)}`.execute(trx);
    await sql`set local session_replication_role = replica`.execute(trx);
    await sql`set local maintenance_work_mem = '256MB'`.execute(trx);
    await sql`select setseed(0.42)`.execute(trx);
    const t1 = performance.now();
    await sql`
      with cu as (
        select id, row_number() over (order by name)::int as k from customers where tenant_id = ${tenant}
      ), ct as (
        select c.id, c.language, cu.k, row_number() over (partition by c.customer_id order by c.username)::int as j
        from contacts c join cu on cu.id = c.customer_id where c.tenant_id = ${tenant}
      ), st as (
        select id, key from ticket_statuses where tenant_id = ${tenant}
      ), tech as (
        select array_agg(id order by email) as ids from technicians where tenant_id = ${tenant} and not is_admin
      ), g as (
        select i,
               case when i % ${every}::int = 0 then 1
                    else 2 + least(${s.customers - 2}::int, floor(${s.customers - 1}::int * power(random(), 1.6))::int) end as ck,
               1 + floor(random() * ${s.contactsPerCustomer}::int)::int as cj,
               (${s.tickets}::int - i) * 730.0 / ${s.tickets}::int as days_ago,
               random() as r_status, random() as r_prio, random() as r_type, random() as r_misc
        from generate_series(1, ${s.tickets}::int) i
      ), g2 as (
        select g.*, now() - make_interval(secs => days_ago * 86400) as created,
               case
                 when days_ago < 14 then case when r_status < 0.45 then 'open' when r_status < 0.70 then 'pending' when r_status < 0.90 then 'resolved' else 'closed' end
                 when days_ago < 60 then case when r_status < 0.15 then 'open' when r_status < 0.25 then 'pending' when r_status < 0.60 then 'resolved' else 'closed' end
                 else case when r_status < 0.015 then 'open' when r_status < 0.02 then 'pending' when r_status < 0.10 then 'resolved' else 'closed' end
               end as status_key
        from g
      )
      insert into tickets (tenant_id, number, customer_id, requester_id, subject, description, status_id, priority, type, impact,
                           assignee_id, due_at, billed, billed_minutes, created_at, updated_at, search_public, search_all)
      select ${tenant}, 1000 + g2.i, cu.id, ct.id, x.subject, x.description,
             st.id,
             case when r_prio < 0.05 then 'critical' when r_prio < 0.25 then 'high' when r_prio < 0.70 then 'medium' else 'low' end,
             case when r_type < 0.45 then 'incident' when r_type < 0.75 then 'request' when r_type < 0.95 then 'question' else 'problem' end,
             case when r_misc < 0.6 then 'low' when r_misc < 0.9 then 'medium' else 'high' end,
             case when r_misc < 0.85 then tech.ids[1 + g2.i % array_length(tech.ids, 1)] end,
             case when r_misc > 0.8 then g2.created + interval '3 days' end,
             g2.status_key = 'closed' and r_misc < 0.3,
             case when g2.status_key = 'closed' and r_misc < 0.3 then 15 * (1 + g2.i % 16) else 0 end,
             g2.created,
             least(now(), g2.created + make_interval(hours => (g2.i % 72)::int)),
             -- The search words the app's trigger writes (migration 0007; triggers are off for this insert).
             porta_ticket_words(porta_kb_config(ct.language), x.subject || ' ' || x.description),
             porta_ticket_words(porta_kb_config(ct.language), x.subject || ' ' || x.description)
      from g2
      join cu on cu.k = g2.ck
      join ct on ct.k = g2.ck and ct.j = g2.cj
      cross join lateral (
        select (${sql.val(SUBJECTS)}::text[])[1 + g2.i % ${SUBJECTS.length}::int] || ' (' || substr(md5(g2.i::text), 1, 6) || ')' as subject,
               'Since this morning **' || substr(md5('d' || g2.i), 1, 10) || '** is not working for our team.' || E'\n\n' ||
                 '- started at ' || to_char(g2.created, 'HH24:MI') || E'\n- affects ' || (1 + g2.i % 9) || ' people' as description
      ) x
      join st on st.key = g2.status_key
      cross join tech
    `.execute(trx);
    const t2 = performance.now();
    tInsert = t2 - t1;
    for (const { indexname, indexdef } of idx.rows) {
      await sql.raw(indexdef).execute(trx);
      rebuilt.push(indexname);
    }
    tIndexes = performance.now() - t2;
    // The tenant's ticket-number sequence (migration 0005) continues after the seeded numbers.
    await sql`select setval(ticket_number_sequence(${tenant}::uuid)::regclass, ${1000 + s.tickets})`.execute(trx);
  });

  const t3 = performance.now();
  await sql`vacuum analyze`.execute(db);
  const tVacuum = performance.now() - t3;

  const byStatus = await sql<{ key: string; n: number }>`
    select s.key, count(*)::int as n from tickets t join ticket_statuses s on s.id = t.status_id where t.tenant_id = ${tenant} group by s.key order by s.key
  `.execute(db);
  const targetCounts = await sql<{ n: number; open: number }>`
    select count(*)::int as n, count(*) filter (where s.key = 'open')::int as open
    from tickets t join ticket_statuses s on s.id = t.status_id where t.tenant_id = ${tenant} and t.customer_id = ${target.customerId}
  `.execute(db);
  const size = await sql<{ table_bytes: number; index_bytes: number }>`
    select pg_table_size('tickets')::bigint as table_bytes, pg_indexes_size('tickets')::bigint as index_bytes
  `.execute(db);
  const byStatusMap = Object.fromEntries(byStatus.rows.map((r) => [r.key, Number(r.n)]));
  const total = Object.values(byStatusMap).reduce((a, b) => a + b, 0);
  if (total !== s.tickets) throw new Error(`seeded ${total} tickets, expected ${s.tickets}`);
  const tc = targetCounts.rows[0];
  if (!tc || tc.n !== s.targetTickets) throw new Error(`target customer has ${tc?.n} tickets, expected ${s.targetTickets}`);
  const sz = size.rows[0];
  return {
    customerId: target.customerId,
    contactId: target.contactId,
    username: target.username,
    counts: { tickets: total, targetTickets: tc.n, targetOpen: tc.open, byStatus: byStatusMap },
    ms: {
      people: Math.round(tPeople - t0),
      insert: Math.round(tInsert),
      indexes: Math.round(tIndexes),
      vacuumAnalyze: Math.round(tVacuum),
      total: Math.round(performance.now() - t0),
    },
    rebuiltIndexes: rebuilt,
    tableMiB: Math.round(Number(sz?.table_bytes ?? 0) / 1048576),
    indexesMiB: Math.round(Number(sz?.index_bytes ?? 0) / 1048576),
  };
}
