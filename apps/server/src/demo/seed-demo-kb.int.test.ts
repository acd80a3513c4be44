import { describe, expect, it } from 'vitest';
import { makeCustomer, makeTenant } from '../test/factories.ts';
import { useTestApp } from '../test/harness.ts';
import { seedDemoKb } from './seed-demo-kb.ts';

const t = useTestApp();

describe('demo knowledge base (issue 4, item 8)', () => {
  it('seeds 30 published articles in five categories, with translations, one limited to its customer', async () => {
    const fx = await makeTenant(t.ctx);
    const rossi = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Rossi Costruzioni S.r.l.' });
    expect(await seedDemoKb(t.ctx, fx.tenant.id, fx.admin.id, new Map([['Rossi Costruzioni S.r.l.', rossi.id]]))).toBe(30);
    const articles = await t.ctx.db.selectFrom('kb_articles').select(['id', 'status', 'category_id', 'audience_customer_ids']).where('tenant_id', '=', fx.tenant.id).execute();
    expect(articles).toHaveLength(30);
    expect(articles.every((a) => a.status === 'published' && a.category_id)).toBe(true);
    expect(new Set(articles.map((a) => a.category_id)).size).toBe(5);
    expect(articles.filter((a) => a.audience_customer_ids.length > 0).map((a) => a.audience_customer_ids)).toEqual([[rossi.id]]);
    const perArticle = await t.ctx.db
      .selectFrom('kb_translations')
      .select(['article_id', (eb) => eb.fn.countAll<string>().as('n')])
      .where('tenant_id', '=', fx.tenant.id)
      .groupBy('article_id')
      .execute();
    expect(perArticle.filter((r) => Number(r.n) === 5).length).toBeGreaterThanOrEqual(10);
    expect(perArticle.filter((r) => Number(r.n) >= 2).length).toBeGreaterThanOrEqual(25);
  });
});
