/**
 * Set-based seeding of generated KB articles (bench/kb-search): one INSERT … SELECT
 * generate_series for the articles and one per language for their translations, with the
 * KB indexes dropped during the insert and rebuilt from their own definitions afterwards.
 * Article i has its first translation in LANGS[i % 5]; 40% also have English (the tenant
 * default) and 20% one more language. Titles are 4–9 words, bodies 80–300 words. Like real
 * text, most words are rare: a word is an IT term of the language's vocabulary with probability
 * 8% in bodies (40% in titles), else one of ~64,000 pseudo-words built from three syllables, so
 * a common support term appears in roughly one article in ten rather than in all of them.
 */
import { sql } from 'kysely';
import type { Db } from '../../apps/server/src/platform/db/db.ts';
import { VOCABULARY } from './vocabulary.ts';

const LANGS = ['en', 'fr', 'de', 'es', 'it'] as const;
/** The corpus's seed (-1 to 1); `BENCH_KB_SEED` draws another corpus to see how much relevance depends on the draw. */
export const SEED = Number(process.env.BENCH_KB_SEED ?? 0.20261204);
const SYLLABLES = 'ka lo mi ne ru ta ve so pi du ra le mo fi na te bu ki sa po ri de gu lu ma ze co fa ni ho tri bel gar mun dor sil ven tor pal'.split(' ');

/** One word of `lang`: an IT term with probability `p`, else a pseudo-word (SQL expression). */
function word(words: string[], p: number) {
  const s = sql`${SYLLABLES}::text[]`;
  const pick = sql`[1 + floor(random() * ${SYLLABLES.length})::int]`;
  return sql`case when random() < ${p} then (${words}::text[])[1 + floor(random() * ${words.length})::int] else (${s})${pick} || (${s})${pick} || (${s})${pick} end`;
}

export interface SeedStats {
  articles: number;
  translations: number;
  ms: { articles: number; translations: number; indexes: number; analyze: number };
}

export async function seedArticles(pool: Db, tenantId: string, count: number): Promise<SeedStats> {
  return pool.connection().execute(async (db) => {
    await sql`select setseed(${SEED})`.execute(db);
    const t0 = performance.now();
    const indexes = await sql<{ indexname: string; indexdef: string }>`
      select indexname, indexdef from pg_indexes where tablename = 'kb_translations' and indexname <> 'kb_translations_pkey'`.execute(db);
    for (const i of indexes.rows) await sql.raw(`drop index ${i.indexname}`).execute(db);

    await sql`
      insert into kb_articles (tenant_id, status, tags, published_at, created_at, updated_at, view_count)
      select ${tenantId}, 'published', '{}', now(), now() - make_interval(mins => i), now() - make_interval(mins => i), (i * 7919) % 1000
      from generate_series(1, ${count}) i`.execute(db);
    const t1 = performance.now();

    for (const [k, lang] of LANGS.entries()) {
      const words = VOCABULARY[lang];
      // Rows get a stable number i (by creation time); which languages an article has follows from i.
      await sql`
        with a as (select id, row_number() over (order by created_at desc, id) as i from kb_articles where tenant_id = ${tenantId})
        insert into kb_translations (article_id, tenant_id, language, title, body)
        select a.id, ${tenantId}, ${lang},
          initcap(array_to_string(array(select ${word(words, 0.4)} from generate_series(1, 4 + (a.i % 6)) s where a.i > 0), ' ')),
          array_to_string(array(select ${word(words, 0.08)} from generate_series(1, 80 + (a.i * 37) % 221) s where a.i > 0), ' ')
        from a
        where a.i % 5 = ${k}
           or (${lang} = 'en' and a.i % 5 <> 0 and a.i % 10 < 4)
           or (a.i % 5 <> ${k} and (a.i / 5) % 5 = ${k} and a.i % 7 = 0 and ${lang} <> 'en')
        on conflict do nothing`.execute(db);
    }
    const t2 = performance.now();
    for (const i of indexes.rows) await sql.raw(i.indexdef).execute(db);
    const t3 = performance.now();
    await sql`analyze kb_articles`.execute(db);
    await sql`analyze kb_translations`.execute(db);
    const t4 = performance.now();
    const n = await sql<{ n: string }>`select count(*) as n from kb_translations where tenant_id = ${tenantId}`.execute(db);
    return {
      articles: count,
      translations: Number(n.rows[0]?.n),
      ms: { articles: Math.round(t1 - t0), translations: Math.round(t2 - t1), indexes: Math.round(t3 - t2), analyze: Math.round(t4 - t3) },
    };
  });
}
