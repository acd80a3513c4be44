/**
 * Issue 13 "Measure and report": the built-in assistant engine (no model, AI-5a) on the
 * labelled set (bench/assistant/messages.*.ts) and, scored separately, on the held-out set
 * not tuned on (bench/assistant/held-out-3.ts): accuracy overall, per
 * language, per intent and per kind of hard case, with the misses listed; for KB questions
 * naming a demo article, whether the real in-process KB search (features/kb/search) finds it in
 * its top 3 from the engine's kbQuery. Latency per message (p50/p95 over BENCH_ROUNDS passes
 * of the whole set, warm) and memory (heap after building the five lexicons and the KB index,
 * measured apart). Then the same messages through the real server on PostgreSQL (assistant/http.ts),
 * one request at a time, against `GET /portal/me` in the same run. Goals: ≥ 97% overall and
 * ≥ 95% per language on the labelled set, p95 < 50 ms per message through the server.
 *
 * Env: BENCH_ROUNDS=20 (in-process passes), BENCH_HTTP_PASSES=2
 */
import { HELD_OUT_3 } from './assistant/held-out-3.ts';
import { measureHttp } from './assistant/http.ts';
import { LABELLED } from './assistant/messages.ts';
import { GOAL_OVERALL, GOAL_PER_LANGUAGE, intentOf, type Outcome, rate, score, tallyBy, understandLabelled } from './assistant/score.ts';
import { machine, round, runMain, table, writeResult } from './lib/common.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const HTTP_PASSES = Number(process.env.BENCH_HTTP_PASSES ?? 2);
const GOAL_P95_MS = 50;

const pct = (x: number): number => round(x * 100, 1);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function report(name: string, outcomes: Outcome[]) {
  const right = outcomes.filter((o) => o.ok).length;
  const overall = right / outcomes.length;
  const byLang = tallyBy(outcomes, (o) => o.message.lang);
  const byIntent = tallyBy(outcomes, intentOf);
  const byKind = tallyBy(outcomes, (o) => o.message.kind);
  const kb = outcomes.filter((o) => o.kbTop3 !== null);
  const kbTop3 = kb.length === 0 ? 1 : kb.filter((o) => o.kbTop3).length / kb.length;
  console.log(`\n${name}: ${right}/${outcomes.length} right (${pct(overall)}%)`);
  console.log(table(['language', 'right', 'total', '%'], Object.entries(byLang).map(([k, t]) => [k, t.right, t.total, pct(rate(t))])));
  console.log(table(['intent', 'right', 'total', '%'], Object.entries(byIntent).map(([k, t]) => [k, t.right, t.total, pct(rate(t))])));
  console.log(table(['kind', 'right', 'total', '%'], Object.entries(byKind).map(([k, t]) => [k, t.right, t.total, pct(rate(t))])));
  const misses = outcomes.filter((o) => !o.ok).map((o) => `${o.message.lang} [${o.message.kind}] "${o.message.text.replace(/\n/g, ' / ')}": expected ${o.message.expect}, got ${JSON.stringify(o.got)}`);
  const kbMisses = kb.filter((o) => !o.kbTop3).map((o) => `${o.message.lang} "${o.message.text}" (kbQuery "${o.got.kbQuery ?? ''}") → not "${o.message.article ?? ''}" in top 3`);
  console.log(misses.length ? `misses:\n  ${misses.join('\n  ')}` : 'no misses');
  console.log(`KB top-3 from kbQuery: ${kb.filter((o) => o.kbTop3).length}/${kb.length} (${pct(kbTop3)}%)`);
  if (kbMisses.length) console.log(`  ${kbMisses.join('\n  ')}`);
  return {
    total: outcomes.length,
    right,
    overall,
    byLang: Object.fromEntries(Object.entries(byLang).map(([k, t]) => [k, rate(t)])),
    byIntent: Object.fromEntries(Object.entries(byIntent).map(([k, t]) => [k, rate(t)])),
    byKind: Object.fromEntries(Object.entries(byKind).map(([k, t]) => [k, rate(t)])),
    kbTop3,
    kbScored: kb.length,
    misses,
    kbMisses,
  };
}

async function main() {
  const startedAt = new Date().toISOString();
  gc();
  const heap0 = process.memoryUsage().heapUsed;
  for (const lang of ['en', 'fr', 'de', 'es', 'it'] as const) understandLabelled({ lang, text: 'restart', expect: 'action:restart', kind: 'plain' });
  gc();
  const lexiconKiB = (process.memoryUsage().heapUsed - heap0) / 1024;

  const main = report('labelled set', score(LABELLED));
  const held = report('held-out set (the third: written before the engine was changed for the second, never tuned on)', score(HELD_OUT_3));

  const all = [...LABELLED, ...HELD_OUT_3];
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of all) {
      const t = performance.now();
      understandLabelled(m);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  const p50 = quantile(times, 0.5);
  const p95 = quantile(times, 0.95);
  const max = times[times.length - 1] ?? 0;
  console.log(`\nlatency per message over ${times.length} reads: p50 ${round(p50, 3)} ms, p95 ${round(p95, 3)} ms, max ${round(max, 2)} ms`);
  console.log(`memory: lexicons of five languages ${round(lexiconKiB)} KiB heap; process RSS ${round(process.memoryUsage().rss / 1048576)} MiB`);

  const http = HTTP_PASSES > 0 ? await measureHttp(all, HTTP_PASSES) : null;

  const langsOk = Object.values(main.byLang).every((r) => r >= GOAL_PER_LANGUAGE);
  const goalsMet = main.overall >= GOAL_OVERALL && langsOk && p95 < GOAL_P95_MS && (http === null || (http.errors === 0 && http.message.p95 < GOAL_P95_MS));
  const perLang = (r: Record<string, number>) => Object.entries(r).map(([k, v]) => `${k} ${pct(v)}%`).join(', ');
  const summary = [
    `labelled set: ${main.right}/${main.total} = ${pct(main.overall)}% (${perLang(main.byLang)}); KB top-3 ${pct(main.kbTop3)}% of ${main.kbScored}`,
    `held-out set (not tuned on): ${held.right}/${held.total} = ${pct(held.overall)}% (${perLang(held.byLang)}); KB top-3 ${pct(held.kbTop3)}% of ${held.kbScored}`,
    `latency per message, engine in process: p50 ${round(p50, 3)} ms, p95 ${round(p95, 3)} ms (goal < ${GOAL_P95_MS} ms)`,
    http
      ? `latency per message through the server (PostgreSQL, 1 at a time, ${http.messages} messages, ${http.errors} errors): p50 ${http.message.p50} ms, p95 ${http.message.p95} ms (goal < ${GOAL_P95_MS} ms); GET /portal/me p50 ${http.me.p50} ms → ${http.ratioP50}× at p50; server RSS ${http.serverRssMiB} MiB`
      : 'latency through the server: not measured (no PostgreSQL)',
    `memory: lexicons ${round(lexiconKiB)} KiB heap`,
    `goals (≥ ${GOAL_OVERALL * 100}% overall, ≥ ${GOAL_PER_LANGUAGE * 100}% per language on the labelled set, p95 < ${GOAL_P95_MS} ms): ${goalsMet ? 'met' : 'NOT met'}`,
  ];
  const file = writeResult({ name: 'assistant', startedAt, machine: machine(), summary, goalsMet, data: { rounds: ROUNDS, main, heldOut: held, latency: { p50, p95, max }, http, lexiconKiB } });
  console.log(`wrote ${file}`);
}

runMain(main, 15 * 60_000);
