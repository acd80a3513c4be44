import { type Kysely, sql } from 'kysely';

/**
 * Full-text ticket search (#9 item 8; docs/ARCHITECTURE.md, "Ticket search").
 *
 * Two word lists per ticket, kept by triggers in the same statement as the write that changes
 * them (so the one-statement creation and the comment transaction need no extra round trip):
 * - `search_public`: subject, description and PUBLIC comments: what the portal searches, so a
 *   contact never finds a ticket by a word of an internal note;
 * - `search_all`: the same plus internal notes: what the console searches.
 * Each word is stored twice: stemmed with the requester's language (the KB's `porta_<stemmer>`
 * configurations, unaccented: "printers" → printer, "stampanti" → stampant) and as written,
 * unaccented (`porta_simple`), so an exact word matches whatever the searcher's language is.
 * Positions are stripped: the list is ordered by date, not ranked, and a stripped list only
 * grows with new distinct words, never with the number of comments.
 * The query (`porta_ticket_query`) is the searcher's words stemmed by each of the five
 * languages, OR-ed, plus the words as written: a technician finds an Italian ticket by
 * "stampanti" even when their own language is English.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create text search configuration public.porta_simple (copy = pg_catalog.simple);
    alter text search configuration public.porta_simple
      alter mapping for hword, hword_part, word with public.unaccent, pg_catalog.simple;

    create function porta_ticket_words(cfg regconfig, body text) returns tsvector
      language sql immutable parallel safe strict
      as $$ select strip(to_tsvector(cfg, body) || to_tsvector('public.porta_simple'::regconfig, body)) $$;

    create function porta_ticket_query(q text) returns tsquery
      language sql immutable parallel safe strict
      as $$ select websearch_to_tsquery('public.porta_english'::regconfig, q) || websearch_to_tsquery('public.porta_french'::regconfig, q)
        || websearch_to_tsquery('public.porta_german'::regconfig, q) || websearch_to_tsquery('public.porta_spanish'::regconfig, q)
        || websearch_to_tsquery('public.porta_italian'::regconfig, q) || websearch_to_tsquery('public.porta_simple'::regconfig, q) $$;

    alter table tickets add column search_public tsvector not null default '';
    alter table tickets add column search_all tsvector not null default '';

    -- Subject, description, requester: both lists rebuilt from the ticket and its comments.
    create function tickets_search_sync() returns trigger language plpgsql as $$
    declare
      cfg regconfig;
      pub text;
      internal text;
    begin
      select porta_kb_config(c.language) into cfg from contacts c where c.id = new.requester_id;
      cfg := coalesce(cfg, 'pg_catalog.simple'::regconfig);
      if tg_op = 'UPDATE' then
        select string_agg(c.body, ' ') filter (where not c.internal), string_agg(c.body, ' ') filter (where c.internal)
          into pub, internal from ticket_comments c where c.ticket_id = new.id;
      end if;
      new.search_public := porta_ticket_words(cfg, concat_ws(' ', new.subject, new.description, pub));
      new.search_all := new.search_public || porta_ticket_words(cfg, coalesce(internal, ''));
      return new;
    end $$;
    create trigger tickets_search_written before insert or update of subject, description, requester_id on tickets
      for each row execute function tickets_search_sync();

    -- A new comment adds its words (an internal note to search_all only); an edited or deleted
    -- one rebuilds both lists through the trigger above.
    create function ticket_comments_search_sync() returns trigger language plpgsql as $$
    declare
      words tsvector;
    begin
      if tg_op = 'INSERT' then
        select porta_ticket_words(coalesce(porta_kb_config(c.language), 'pg_catalog.simple'::regconfig), new.body) into words
          from tickets t join contacts c on c.id = t.requester_id where t.id = new.ticket_id;
        update tickets set search_all = search_all || words,
                           search_public = case when new.internal then search_public else search_public || words end
          where id = new.ticket_id;
      else
        update tickets set subject = subject where id = old.ticket_id;
      end if;
      return null;
    end $$;
    create trigger ticket_comments_search_added after insert on ticket_comments
      for each row execute function ticket_comments_search_sync();
    create trigger ticket_comments_search_changed after update of body, internal or delete on ticket_comments
      for each row execute function ticket_comments_search_sync();

    -- Backfill: the trigger rebuilds every existing ticket's lists.
    update tickets set subject = subject;

    create index tickets_search_public_idx on tickets using gin (search_public);
    create index tickets_search_all_idx on tickets using gin (search_all);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger ticket_comments_search_added on ticket_comments;
    drop trigger ticket_comments_search_changed on ticket_comments;
    drop function ticket_comments_search_sync();
    drop trigger tickets_search_written on tickets;
    drop function tickets_search_sync();
    alter table tickets drop column search_public, drop column search_all;
    drop function porta_ticket_query(text);
    drop function porta_ticket_words(regconfig, text);
    drop text search configuration public.porta_simple;
  `.execute(db);
}
