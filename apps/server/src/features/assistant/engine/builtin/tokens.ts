import type { Language } from '@porta/contracts/common';
import { fold } from '../../../kb/search/text.ts';

/** A word of the message, folded (lower case, no accents), or a clause break (punctuation). */
export interface Tok {
  w: string;
  /** The word as written. */
  raw: string;
  /** Index of the clause it belongs to (punctuation and "but"-like words start a new one). */
  clause: number;
}

const PIECES = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*|[.,;:!?¿¡()\n]/gu;
/** English contractions kept as one word ("don't" → "dont", "i'm" → "im"). */
const joinApostrophe = (lang: Language) => lang === 'en';

/**
 * The message as folded words split into clauses. French and Italian elisions are separate
 * words ("l'ordinateur" → "l", "ordinateur"); hyphens split ("redémarre-le" → "redemarre", "le").
 */
export function tokenize(text: string, lang: Language, breakWords: ReadonlySet<string>): Tok[] {
  const out: Tok[] = [];
  let clause = 0;
  let sinceBreak = 0;
  for (const m of text.matchAll(PIECES)) {
    const piece = m[0];
    if (/^[.,;:!?¿¡()\n]$/.test(piece)) {
      if (sinceBreak > 0) clause++;
      sinceBreak = 0;
      continue;
    }
    const parts = joinApostrophe(lang) ? [piece.replace(/['’]/g, '')] : piece.split(/['’]/);
    for (const part of parts) {
      if (!part) continue;
      const w = fold(part);
      if (breakWords.has(w) && sinceBreak > 0) {
        clause++;
        sinceBreak = 0;
      }
      out.push({ w, raw: part, clause });
      sinceBreak++;
    }
  }
  return out;
}

/** Lower case, no accents, only letters, digits and "+" ("Notepad++" → "notepad++", "7-Zip" → "7 zip"). */
export function plain(text: string): string {
  return fold(text)
    .replace(/[^\p{L}\p{N}+]+/gu, ' ')
    .trim();
}
