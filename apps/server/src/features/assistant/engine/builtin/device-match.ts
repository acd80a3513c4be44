import { osaDistance } from '../../../kb/search/distance.ts';
import type { EngineDevice } from '../engine.types.ts';
import { budget } from './patterns.ts';
import { plain } from './tokens.ts';

const LAPTOP_NAME = /\b(laptop|notebook|macbook|book|nb|lt|portable|portatile|portatil|thinkpad|latitude|elitebook|xps|surface)\b|^(lt|nb)/;
const DESKTOP_NAME = /\b(desktop|pc|workstation|ws|imac|tower|optiplex|mini|studio)\b|^(ws|pc|dt)/;

/**
 * The contact's device a message names: its name or hostname (a typo allowed), else "my laptop",
 * "my desktop", "my Mac" when exactly one of their devices is one. Null when none or unclear.
 */
export function matchDevice(devices: readonly EngineDevice[], words: readonly string[], laptopWords: ReadonlySet<string>, desktopWords: ReadonlySet<string>): string | null {
  if (devices.length === 0) return null;
  const named = devices.map((d) => ({ d, text: plain(d.name), compact: plain(d.name).replace(/ /g, '') }));
  for (const n of [...named].sort((a, b) => b.compact.length - a.compact.length)) {
    if (n.compact.length < 3) continue;
    for (let len = 1; len <= 5; len++) {
      for (let i = 0; i + len <= words.length; i++) {
        const win = words.slice(i, i + len);
        const joined = win.join('');
        if (joined === n.compact || win.join(' ') === n.text) return n.d.id;
        const b = Math.min(budget(n.compact), 1);
        if (b > 0 && n.compact.length >= 6 && joined.length >= 6 && osaDistance(joined, n.compact, b) <= b) return n.d.id;
      }
    }
  }
  const one = (pick: (d: { d: EngineDevice; text: string }) => boolean): string | null => {
    const found = named.filter(pick);
    return found.length === 1 ? (found[0]?.d.id ?? null) : null;
  };
  const isMac = (d: EngineDevice) => /mac|darwin|os x/i.test(d.os);
  if (words.some((w) => laptopWords.has(w))) {
    const id = one((n) => LAPTOP_NAME.test(n.text));
    if (id) return id;
  }
  if (words.some((w) => desktopWords.has(w))) {
    const id = one((n) => DESKTOP_NAME.test(n.text) && !LAPTOP_NAME.test(n.text));
    if (id) return id;
  }
  if (words.some((w) => w === 'mac' || w === 'macbook' || w === 'imac')) return one((n) => isMac(n.d));
  if (words.some((w) => w === 'windows')) return one((n) => /windows/i.test(n.d.os));
  return null;
}
