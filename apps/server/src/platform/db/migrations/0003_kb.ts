import { type Kysely, sql } from 'kysely';

/** The five portal languages and the PostgreSQL stemmer each one uses (KB-3). */
const STEMMERS = { en: 'english', fr: 'french', de: 'german', es: 'spanish', it: 'italian' } as const;

/**
 * Knowledge base (KB-1..KB-3): categories, articles with one translation per language, votes and
 * the tenant's KB options. Search design (docs/ARCHITECTURE.md, "Knowledge base search"):
 * - `porta_<stemmer>` text search configurations copy PostgreSQL's own (`english`, `french`, …)
 *   with `unaccent` before the stemmer, so "ecran" finds "écran" and highlights keep the accents;
 * - each translation stores its tsvector (title weight A, body weight B) in a generated column,
 *   built with its language's configuration, behind a GIN index, and the title's alone (a
 *   second, small GIN index) so title matches are found and ranked without reading bodies;
 * - a trigram index over the unaccented, lower-cased title catches near-misses ("pasword").
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const configs = Object.values(STEMMERS)
    .map(
      (stemmer) => `
    create text search configuration public.porta_${stemmer} (copy = pg_catalog.${stemmer});
    alter text search configuration public.porta_${stemmer}
      alter mapping for hword, hword_part, word with public.unaccent, pg_catalog.${stemmer}_stem;`,
    )
    .join('\n');
  const cases = Object.entries(STEMMERS)
    .map(([lang, stemmer]) => `when '${lang}' then 'public.porta_${stemmer}'::regconfig`)
    .join(' ');
  await sql
    .raw(
      `
    create extension if not exists unaccent with schema public;
    ${configs}

    -- IMMUTABLE wrappers so index and generated-column expressions may use them.
    create function porta_unaccent(text) returns text
      language sql immutable parallel safe strict
      as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;
    create function porta_kb_config(text) returns regconfig
      language sql immutable parallel safe strict
      as $$ select case $1 ${cases} else 'pg_catalog.simple'::regconfig end $$;

    create table kb_categories (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      names jsonb not null,
      position integer not null default 0,
      created_at timestamptz not null default now()
    );
    create index kb_categories_tenant_idx on kb_categories (tenant_id, position);

    create table kb_articles (
      id uuid primary key default gen_random_uuid(),
      tenant_id uuid not null references tenants(id) on delete cascade,
      category_id uuid references kb_categories(id) on delete set null,
      status text not null check (status in ('draft', 'published')),
      tags text[] not null default '{}',
      author_id uuid references technicians(id) on delete set null,
      audience_restricted boolean not null default false,
      audience_customer_ids uuid[] not null default '{}',
      view_count bigint not null default 0,
      published_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index kb_articles_tenant_idx on kb_articles (tenant_id, updated_at desc, id desc);
    create index kb_articles_category_idx on kb_articles (tenant_id, category_id, updated_at desc);
    create index kb_articles_popular_idx on kb_articles (tenant_id, view_count desc, id) where status = 'published';

    create table kb_translations (
      article_id uuid not null references kb_articles(id) on delete cascade,
      tenant_id uuid not null references tenants(id) on delete cascade,
      language text not null check (language in ('en', 'fr', 'de', 'es', 'it')),
      title text not null,
      body text not null,
      search tsvector generated always as (
        setweight(to_tsvector(porta_kb_config(language), title), 'A') ||
        setweight(to_tsvector(porta_kb_config(language), body), 'B')
      ) stored,
      title_search tsvector generated always as (to_tsvector(porta_kb_config(language), title)) stored,
      title_key text generated always as (lower(porta_unaccent(title))) stored,
      updated_at timestamptz not null default now(),
      primary key (article_id, language)
    );
    create index kb_translations_search_idx on kb_translations using gin (search);
    create index kb_translations_title_search_idx on kb_translations using gin (title_search);
    create index kb_translations_title_trgm_idx on kb_translations using gin (title_key gin_trgm_ops);
    create index kb_translations_tenant_idx on kb_translations (tenant_id, language);

    create table kb_votes (
      tenant_id uuid not null references tenants(id) on delete cascade,
      article_id uuid not null references kb_articles(id) on delete cascade,
      contact_id uuid not null references contacts(id) on delete cascade,
      helpful boolean not null,
      created_at timestamptz not null default now(),
      primary key (article_id, contact_id)
    );

    create table kb_settings (
      tenant_id uuid primary key references tenants(id) on delete cascade,
      external_images boolean not null default false
    );
  `,
    )
    .execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const configs = Object.values(STEMMERS)
    .map((s) => `drop text search configuration public.porta_${s};`)
    .join('\n');
  await sql
    .raw(
      `
    drop table kb_settings, kb_votes, kb_translations, kb_articles, kb_categories;
    drop function porta_kb_config(text);
    drop function porta_unaccent(text);
    ${configs}
  `,
    )
    .execute(db);
}
