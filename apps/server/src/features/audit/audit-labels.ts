import type { Db } from '../../platform/db/db.ts';

/** `kind:id` references as the audit log writes them (actor and subject). */
type RefKind = 'technician' | 'contact' | 'device' | 'tenant' | 'request' | 'command';
const KINDS: ReadonlySet<string> = new Set<RefKind>(['technician', 'contact', 'device', 'tenant', 'request', 'command']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function parseRef(ref: string): { kind: RefKind; id: string } | null {
  const cut = ref.indexOf(':');
  const kind = ref.slice(0, cut);
  const id = ref.slice(cut + 1);
  return cut > 0 && KINDS.has(kind) && UUID.test(id) ? { kind: kind as RefKind, id } : null;
}

/**
 * SS-7: the names behind a page of audit references (a technician's or contact's name, a
 * device's hostname, a request's or command's action and device), read in one query per kind,
 * all within the tenant. The log itself keeps ids only (it is append-only and outlives renames
 * and deletions); a reference whose row is gone has no label.
 */
export async function auditLabels(db: Db, tenantId: string, refs: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<RefKind, Set<string>>();
  for (const ref of refs) {
    const r = parseRef(ref);
    if (r) ids.set(r.kind, (ids.get(r.kind) ?? new Set()).add(r.id));
  }
  const labels = new Map<string, string>();
  const of = (kind: RefKind) => [...(ids.get(kind) ?? [])];
  const put = (kind: RefKind, rows: readonly { id: string; label: string | null }[]) => {
    for (const row of rows) if (row.label) labels.set(`${kind}:${row.id}`, row.label);
  };
  const technicians = of('technician');
  if (technicians.length) put('technician', await db.selectFrom('technicians').select(['id', 'name as label']).where('tenant_id', '=', tenantId).where('id', 'in', technicians).execute());
  const contacts = of('contact');
  if (contacts.length) {
    const rows = await db.selectFrom('contacts').select(['id', 'first_name', 'last_name']).where('tenant_id', '=', tenantId).where('id', 'in', contacts).execute();
    put('contact', rows.map((r) => ({ id: r.id, label: `${r.first_name} ${r.last_name}`.trim() })));
  }
  const devices = of('device');
  if (devices.length) put('device', await db.selectFrom('devices').select(['id', 'hostname as label']).where('tenant_id', '=', tenantId).where('id', 'in', devices).execute());
  const tenants = of('tenant');
  if (tenants.includes(tenantId)) put('tenant', await db.selectFrom('tenants').select(['id', 'name as label']).where('id', '=', tenantId).execute());
  const requests = of('request');
  if (requests.length) {
    const rows = await db
      .selectFrom('self_service_requests as r')
      .leftJoin('devices as d', (j) => j.onRef('d.id', '=', 'r.device_id').onRef('d.tenant_id', '=', 'r.tenant_id'))
      .select(['r.id', 'r.action', 'd.hostname'])
      .where('r.tenant_id', '=', tenantId)
      .where('r.id', 'in', requests)
      .execute();
    put('request', rows.map((r) => ({ id: r.id, label: r.hostname ? `${r.action} · ${r.hostname}` : r.action })));
  }
  const commands = of('command');
  if (commands.length) {
    const rows = await db
      .selectFrom('agent_commands as c')
      .leftJoin('devices as d', (j) => j.onRef('d.id', '=', 'c.device_id').onRef('d.tenant_id', '=', 'c.tenant_id'))
      .select(['c.id', 'c.action', 'd.hostname'])
      .where('c.tenant_id', '=', tenantId)
      .where('c.id', 'in', commands)
      .execute();
    put('command', rows.map((r) => ({ id: r.id, label: r.hostname ? `${r.action} · ${r.hostname}` : r.action })));
  }
  return labels;
}
