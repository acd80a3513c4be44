import type { ImportReport } from '@porta/contracts/imports';
import { describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { signInTechnician } from '../../test/client.ts';
import { makeCustomer, makeTenant } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';

const t = useTestApp();
const ROWS = 10_000;

/** Issue 15 item 5: 10,000 rows import in seconds (figures in docs/IMPORTS.md). */
describe('imports: a 10,000-row file', () => {
  it('dry-runs, then imports 10,000 contacts in one transaction, then updates them all', { timeout: 240_000 }, async () => {
    const fx = await makeTenant(t.ctx);
    const tech = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    await Promise.all(Array.from({ length: 20 }, (_, i) => makeCustomer(t.ctx, fx.tenant.id, { name: `Company ${i}`, domains: [`company${i}.example.com`] })));
    const lines = Array.from({ length: ROWS }, (_, i) => `Person${i};Surname${i % 97};person${i}@company${i % 20}.example.com;${['en', 'fr', 'de', 'es', 'it'][i % 5]};${i % 50 === 0 ? 'sì' : 'no'}`);
    const content = `Nome;Cognome;E-mail;Lingua;Principale\r\n${lines.join('\r\n')}\r\n`;
    const mapping = { firstName: 0, lastName: 1, email: 2, language: 3, isPrimary: 4 };
    const timed = async (body: Record<string, unknown>) => {
      const started = performance.now();
      const res = await tech.post('/api/v1/imports', { kind: 'contacts', content, mapping, ...body });
      expectStatus(res, 200);
      return { report: res.json<ImportReport>(), ms: Math.round(performance.now() - started) };
    };

    const dry = await timed({ dryRun: true });
    expect(dry.report.counts).toEqual({ rows: ROWS, create: ROWS, update: 0, skip: 0, error: 0 });
    const created = await timed({ dryRun: false });
    expect(created.report).toMatchObject({ committed: true, counts: { create: ROWS } });
    const updated = await timed({ dryRun: false, duplicates: 'update' });
    expect(updated.report.counts).toMatchObject({ create: 0, update: ROWS });
    const count = await t.ctx.db.selectFrom('contacts').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', fx.tenant.id).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(ROWS);
    const usernames = await t.ctx.db.selectFrom('contacts').select('username').where('tenant_id', '=', fx.tenant.id).distinct().execute();
    expect(usernames).toHaveLength(ROWS);
    console.log(`imports, ${ROWS} contacts on ${t.ctx.engine}: dry run ${dry.ms} ms, import ${created.ms} ms, update ${updated.ms} ms (request round trips)`);
    // Seconds, not minutes: generous bounds for a loaded 2-core machine.
    expect(created.ms).toBeLessThan(60_000);
  });
});
