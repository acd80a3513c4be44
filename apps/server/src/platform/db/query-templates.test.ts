import { describe, expect, it } from 'vitest';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler, sql } from 'kysely';
import { compileTicketList, type TicketFilter } from '../../features/tickets/tickets.repo.ts';
import { QueryTemplates, type TemplateValues } from './query-templates.ts';
import type { Database } from './schema.ts';

const compiler = new Kysely<Database>({
  dialect: { createAdapter: () => new PostgresAdapter(), createDriver: () => new DummyDriver(), createIntrospector: (d) => new PostgresIntrospector(d), createQueryCompiler: () => new PostgresQueryCompiler() },
});

const T1 = '11111111-1111-4111-8111-111111111111';
const T2 = '22222222-2222-4222-8222-222222222222';
const C1 = '33333333-3333-4333-8333-333333333333';
const C2 = '44444444-4444-4444-8444-444444444444';
const R1 = '55555555-5555-4555-8555-555555555555';
const A1 = '66666666-6666-4666-8666-666666666666';

const plain = (q: { sql: string; parameters: readonly unknown[] }) => ({ sql: q.sql, parameters: [...q.parameters] });

describe('QueryTemplates', () => {
  it('answers the text and parameters building the query would, for new values of a known shape', () => {
    const templates = new QueryTemplates();
    const build = (v: TemplateValues) =>
      compiler
        .selectFrom('tickets')
        .select('id')
        .where('tenant_id', '=', v.tenant as string)
        .where('status_id', 'in', v.ids as string[])
        .$if(v.customer !== undefined, (q) => q.where('customer_id', '=', v.customer as string))
        .limit(sql.lit(25));
    const direct = (v: TemplateValues) => plain(build(v).compile());
    for (const v of [
      { tenant: T1, ids: [C1, C2], customer: R1 },
      { tenant: T2, ids: [C2, C1], customer: A1 },
      { tenant: T2, ids: [C2], customer: undefined },
      { tenant: T1, ids: [C1], customer: undefined },
    ]) {
      expect(plain(templates.compile('t', v, build))).toEqual(direct(v));
    }
    // Two ids with a customer, one id without: two shapes, both templated.
    expect(templates.stats).toEqual({ shapes: 2, refused: 0 });
  });

  it('refuses a shape whose value the builder changes, puts in the text or does not pass on, and then builds every time', () => {
    const templates = new QueryTemplates();
    const wrapped = (v: TemplateValues) => compiler.selectFrom('tickets').select('id').where('subject', 'ilike', `%${String(v.q)}%`);
    const literal = (v: TemplateValues) => compiler.selectFrom('tickets').select('id').where('number', '=', sql.lit(Number(v.n) || 0));
    const branched = (v: TemplateValues) => compiler.selectFrom('tickets').select('id').$if(v.a === 'none', (q) => q.where('assignee_id', 'is', null));
    expect(plain(templates.compile('w', { q: 'printer' }, wrapped)).parameters).toEqual(['%printer%']);
    expect(plain(templates.compile('w', { q: 'mouse' }, wrapped)).parameters).toEqual(['%mouse%']);
    expect(plain(templates.compile('l', { n: 7 }, literal)).sql).toMatch(/= 7$/);
    expect(plain(templates.compile('l', { n: 8 }, literal)).sql).toMatch(/= 8$/);
    expect(plain(templates.compile('b', { a: 'none' }, branched)).sql).toMatch(/is null$/);
    expect(templates.stats).toEqual({ shapes: 3, refused: 3 });
  });

  it('keeps no more shapes than its limit and builds the rest', () => {
    const templates = new QueryTemplates(1);
    const build = (v: TemplateValues) => compiler.selectFrom('tickets').select('id').where('tenant_id', '=', v.t as string);
    templates.compile('a', { t: T1 }, build);
    expect(plain(templates.compile('b', { t: T2 }, build)).parameters).toEqual([T2]);
    expect(templates.stats.shapes).toBe(1);
  });
});

describe('ticket list templates', () => {
  const filters: TicketFilter[] = [
    { page: 1, pageSize: 25, customerId: C1, statusKeys: ['open'] },
    { page: 1, pageSize: 25, customerId: C2, statusKeys: ['pending'] },
    { page: 2, pageSize: 10, customerId: C1, requesterId: R1, statusKeys: ['open', 'pending', 'closed'] },
    { page: 1, pageSize: 25, statusKeys: ['open'], sort: 'newest', searchInternal: true },
    { page: 1, pageSize: 25, statusKeys: [], sort: 'oldest' },
    { page: 1, pageSize: 25, assigneeId: 'none', priority: 'high', sort: 'priority' },
    { page: 1, pageSize: 25, assigneeId: A1, priority: 'low', type: 'incident', sort: 'due' },
    { page: 1, pageSize: 25, assigneeId: 'none', sort: 'updated' },
    { page: 1, pageSize: 25, statusKeys: ['open', 'pending'], statusCategory: 'open', customerId: C2 },
    { page: 1, pageSize: 25, statusKeys: ['new', 'waiting'], statusCategory: 'closed', customerId: C1 },
    // A contact's hidden fields change the statement's select list (T-6): the same filter with other hidden fields is another shape.
    { page: 1, pageSize: 25, customerId: C1, statusKeys: ['open'], omit: ['impact', 'dueAt'] },
    { page: 1, pageSize: 25, customerId: C1, statusKeys: ['open'], omit: ['priority'] },
  ];

  it('compiles every filter, for two tenants, exactly as building the queries does', () => {
    const templates = new QueryTemplates();
    const never = new QueryTemplates(0);
    // Twice over: the first pass makes the templates, the second answers from them.
    for (let pass = 0; pass < 2; pass++) {
      for (const tenant of [T1, T2]) {
        for (const f of filters) {
          const t = compileTicketList(compiler, tenant, f, templates);
          const d = compileTicketList(compiler, tenant, f, never);
          expect(plain(t.list())).toEqual(plain(d.list()));
          expect(plain(t.page())).toEqual(plain(d.page()));
          expect(plain(t.count())).toEqual(plain(d.count()));
        }
      }
    }
    expect(templates.stats.refused).toBe(0);
    expect(never.stats.shapes).toBe(0);
  });
});
