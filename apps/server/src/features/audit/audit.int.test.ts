import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { signInTechnician } from '../../test/client.ts';
import { inventory, makeDevice } from '../../test/devices.ts';
import { makeContact, makeCustomer, makeTenant } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { canonicalJson } from '@porta/agent-protocol';
import { appendAudit } from './audit.repo.ts';
import { verifyChain } from './audit-verify.ts';
import { runAuditVerify } from './audit-verify.command.ts';

const t = useTestApp();

async function seedChain(tenantId: string, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    await appendAudit(t.ctx.db, tenantId, { actor: 'contact:c1', event: 'action.requested', subject: `device:d${i}`, data: { action: 'restart', n: i, nested: { b: 1, a: [1, 'x'] } } });
  }
}

describe('audit log (SS-7)', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });

  it('chains rows per tenant: seq from 1, each prev_hash is the hash before', async () => {
    const a = await makeTenant(t.ctx);
    const b = await makeTenant(t.ctx);
    await seedChain(a.tenant.id, 3);
    await seedChain(b.tenant.id, 2);
    const rows = await t.ctx.db.selectFrom('audit_log').selectAll().where('tenant_id', '=', a.tenant.id).orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3]);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    expect(rows[2]?.prev_hash).toBe(rows[1]?.hash);
    expect(await verifyChain(t.ctx.db, a.tenant.id)).toEqual({ ok: true, rows: 3 });
    expect(await verifyChain(t.ctx.db, b.tenant.id)).toEqual({ ok: true, rows: 2 });
  });

  it('concurrent appends never share a seq and the chain still verifies', async () => {
    const a = await makeTenant(t.ctx);
    await Promise.all(Array.from({ length: 12 }, (_, i) => appendAudit(t.ctx.db, a.tenant.id, { actor: 'system', event: 'e', subject: `s${i}`, data: { i } })));
    const report = await verifyChain(t.ctx.db, a.tenant.id);
    expect(report).toEqual({ ok: true, rows: 12 });
  });

  it('appends arriving together on one handle go in as groups, in call order, each caller getting its own seq and hash (issue 12)', async () => {
    const a = await makeTenant(t.ctx);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => appendAudit(t.ctx.db, a.tenant.id, { actor: 'system', event: 'e', subject: `s${i}`, data: { i } })));
    expect(results.map((r) => r.seq)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    const rows = await t.ctx.db.selectFrom('audit_log').select(['seq', 'subject', 'hash', 'at']).where('tenant_id', '=', a.tenant.id).orderBy('seq').execute();
    expect(rows.map((r) => r.subject)).toEqual(Array.from({ length: 30 }, (_, i) => `s${i}`));
    expect(rows.map((r) => r.hash)).toEqual(results.map((r) => r.hash));
    // Grouped: fewer transactions (one `at` each) than rows.
    expect(new Set(rows.map((r) => r.at.getTime())).size).toBeLessThan(30);
    expect(await verifyChain(t.ctx.db, a.tenant.id)).toEqual({ ok: true, rows: 30 });
  });

  it('groups from two handles (as two nodes) interleave through the tenant lock without forking the chain', async () => {
    const a = await makeTenant(t.ctx);
    const other = t.ctx.db.withoutPlugins();
    await Promise.all(Array.from({ length: 40 }, (_, i) => appendAudit(i % 2 ? other : t.ctx.db, a.tenant.id, { actor: 'system', event: 'e', subject: `s${i}`, data: { i } })));
    expect(await verifyChain(t.ctx.db, a.tenant.id)).toEqual({ ok: true, rows: 40 });
    // A later single append follows the chain.
    expect((await appendAudit(other, a.tenant.id, { actor: 'system', event: 'e', subject: 'last', data: {} })).seq).toBe(41);
  });

  it('an append inside a rolled-back transaction leaves no row', async () => {
    const a = await makeTenant(t.ctx);
    await t.ctx.db
      .transaction()
      .execute(async (trx) => {
        await appendAudit(trx, a.tenant.id, { actor: 'system', event: 'e', subject: 's', data: {} });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await verifyChain(t.ctx.db, a.tenant.id)).toEqual({ ok: true, rows: 0 });
  });

  it('never stores a secret: values under secret-looking keys are redacted', async () => {
    const a = await makeTenant(t.ctx);
    await appendAudit(t.ctx.db, a.tenant.id, { actor: 'system', event: 'command.signed', subject: 'x', data: { params: { username: 'mario', temporaryPassword: 'Hunter-22-xyz' }, code: '123456' } });
    const row = await t.ctx.db.selectFrom('audit_log').select('data').where('tenant_id', '=', a.tenant.id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row.data)).not.toContain('Hunter-22-xyz');
    expect(JSON.stringify(row.data)).not.toContain('123456');
    expect(row.data).toMatchObject({ params: { username: 'mario' } });
  });

  it('verify names the first tampered row (data changed, row deleted, hash rewritten)', async () => {
    const a = await makeTenant(t.ctx);
    await seedChain(a.tenant.id, 5);
    await sql`update audit_log set data = jsonb_set(data, '{action}', '"shutdown"') where tenant_id = ${a.tenant.id} and seq = 3`.execute(t.ctx.db);
    expect(await verifyChain(t.ctx.db, a.tenant.id)).toEqual({ ok: false, rows: 2, brokenAt: 3, reason: 'hash' });

    const b = await makeTenant(t.ctx);
    await seedChain(b.tenant.id, 5);
    await sql`delete from audit_log where tenant_id = ${b.tenant.id} and seq = 2`.execute(t.ctx.db);
    expect(await verifyChain(t.ctx.db, b.tenant.id)).toMatchObject({ ok: false, brokenAt: 2, reason: 'seq-gap' });

    // A forger who recomputes row 4's own hash still breaks row 5's link.
    const c = await makeTenant(t.ctx);
    await seedChain(c.tenant.id, 5);
    await sql`update audit_log set hash = ${'f'.repeat(64)} where tenant_id = ${c.tenant.id} and seq = 4`.execute(t.ctx.db);
    expect(await verifyChain(t.ctx.db, c.tenant.id)).toMatchObject({ ok: false, brokenAt: 4, reason: 'hash' });

    const lines: string[] = [];
    expect(await runAuditVerify(t.ctx, a.tenant.slug, (l) => lines.push(l))).toBe(false);
    expect(lines).toEqual([`${a.tenant.slug}: BROKEN at seq 3 (hash); 2 rows before it verify`]);
    const good = await makeTenant(t.ctx);
    await seedChain(good.tenant.id, 2);
    lines.length = 0;
    expect(await runAuditVerify(t.ctx, good.tenant.slug, (l) => lines.push(l))).toBe(true);
    expect(lines).toEqual([`${good.tenant.slug}: ok (2 rows)`]);
  });

  it('GET /api/v1/audit/verify tells the console whether its own chain holds, and where it breaks', async () => {
    const a = await makeTenant(t.ctx);
    const b = await makeTenant(t.ctx);
    await seedChain(a.tenant.id, 4);
    await seedChain(b.tenant.id, 2);
    const tech = await signInTechnician(t.app, a.host, a.admin.email, a.admin.password);
    // Signing in may itself audit: count what the chain holds now.
    const rows = Number((await t.ctx.db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).where('tenant_id', '=', a.tenant.id).executeTakeFirstOrThrow()).n);
    expect((await tech.get('/api/v1/audit/verify')).json()).toEqual({ ok: true, rows, brokenAt: null });
    // Another tenant's broken chain is not this tenant's concern.
    await sql`update audit_log set data = jsonb_set(data, '{action}', '"lock"') where tenant_id = ${b.tenant.id} and seq = 1`.execute(t.ctx.db);
    expect((await tech.get('/api/v1/audit/verify')).json()).toMatchObject({ ok: true });
    await sql`update audit_log set data = jsonb_set(data, '{action}', '"lock"') where tenant_id = ${a.tenant.id} and seq = 2`.execute(t.ctx.db);
    expect((await tech.get('/api/v1/audit/verify')).json()).toEqual({ ok: false, rows: 1, brokenAt: 2 });
  });

  it("GET /api/v1/audit names who and what each row is about, from the reader's tenant only", async () => {
    const a = await makeTenant(t.ctx);
    const b = await makeTenant(t.ctx);
    const customer = await makeCustomer(t.ctx, a.tenant.id);
    const mario = await makeContact(t.ctx, a.tenant.id, customer.id, { firstName: 'Mario', lastName: 'Rossi' });
    const pc = await makeDevice(t.ctx, a.tenant.id, customer.id, inventory({ hostname: 'UFFICIO-PC-07' }));
    const foreign = await makeContact(t.ctx, b.tenant.id, (await makeCustomer(t.ctx, b.tenant.id)).id, { firstName: 'Eve', lastName: 'Outsider' });
    await appendAudit(t.ctx.db, a.tenant.id, { actor: `contact:${mario.id}`, event: 'action.requested', subject: `device:${pc.id}`, data: { action: 'restart' } });
    await appendAudit(t.ctx.db, a.tenant.id, { actor: `technician:${a.admin.id}`, event: 'self-service.cancelled-all', subject: `tenant:${a.tenant.id}`, data: {} });
    // A reference to another tenant's row (it cannot happen through the app, but the reader must not learn the name).
    await appendAudit(t.ctx.db, a.tenant.id, { actor: 'system', event: 'action.requested', subject: `contact:${foreign.id}`, data: {} });
    const tech = await signInTechnician(t.app, a.host, a.admin.email, a.admin.password);
    const items = (await tech.get('/api/v1/audit?pageSize=100')).json<{ items: { actor: string; subject: string; actorLabel: string | null; subjectLabel: string | null }[] }>().items;
    const row = (subject: string) => items.find((i) => i.subject === subject);
    expect(row(`device:${pc.id}`)).toMatchObject({ actorLabel: 'Mario Rossi', subjectLabel: 'UFFICIO-PC-07' });
    expect(row(`tenant:${a.tenant.id}`)).toMatchObject({ actorLabel: 'Ada Admin', subjectLabel: a.tenant.name });
    expect(row(`contact:${foreign.id}`)).toMatchObject({ actorLabel: null, subjectLabel: null });
  });
});
