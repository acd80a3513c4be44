import type { PortalKbItem } from '@porta/contracts/kb';
import type { AppContext } from '../../../platform/context.ts';
import * as repo from '../kb-portal.repo.ts';
import { presentHit, presentItem } from '../kb.presenter.ts';
import { kbSearchIndex } from './kb-search-index.ts';

/**
 * How long a search waits for its tenant's index to be built (first search on this node) before
 * it answers from the SQL search instead. A small knowledge base is indexed well within it; a
 * large one (tens of thousands of articles take minutes) keeps answering from SQL — stemmed and
 * ranked, without typo correction in every word — until its index is ready.
 */
export const INDEX_WAIT_MS = 2_000;

/** KB-3 in the portal: the in-process index when it is ready, else the SQL search. */
export async function portalSearch(ctx: AppContext, reader: repo.Reader, term: string, limit: number, waitMs = INDEX_WAIT_MS): Promise<{ items: PortalKbItem[]; corrected: string | null }> {
  const index = await kbSearchIndex(ctx).readyWithin(reader.tenantId, waitMs);
  if (index) {
    const answer = index.search(reader, term, limit);
    return { items: answer.items.map((h) => presentHit(h, reader.language)), corrected: answer.corrected };
  }
  return { items: (await repo.search(ctx.db, reader, term, limit)).map((r) => presentItem(r, reader.language)), corrected: null };
}
