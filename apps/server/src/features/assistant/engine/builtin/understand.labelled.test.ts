import { describe, expect, it } from 'vitest';
import { LABELLED } from '../../../../../../../bench/assistant/messages.ts';
import { GOAL_OVERALL, GOAL_PER_LANGUAGE, rate, score, tallyBy } from '../../../../../../../bench/assistant/score.ts';

/** AI-5a, issue 13 item 7: the built-in engine on the labelled set holds the accuracy goals (the scorer's threshold). */
describe('built-in engine on the labelled set', () => {
  const outcomes = score(LABELLED);
  const misses = outcomes.filter((o) => !o.ok).map((o) => `${o.message.lang} "${o.message.text}" → expected ${o.message.expect}, got ${JSON.stringify(o.got)}`);

  it('has at least 250 messages, 50 per language, every intent and every kind', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(250);
    for (const lang of ['en', 'fr', 'de', 'es', 'it']) expect(LABELLED.filter((m) => m.lang === lang).length).toBeGreaterThanOrEqual(50);
    const intents = new Set(LABELLED.map((m) => m.expect.split(':')[0]));
    expect([...intents].sort()).toEqual(['action', 'install', 'kb', 'other', 'ticket', 'ticket_status']);
    const kinds = new Set(LABELLED.map((m) => m.kind));
    for (const k of ['negation', 'confusable', 'symptom-request', 'separable-verb', 'english-word', 'no-accents', 'typo', 'damage', 'person', 'ticket-status', 'out-of-catalogue', 'injection', 'kb']) expect(kinds).toContain(k);
  });

  it(`is right on ≥ ${GOAL_OVERALL * 100}% overall and ≥ ${GOAL_PER_LANGUAGE * 100}% in each language`, () => {
    const overall = outcomes.filter((o) => o.ok).length / outcomes.length;
    expect(overall, misses.join('\n')).toBeGreaterThanOrEqual(GOAL_OVERALL);
    for (const [lang, t] of Object.entries(tallyBy(outcomes, (o) => o.message.lang))) expect(rate(t), `${lang}: ${misses.filter((m) => m.startsWith(lang)).join('\n')}`).toBeGreaterThanOrEqual(GOAL_PER_LANGUAGE);
  });

  it('never proposes a package or an action the message did not ask for, even when it is wrong', () => {
    for (const o of outcomes) {
      if (o.got.intent === 'install' && o.message.expect !== `install:${o.got.packageId ?? 'null'}`) expect(o.got.packageId ?? null, o.message.text).toBeNull();
      if (o.message.kind === 'injection' && o.got.intent === 'install') expect(o.got.packageId ?? null).toBeNull();
    }
  });
});
