import type { AssistantAction } from '@porta/contracts/assistant';
import type { Language } from '@porta/contracts/common';
import { DE } from './lexicon.de.ts';
import { EN } from './lexicon.en.ts';
import { ES } from './lexicon.es.ts';
import { FR } from './lexicon.fr.ts';
import { IT } from './lexicon.it.ts';
import type { LexiconSource, Mood } from './lexicon.types.ts';
import { compile, type Entries, wordsOf } from './patterns.ts';

/** One language's lexicon compiled once per process (English IT words added to the others'). */
export interface Lexicon {
  actions: Entries<{ action: AssistantAction; mood: Mood }>;
  lockedOut: Entries<true>;
  install: Entries<Mood>;
  want: Entries<true>;
  prohibit: Entries<true>;
  postNegation: ReadonlySet<string>;
  cannot: Entries<true>;
  request: Entries<true>;
  symptom: Entries<true>;
  reflexive: ReadonlySet<string>;
  problem: Entries<true>;
  person: Entries<true>;
  ticketStatus: Entries<true>;
  ticketCreate: Entries<true>;
  damage: Entries<true>;
  breaks: ReadonlySet<string>;
  skip: ReadonlySet<string>;
  filler: ReadonlySet<string>;
  laptop: ReadonlySet<string>;
  desktop: ReadonlySet<string>;
  /** Every literal word of the lexicon: never read as a typo of another. */
  known: ReadonlySet<string>;
}

const SOURCES: Record<Language, LexiconSource> = { en: EN, fr: FR, de: DE, es: ES, it: IT };

const flags = (list: readonly string[]): Entries<true> => list.map((s) => ({ pattern: compile(s), value: true as const }));

function build(lang: Language): Lexicon {
  const src = SOURCES[lang];
  // English action and install words are understood in every language ("rebooten", "faire un reboot", "fammi il logout").
  const actions = lang === 'en' ? src.actions : [...src.actions, ...EN.actions.filter(([, , mood]) => mood !== 'sym')];
  const install = lang === 'en' ? src.install : [...src.install, ...EN.install];
  const lex: Omit<Lexicon, 'known'> = {
    actions: actions.map(([s, action, mood]) => ({ pattern: compile(s), value: { action, mood } })),
    lockedOut: flags(src.lockedOut),
    install: install.map(([s, mood]) => ({ pattern: compile(s), value: mood })),
    want: flags(src.want),
    prohibit: flags(src.prohibit),
    postNegation: new Set(src.postNegation),
    cannot: flags(src.cannot),
    request: flags(src.request),
    symptom: flags(src.symptom),
    reflexive: new Set(src.reflexive),
    problem: flags(src.problem),
    person: flags(src.person),
    ticketStatus: flags(src.ticketStatus),
    ticketCreate: flags(src.ticketCreate),
    damage: flags(src.damage),
    breaks: new Set(src.breaks),
    skip: new Set(src.skip),
    filler: new Set(src.filler),
    laptop: new Set(src.laptop),
    desktop: new Set(src.desktop),
  };
  const patterns = [lex.actions, lex.lockedOut, lex.install, lex.want, lex.prohibit, lex.cannot, lex.request, lex.symptom, lex.problem, lex.person, lex.ticketStatus, lex.ticketCreate, lex.damage].flatMap((e) => e.map((x) => x.pattern));
  const known = new Set([...wordsOf(patterns), ...src.filler, ...src.skip, ...src.breaks]);
  return { ...lex, known };
}

const built = new Map<Language, Lexicon>();

export function lexicon(lang: Language): Lexicon {
  let l = built.get(lang);
  if (!l) built.set(lang, (l = build(lang)));
  return l;
}
