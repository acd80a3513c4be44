import { sql } from 'kysely';
import type { AppContext } from '../../../platform/context.ts';
import type { Db } from '../../../platform/db/db.ts';
import type { EventBus } from '../../../platform/events/bus.ts';
import { type ArticleDoc, type SearchAnswer, type SearchReader, TenantIndex } from './tenant-index.ts';
import type { Lang } from './text.ts';

interface Row {
  id: string;
  audience_restricted: boolean;
  audience_customer_ids: string[];
  view_count: number;
  category_id: string | null;
  updated_at: Date;
  language: string;
  title: string;
  body: string;
}

/** Published articles of a tenant (or one of them) with their translations, from the store of record. */
async function loadDocs(db: Db, tenantId: string, articleId?: string): Promise<ArticleDoc[]> {
  const rows = await sql<Row>`
    select a.id, a.audience_restricted, a.audience_customer_ids, a.view_count, a.category_id, a.updated_at, tr.language, tr.title, tr.body
    from kb_articles a join kb_translations tr on tr.article_id = a.id
    where a.tenant_id = ${tenantId} and a.status = 'published' ${articleId ? sql`and a.id = ${articleId}` : sql``}
    order by a.id`.execute(db);
  const docs: ArticleDoc[] = [];
  let last: ArticleDoc | undefined;
  for (const r of rows.rows) {
    if (last?.id !== r.id) {
      last = {
        id: r.id,
        audienceRestricted: r.audience_restricted,
        audienceCustomerIds: r.audience_customer_ids,
        viewCount: Number(r.view_count),
        categoryId: r.category_id,
        updatedAt: r.updated_at,
        translations: [],
      };
      docs.push(last);
    }
    last.translations.push({ language: r.language as Lang, title: r.title, body: r.body });
  }
  return docs;
}

/** Articles indexed between two yields to the event loop while a tenant's index is built. */
const BUILD_SLICE = 100;

interface Entry {
  index: TenantIndex | null;
  loading: Promise<TenantIndex>;
  /** Articles changed while the index was being built: reloaded once it is. */
  pending: Set<string>;
  /** Reloads run one after another, so an older read never overwrites a newer one. */
  chain: Promise<void>;
}

/**
 * The KB search indexes of this app node, one per tenant, built from PostgreSQL (or PGlite) on
 * first use and kept in step by `kb.changed` messages on the bus, which every node hears
 * (LISTEN/NOTIFY on PostgreSQL). The node that writes also reloads before it answers, so its
 * own next search already sees the change.
 */
export class KbSearchIndex {
  private entries = new Map<string, Entry>();

  constructor(private readonly db: Db) {}

  listen(bus: EventBus): () => void {
    return bus.subscribe((m) => {
      if (m.topic === 'kb.changed') void this.refresh(m.tenantId, m.articleId).catch(() => this.entries.delete(m.tenantId));
    });
  }

  async forTenant(tenantId: string): Promise<TenantIndex> {
    const known = this.entries.get(tenantId);
    if (known) return known.index ?? known.loading;
    const entry: Entry = { index: null, loading: Promise.resolve(new TenantIndex()), pending: new Set(), chain: Promise.resolve() };
    entry.loading = (async () => {
      const index = new TenantIndex();
      // Built in slices, yielding between them: a large knowledge base never holds the event loop.
      let built = 0;
      for (const doc of await loadDocs(this.db, tenantId)) {
        index.upsert(doc);
        if (++built % BUILD_SLICE === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      index.seal();
      entry.index = index;
      for (const id of entry.pending) this.enqueue(tenantId, entry, id);
      entry.pending.clear();
      await entry.chain;
      return index;
    })();
    this.entries.set(tenantId, entry);
    try {
      return await entry.loading;
    } catch (err) {
      if (this.entries.get(tenantId) === entry) this.entries.delete(tenantId);
      throw err;
    }
  }

  /** Reloads one article from the store of record (a tenant not yet loaded will read it when it is). */
  async refresh(tenantId: string, articleId: string): Promise<void> {
    const entry = this.entries.get(tenantId);
    if (!entry) return;
    if (!entry.index) {
      entry.pending.add(articleId);
      await entry.loading;
      return;
    }
    await this.enqueue(tenantId, entry, articleId);
  }

  private enqueue(tenantId: string, entry: Entry, articleId: string): Promise<void> {
    const job = entry.chain.then(async () => {
      const [doc] = await loadDocs(this.db, tenantId, articleId);
      if (doc) entry.index?.upsert(doc);
      else entry.index?.remove(articleId);
    });
    // A failed reload leaves the index behind the store: drop it, the next search rebuilds it.
    entry.chain = job.catch(() => {
      if (this.entries.get(tenantId) === entry) this.entries.delete(tenantId);
    });
    return job;
  }

  /** The tenant's index if this node has built it, without starting a build. */
  built(tenantId: string): TenantIndex | null {
    return this.entries.get(tenantId)?.index ?? null;
  }

  async search(tenantId: string, reader: SearchReader, q: string, limit: number): Promise<SearchAnswer> {
    return (await this.forTenant(tenantId)).search(reader, q, limit);
  }

  /**
   * The tenant's index if it is built within `ms` (starting the build if needed), else null: the
   * caller answers another way meanwhile and the build goes on. A failed build answers null too
   * (it is retried by the next call).
   */
  async readyWithin(tenantId: string, ms: number): Promise<TenantIndex | null> {
    const ready = this.built(tenantId);
    if (ready) return ready;
    const loading = this.forTenant(tenantId).catch(() => null);
    if (ms <= 0) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    return Promise.race([loading, late]).finally(() => clearTimeout(timer));
  }
}

const perContext = new WeakMap<AppContext, KbSearchIndex>();

/** This node's KB search indexes (one per app context, listening on its bus). */
export function kbSearchIndex(ctx: AppContext): KbSearchIndex {
  let index = perContext.get(ctx);
  if (!index) {
    index = new KbSearchIndex(ctx.db);
    index.listen(ctx.bus);
    perContext.set(ctx, index);
  }
  return index;
}

/**
 * Builds this node's index of every tenant that has published articles, one tenant after
 * another, in the background (each build yields to the event loop between slices): searches
 * after a restart find their index ready instead of answering from SQL while it is built.
 * Answers a function that stops it after the tenant in progress.
 */
export function warmKbSearch(ctx: AppContext, onError: (err: unknown) => void): () => void {
  let stopped = false;
  void (async () => {
    const tenants = await ctx.db.selectFrom('kb_articles').select('tenant_id').where('status', '=', 'published').groupBy('tenant_id').execute();
    for (const { tenant_id } of tenants) {
      if (stopped) return;
      await kbSearchIndex(ctx).forTenant(tenant_id);
    }
  })().catch((err: unknown) => {
    if (!stopped) onError(err);
  });
  return () => {
    stopped = true;
  };
}

/** After a committed KB write: this node reloads the article now, every other node when the bus tells it. */
export async function kbChanged(ctx: AppContext, tenantId: string, articleId: string): Promise<void> {
  // The write is committed: a failed reload must not turn it into an error. It has dropped the
  // tenant's index, which the next search rebuilds from the store of record.
  await kbSearchIndex(ctx)
    .refresh(tenantId, articleId)
    .catch(() => undefined);
  await ctx.bus.publish({ topic: 'kb.changed', tenantId, articleId });
}
