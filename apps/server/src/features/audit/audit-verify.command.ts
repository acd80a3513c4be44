import type { AppContext } from '../../platform/context.ts';
import { verifyChain } from './audit-verify.ts';

/**
 * `npm run porta -- audit verify [--tenant slug]`: checks every tenant's chain (or one) and
 * prints one line per tenant; answers whether all held (the process exits 1 otherwise).
 */
export async function runAuditVerify(ctx: AppContext, slug: string | undefined, print: (line: string) => void): Promise<boolean> {
  let q = ctx.db.selectFrom('tenants').select(['id', 'slug']).orderBy('slug');
  if (slug !== undefined) q = q.where('slug', '=', slug);
  const tenants = await q.execute();
  if (tenants.length === 0) {
    print(slug === undefined ? 'No tenants.' : `No tenant has the slug "${slug}".`);
    return slug === undefined;
  }
  let allOk = true;
  for (const t of tenants) {
    const report = await verifyChain(ctx.db, t.id);
    if (report.ok) print(`${t.slug}: ok (${report.rows} rows)`);
    else {
      allOk = false;
      print(`${t.slug}: BROKEN at seq ${report.brokenAt} (${report.reason}); ${report.rows} rows before it verify`);
    }
  }
  return allOk;
}
