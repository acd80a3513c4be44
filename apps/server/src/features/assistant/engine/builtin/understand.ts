import type { AssistantAction } from '@porta/contracts/assistant';
import { isStopWord } from '../../../kb/search/text.ts';
import type { Understanding, UnderstandInput } from '../engine.types.ts';
import { matchCatalogue } from './catalogue-match.ts';
import { clean } from './clean.ts';
import { matchDevice } from './device-match.ts';
import { context, judge } from './judge.ts';
import { kbQuery } from './kb-query.ts';
import { lexicon } from './lexicon.ts';
import { type Entries, findAll } from './patterns.ts';
import { type Tok, tokenize } from './tokens.ts';
import { wantedProduct } from './wanted-product.ts';

/** Words that say "a program" without naming one ("install this from my URL"). */
const NOT_A_PRODUCT = new Set(['url', 'link', 'lien', 'enlace', 'collegamento', 'file', 'fichier', 'datei', 'archivo', 'exe', 'msi', 'dmg', 'pkg', 'program', 'programm', 'programma', 'programa', 'logiciel', 'software', 'app', 'apps', 'application', 'applicazione', 'aplicacion', 'anwendung', 'tool', 'this', 'that', 'it', 'something', 'anything', 'everything', 'ceci', 'ca', 'das', 'dies', 'esto', 'eso', 'questo', 'quello']);

/**
 * AI-5a: the built-in engine's reading of one message, in en, fr, de, es, it. Pure and
 * synchronous: the text is cleaned of quoted and injected material (clean.ts), split into
 * folded words and clauses, matched against the language's lexicon (with typos), and each verb
 * is judged a request, a negated request or a symptom (judge.ts). Precedence: ticket status,
 * damage (a technician), a person, the first requested action or install, a new ticket, then a
 * KB question. It decides nothing about authorisation: the service checks every proposal.
 */
export function understand(input: UnderstandInput): Understanding {
  const lex = lexicon(input.lang);
  const cleaned = clean(input.text);
  const toks = tokenize(cleaned.text, input.lang, lex.breaks);
  const words = toks.map((t) => t.w);
  const deviceId = matchDevice(input.devices, words, lex.laptop, lex.desktop);
  const withDevice = (u: Understanding): Understanding => (deviceId ? { ...u, deviceId } : u);
  const find = <T>(entries: Entries<T>, fuzzy = true) => findAll(entries, toks, lex.known, fuzzy);

  const status = find(lex.ticketStatus, false);
  const create = find(lex.ticketCreate, false);
  const firstStatus = status[0];
  if (firstStatus && !(create[0] && create[0].start < firstStatus.start)) return { intent: 'ticket_status' };
  // Damage words match as written: with a typo allowed, "meeting" read as "melting" sent an install request to a technician.
  if (find(lex.damage, false).length > 0) return withDevice({ intent: 'ticket', reason: 'damage' });
  if (find(lex.person).length > 0) return { intent: 'ticket', reason: 'person' };

  const ctx = context(toks, lex);
  const actionHits = find(lex.actions);
  const actions: Array<{ at: number; action: AssistantAction }> = [];
  let symptoms = 0;
  for (const h of actionHits) {
    const reading = judge(ctx, h, h.value.mood);
    if (reading === 'request') actions.push({ at: h.start, action: h.value.action });
    if (reading === 'symptom') symptoms++;
  }
  for (const h of find(lex.lockedOut)) if (judge(ctx, h, 'req') !== 'negated') actions.push({ at: h.start, action: 'reset_password' });
  actions.sort((a, b) => a.at - b.at);
  const installs = find(lex.install).filter((h) => judge(ctx, h, h.value) === 'request');
  const install = installs[0];
  const action = actions[0];

  if (install && (!action || install.start < action.at)) return withDevice(installFrom(input, toks, install.end, lex.known));
  if (action) return withDevice({ intent: 'action', action: action.action });

  const want = find(lex.want, false)[0];
  if (symptoms === 0 && want && find(lex.problem).length === 0) {
    const m = matchCatalogue(input.catalogue, words, lex.known) ?? matchCatalogue(input.catalogue, content(words, input.lang), lex.known);
    if (m) return withDevice({ intent: 'install', packageId: m.packageId, productName: nameOf(input, m.packageId) });
    const outside = wantedProduct(toks, want.end, lex, input.lang);
    if (outside) return withDevice({ intent: 'install', packageId: null, productName: outside });
  }
  if (create.length > 0) return { intent: 'ticket', reason: 'other' };

  const query = kbQuery(toks, input.lang, lex);
  if (query === '' || (cleaned.suspicious && symptoms === 0 && find(lex.problem).length === 0)) return { intent: 'other' };
  if (actionHits.length > 0 && symptoms === 0 && find(lex.problem).length === 0) return { intent: 'other' };
  return withDevice({ intent: 'kb', kbQuery: query });
}

/** Words without the language's stop words ("lector de PDF" → "lector PDF"). */
const content = (words: readonly string[], lang: UnderstandInput['lang']): string[] => words.filter((w) => !isStopWord(lang, w));

const nameOf = (input: UnderstandInput, id: string): string | null => input.catalogue.find((p) => p.id === id)?.name ?? null;

/** An install request: the catalogue package it names (after the verb first), else the product as written, with packageId null. */
function installFrom(input: UnderstandInput, toks: readonly Tok[], after: number, known: ReadonlySet<string>): Understanding {
  const words = toks.map((t) => t.w);
  const tail = words.slice(after);
  const m = matchCatalogue(input.catalogue, tail, known) ?? matchCatalogue(input.catalogue, content(tail, input.lang), known) ?? matchCatalogue(input.catalogue, words, known);
  if (m) return { intent: 'install', packageId: m.packageId, productName: nameOf(input, m.packageId) };
  const clause = toks[after - 1]?.clause;
  const name: string[] = [];
  for (let i = after; i < toks.length && name.length < 4; i++) {
    const t = toks[i] as Tok;
    if (t.clause !== clause) break;
    const stop = isStopWord(input.lang, t.w) || isStopWord('en', t.w) || lexicon(input.lang).filler.has(t.w) || lexicon(input.lang).skip.has(t.w);
    if (stop || lexicon(input.lang).laptop.has(t.w) || lexicon(input.lang).desktop.has(t.w)) {
      if (name.length > 0) break;
      continue;
    }
    name.push(t.raw);
  }
  const productName = name.length > 0 && !name.every((w) => NOT_A_PRODUCT.has(w.toLowerCase())) ? name.join(' ') : null;
  return { intent: 'install', packageId: null, productName };
}
