/**
 * Optimal string alignment distance (Damerau–Levenshtein where a swap of two neighbours
 * counts as one edit), or `max + 1` as soon as it must exceed `max`.
 */
export function osaDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n] as number, max + 1);
}

/** Typos a query word may carry: none under 5 letters, one from 5, two from 9. */
export const typoBudget = (word: string): number => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/** Every string `word` becomes with up to `depth` letters deleted (itself excluded). */
export function deletions(word: string, depth: number): Set<string> {
  const out = new Set<string>();
  let frontier = [word];
  for (let d = 0; d < depth; d++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const v = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(v)) {
          out.add(v);
          next.push(v);
        }
      }
    }
    frontier = next;
  }
  return out;
}

const MASK = 0x3fffffff;

/** FNV-1a of `word` without the letters at `skipA` and `skipB` (-1: none), kept a small integer. */
function hashSkipping(word: string, skipA: number, skipB: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    if (i === skipA || i === skipB) continue;
    h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  }
  return (h >>> 0) & MASK;
}

/**
 * Hashes of `word` and of every string it becomes with up to `depth` (1 or 2) letters deleted:
 * the deletion neighbourhood, without building the strings. Equal strings hash equally, so a
 * query and a vocabulary word within `depth` edits share a hash; a collision only adds a
 * candidate, which the distance check then drops.
 */
export function deletionHashes(word: string, depth: number): Set<number> {
  const out = new Set<number>([hashSkipping(word, -1, -1)]);
  if (depth < 1) return out;
  for (let i = 0; i < word.length; i++) {
    out.add(hashSkipping(word, i, -1));
    if (depth >= 2) for (let j = i + 1; j < word.length; j++) out.add(hashSkipping(word, i, j));
  }
  return out;
}
