import { osaDistance } from '../../../kb/search/distance.ts';
import type { CataloguePackage } from '../engine.types.ts';
import { budget } from './patterns.ts';
import { plain } from './tokens.ts';

/**
 * AI-5a, SS-5: which catalogue package a message names, by its name, an alias, a word of its
 * name no other package shares (not a vendor or generic word), or any of these with a typo.
 * Nothing outside the catalogue is ever returned: an unknown product is `null`.
 */
interface Key {
  packageId: string;
  text: string;
  compact: string;
  words: number;
}

/** Vendor and generic words that never name one package on their own ("install Adobe Photoshop" is not Acrobat). */
const GENERIC = new Set([
  'adobe', 'microsoft', 'ms', 'google', 'mozilla', 'apple', 'cisco', 'app', 'apps', 'application', 'desktop', 'client', 'reader', 'free', 'search', 'media', 'player', 'studio', 'code', 'text',
  'pdf', 'connect', 'vpn', 'lts', 'runtime', 'the', 'for', 'and', 'pro', 'plus', 'office', 'suite', 'tools', 'tool', 'editor', 'browser', 'web', 'new', 'version', 'workplace', 'eclipse', 'net', 'visual', 'drive',
]);

const cache = new WeakMap<readonly CataloguePackage[], Key[]>();

function keysOf(catalogue: readonly CataloguePackage[]): Key[] {
  const known = cache.get(catalogue);
  if (known) return known;
  const keys: Key[] = [];
  const owners = new Map<string, Set<string>>();
  for (const p of catalogue) {
    for (const w of plain(p.name).split(' ')) {
      if (!owners.has(w)) owners.set(w, new Set());
      owners.get(w)?.add(p.id);
    }
  }
  for (const p of catalogue) {
    const texts = new Set([p.name, ...p.aliases].map(plain).flatMap((t) => [t, t.replace(/\+/g, '').trim()]).filter((t) => t.length > 0));
    for (const w of plain(p.name).split(' ')) if (w.length >= 3 && !GENERIC.has(w) && !/^\d+$/.test(w) && owners.get(w)?.size === 1) texts.add(w);
    for (const text of texts) keys.push({ packageId: p.id, text, compact: text.replace(/ /g, ''), words: text.split(' ').length });
  }
  keys.sort((a, b) => b.words - a.words || b.compact.length - a.compact.length);
  cache.set(catalogue, keys);
  return keys;
}

export interface CatalogueMatch {
  packageId: string;
  /** Index of the first matched word in `words`. */
  at: number;
}

/** The package a list of plain words names (longest exact key first, then the nearest typo), or null. */
export function matchCatalogue(catalogue: readonly CataloguePackage[], words: readonly string[], ignore: ReadonlySet<string>): CatalogueMatch | null {
  const keys = keysOf(catalogue);
  if (keys.length === 0) return null;
  const byText = new Map<string, Key>();
  for (const k of keys) {
    if (!byText.has(k.text)) byText.set(k.text, k);
    if (!byText.has(k.compact)) byText.set(k.compact, k);
  }
  for (let n = 4; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const win = words.slice(i, i + n);
      const hit = byText.get(win.join(' ')) ?? byText.get(win.join(''));
      if (hit) return { packageId: hit.packageId, at: i };
    }
  }
  let best: { key: Key; d: number; at: number } | null = null;
  for (let n = 2; n >= 1; n--) {
    for (let i = 0; i + n <= words.length; i++) {
      const win = words.slice(i, i + n);
      if (win.some((w) => ignore.has(w))) continue;
      const compact = win.join('');
      for (const k of keys) {
        const b = Math.min(budget(k.compact), budget(compact));
        if (b === 0 || k.compact[0] !== compact[0]) continue;
        const d = osaDistance(compact, k.compact, b);
        if (d <= b && (!best || d < best.d)) best = { key: k, d, at: i };
      }
    }
  }
  return best ? { packageId: best.key.packageId, at: best.at } : null;
}
