/**
 * Issue 9 item 4: the cost of the password-strength check (zxcvbn-ts with the common lists and
 * the en, fr, de, es, it dictionaries, as the server runs it). Measures, in this process:
 * loading and building the checker on first use (once per process), then the time of one check
 * for weak, strong and generated passwords (median and max of BENCH_ROUNDS each), and the
 * process's RSS growth. The check runs only where a password is set, never on sign-in.
 * Goal: a check under 100 ms (median, warm), so a password change stays well under a second.
 *
 * Env: BENCH_ROUNDS=20
 */
import { checkPasswordStrength } from '@porta/contracts/password-strength';
import { generatePassword } from '../apps/server/src/platform/crypto/passwords.ts';
import { machine, median, round, runMain, table, writeResult } from './lib/common.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const people = { firstName: 'Ada', lastName: 'Lovelace', email: 'ada.lovelace@analytical.example', username: 'ada.lovelace', tenantName: 'Northwind Traders' };
const CASES: { name: string; password: () => string }[] = [
  { name: 'password12 (weak)', password: () => 'password12' },
  { name: 'Ada Lovelace2024 (own name)', password: () => 'Ada Lovelace2024' },
  { name: 'four words (strong)', password: () => 'violet tractor seventeen lagoon' },
  { name: 'generated (19 chars)', password: generatePassword },
  { name: '64 random characters', password: () => 'xK4fT9qW2mP7'.repeat(6).slice(0, 64) },
];

async function main() {
  const startedAt = new Date().toISOString();
  const rss0 = process.memoryUsage().rss;
  let t = performance.now();
  await checkPasswordStrength('warm-up', people);
  const firstMs = performance.now() - t;
  const rssMiB = (process.memoryUsage().rss - rss0) / 1048576;
  console.log(`first check (load + build the checker): ${round(firstMs)} ms, RSS +${round(rssMiB)} MiB`);
  const rows: { name: string; medianMs: number; maxMs: number }[] = [];
  for (const c of CASES) {
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const password = c.password();
      t = performance.now();
      await checkPasswordStrength(password, people);
      times.push(performance.now() - t);
    }
    rows.push({ name: c.name, medianMs: round(median(times), 1), maxMs: round(Math.max(...times), 1) });
    console.log(`${c.name}: median ${round(median(times), 1)} ms`);
  }
  console.log(table(['password', 'median ms', 'max ms'], rows.map((r) => [r.name, r.medianMs, r.maxMs])));
  const worstMedian = Math.max(...rows.map((r) => r.medianMs));
  const goalsMet = worstMedian < 100;
  const summary = [`first check ${round(firstMs)} ms (RSS +${round(rssMiB)} MiB)`, ...rows.map((r) => `${r.name}: median ${r.medianMs} ms, max ${r.maxMs} ms`), `goal: median < 100 ms: ${goalsMet ? 'met' : 'NOT met'}`];
  const file = writeResult({ name: 'password-strength', startedAt, machine: machine(), summary, goalsMet, data: { rounds: ROUNDS, firstMs, rssMiB, rows } });
  console.log(`wrote ${file}`);
}

runMain(main, 5 * 60_000);
