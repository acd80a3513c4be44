import type { Language } from '@porta/contracts/common';
import { isStopWord } from '../../../kb/search/text.ts';
import type { Lexicon } from './lexicon.ts';
import type { Tok } from './tokens.ts';

/** Words that announce a program by kind ("le logiciel AutoCAD"). */
const SOFTWARE = new Set(['software', 'program', 'programme', 'logiciel', 'outil', 'programm', 'anwendung', 'programa', 'aplicacion', 'herramienta', 'programma', 'applicazione', 'app', 'application', 'tool']);
/** Words for the contact's own computer in "X on my computer", beside the language's laptop and desktop words. */
const COMPUTER = new Set(['pc', 'computer', 'machine', 'mac', 'ordinateur', 'ordi', 'poste', 'rechner', 'ordenador', 'equipo', 'ordinador']);
/** "Installed" in the five languages (folded): "can I have X installed", "je voudrais X installé". */
const INSTALLED = new Set(['installed', 'installe', 'installee', 'installes', 'installees', 'installiert', 'instalado', 'instalada', 'installato', 'installata']);
const MAX_NAME_WORDS = 3;

/** Written as a product name usually is: a capital after the first letter (SAP, AutoCAD), or outside German a capital initial. */
const looksLikeName = (raw: string, lang: Language): boolean => /^\p{L}.*\p{Lu}/u.test(raw) || /\d/.test(raw) || (lang !== 'de' && /^\p{Lu}/u.test(raw));

/**
 * AI-5a: an install asked for without an install verb, of a product the catalogue does not hold
 * (the caller has already looked there): after a "want" word in the same clause, the product's
 * name, then "installed" ("can I have Photoshop installed?"), or a word for software before it
 * ("je voudrais le logiciel AutoCAD"), or the contact's computer after it ("vorrei Photoshop sul
 * mio pc", "Ich brauche SAP GUI auf meinem Rechner"). The name as written, or null.
 */
export function wantedProduct(toks: readonly Tok[], wantEnd: number, lex: Lexicon, lang: Language): string | null {
  const clause = toks[wantEnd - 1]?.clause;
  const rest: Tok[] = [];
  for (let i = wantEnd; i < toks.length && (toks[i] as Tok).clause === clause; i++) rest.push(toks[i] as Tok);
  const isComputer = (w: string) => COMPUTER.has(w) || lex.laptop.has(w) || lex.desktop.has(w);
  const minor = (w: string) => isStopWord(lang, w) || lex.filler.has(w) || lex.skip.has(w);
  let software = false;
  let ended = false;
  const name: Tok[] = [];
  for (const t of rest) {
    if (INSTALLED.has(t.w)) return nameOf(name);
    if (isComputer(t.w)) return name.length > 0 && name.every((n) => looksLikeName(n.raw, lang)) ? nameOf(name) : null;
    if (SOFTWARE.has(t.w) && name.length === 0) {
      software = true;
      continue;
    }
    if (minor(t.w)) {
      ended = name.length > 0;
      continue;
    }
    // A word after the name that is neither "installed" nor the computer: the name was something else.
    if (ended || name.length === MAX_NAME_WORDS) break;
    name.push(t);
  }
  return software ? nameOf(name) : null;
}

const nameOf = (name: readonly Tok[]): string | null => (name.length > 0 ? name.map((t) => t.raw).join(' ') : null);
