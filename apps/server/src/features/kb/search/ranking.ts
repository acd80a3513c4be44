/**
 * KB search ranking rules (issue 11) folded into one number, each rule's range below the one
 * before: query words matched, typos, proximity of the matched words (in query order, a pair
 * written the other way round counting one word more; side by side and one word apart are
 * equally close), words matched in the title, exactness (each word as
 * typed counts 2, a form one edit from it 1, another form of the stem 0), then a text-match score: how much of the title the
 * query covers and how often the body mentions its words for its length (BM25's saturation and
 * length normalisation). Readings and id break ties outside the key.
 */
const PROXIMITY_CAP = 8;
const SCORE_STEPS = 256;
const BM25_K1 = 1.2;
const BM25_B = 0.75;

/** 0–1: title coverage, how early in the title the query starts, and body term frequency, equally weighted. */
export function textScore(c: RankInput): number {
  const coverage = c.titleWords > 0 ? Math.min(c.titleHits, c.titleWords) / c.titleWords : 0;
  const start = c.titleFirst < c.titleWords ? 1 / (1 + c.titleFirst) : 0;
  const tf = c.bodyHits;
  const norm = BM25_K1 * (1 - BM25_B + (BM25_B * c.bodyWords) / c.averageBodyWords);
  const body = tf > 0 ? tf / (tf + norm) : 0;
  return (coverage + start + body) / 3;
}

export interface RankInput {
  /** Bits per query word. */
  matched: number;
  title: number;
  exact: number;
  /** Bits per query word matched by a form one edit from it (when not exactly). */
  near: number;
  /** Per query word, 2 bits: the fewest typos it matched with. */
  typos: number;
  titleHits: number;
  titleWords: number;
  /** The title position of the first query word found there (BODY or more: none). */
  titleFirst: number;
  bodyHits: number;
  bodyWords: number;
  averageBodyWords: number;
}

/** Query words matched and typos: the first two rules, which decide whether the rest is worth computing. */
export function coarseKey(c: RankInput, words: number): number {
  let matched = 0;
  let typos = 0;
  for (let i = 0; i < words; i++) {
    if (!(c.matched & (1 << i))) continue;
    matched++;
    typos += (c.typos >> (2 * i)) & 3;
  }
  return matched * 32 + (31 - Math.min(typos, 31));
}

/** The full key, given the proximity of the matched words (`proximityOf`; 0 when fewer than two matched). */
export function fullKey(c: RankInput, words: number, proximity: number): number {
  let title = 0;
  let exact = 0;
  for (let i = 0; i < words; i++) {
    const bit = 1 << i;
    if (!(c.matched & bit)) continue;
    if (c.title & bit) title++;
    if (c.exact & bit) exact += 2;
    else if (c.near & bit) exact++;
  }
  let key = coarseKey(c, words) * 128 + (127 - Math.min(proximity, 127));
  key = key * 16 + Math.min(title, 15);
  key = key * 16 + Math.min(exact, 15);
  return key * SCORE_STEPS + Math.min(SCORE_STEPS - 1, Math.floor(textScore(c) * SCORE_STEPS));
}

/** A pair's distance in steps: side by side or one word apart (1), up to 4 (2), up to 8 (3), further (4). */
const closeness = (d: number): number => (d <= 2 ? 1 : d <= 4 ? 2 : d < PROXIMITY_CAP ? 3 : 4);

/** Sum over neighbouring matched query words of their closest distance (capped), in query order. `positions` holds (word, position) pairs. */
export function proximityOf(positions: readonly number[], matched: number, words: number): number {
  let total = 0;
  let previous = -1;
  for (let i = 0; i < words; i++) {
    if (!(matched & (1 << i))) continue;
    if (previous >= 0) {
      let best = PROXIMITY_CAP;
      for (let x = 0; x < positions.length; x += 2) {
        if (positions[x] !== previous) continue;
        for (let y = 0; y < positions.length; y += 2) {
          if (positions[y] !== i) continue;
          const gap = (positions[y + 1] as number) - (positions[x + 1] as number);
          const d = gap > 0 ? gap : 1 - gap;
          if (d < best) best = d;
        }
      }
      total += closeness(best);
    }
    previous = i;
  }
  return total;
}
