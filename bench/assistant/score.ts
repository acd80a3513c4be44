import type { Language } from '@porta/contracts/common';
import { understand } from '../../apps/server/src/features/assistant/engine/builtin/understand.ts';
import type { Understanding } from '../../apps/server/src/features/assistant/engine/engine.types.ts';
import { DEMO_ARTICLES } from '../../apps/server/src/demo/demo-kb.ts';
import { TenantIndex } from '../../apps/server/src/features/kb/search/tenant-index.ts';
import { type Labelled, parseExpect } from './labelled.ts';
import { CATALOGUE, DEVICES } from './world.ts';

/** The thresholds the labelled-set test asserts (issue 13 "Measure and report"). */
export const GOAL_OVERALL = 0.97;
export const GOAL_PER_LANGUAGE = 0.95;

export interface Outcome {
  message: Labelled;
  got: Understanding;
  ok: boolean;
  /** kb messages naming an article: whether the KB search finds it in the top 3 from kbQuery. */
  kbTop3: boolean | null;
}

export function understandLabelled(m: Labelled): Understanding {
  return understand({ text: m.text, lang: m.lang, catalogue: CATALOGUE, devices: [DEVICES.laptop, DEVICES.desktop] });
}

export function isRight(m: Labelled, got: Understanding): boolean {
  const want = parseExpect(m.expect);
  if (got.intent !== want.intent) return false;
  if (want.action && got.action !== want.action) return false;
  if (want.intent === 'install' && (got.packageId ?? null) !== want.packageKey) return false;
  if (want.reason && got.reason !== want.reason) return false;
  if (m.device && got.deviceId !== DEVICES[m.device].id) return false;
  return true;
}

/** The demo articles in the real in-process KB index (id = English title), as a contact of any customer sees them. */
export function demoKbIndex(): TenantIndex {
  const index = new TenantIndex();
  for (const a of DEMO_ARTICLES) {
    const en = a.texts.en;
    if (!en) continue;
    index.upsert({
      id: en[0],
      audienceRestricted: a.onlyFor !== undefined,
      audienceCustomerIds: [],
      viewCount: 0,
      categoryId: a.category,
      updatedAt: new Date('2026-01-01T00:00:00Z'),
      translations: Object.entries(a.texts).map(([language, t]) => ({ language: language as Language, title: t[0], body: t[1] })),
    });
  }
  index.seal();
  return index;
}

export function score(messages: readonly Labelled[], index: TenantIndex = demoKbIndex()): Outcome[] {
  return messages.map((message) => {
    const got = understandLabelled(message);
    let kbTop3: boolean | null = null;
    if (message.article && got.intent === 'kb') {
      const hits = index.search({ customerId: 'customer', language: message.lang, defaultLanguage: 'en' }, got.kbQuery ?? '', 3).items;
      kbTop3 = hits.some((h) => h.id === message.article);
    } else if (message.article) kbTop3 = false;
    return { message, got, ok: isRight(message, got), kbTop3 };
  });
}

export interface Tally {
  right: number;
  total: number;
}
export const rate = (t: Tally): number => (t.total === 0 ? 1 : t.right / t.total);

export function tallyBy(outcomes: readonly Outcome[], key: (o: Outcome) => string): Record<string, Tally> {
  const out: Record<string, Tally> = {};
  for (const o of outcomes) {
    const k = key(o);
    const t = (out[k] ??= { right: 0, total: 0 });
    t.total++;
    if (o.ok) t.right++;
  }
  return out;
}

export const intentOf = (o: Outcome): string => parseExpect(o.message.expect).intent;
