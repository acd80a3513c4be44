// `npm test`: unit + integration tests on PGlite; with TEST_DATABASE_URL, the same suite
// again on PostgreSQL. Ends with one `N passed, N failed` line over both runs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { formatSummary, lastSummary } from './summary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const extra = process.argv.slice(2);

function vitest(label, env) {
  return new Promise((resolve) => {
    console.log(`\n=== ${label} ===`);
    const child = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...extra], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => {
      const summary = lastSummary(out) ?? { passed: 0, failed: 1, skipped: 0 };
      if (code !== 0 && summary.failed === 0) summary.failed = 1;
      resolve(summary);
    });
  });
}

const runs = [await vitest('PGlite (embedded)', { TEST_DATABASE_URL: '' })];
if (process.env.TEST_DATABASE_URL) runs.push(await vitest(`PostgreSQL (${new URL(process.env.TEST_DATABASE_URL).host})`, {}));
const total = runs.reduce((a, r) => ({ passed: a.passed + r.passed, failed: a.failed + r.failed, skipped: a.skipped + r.skipped }), { passed: 0, failed: 0, skipped: 0 });
console.log(`\n${formatSummary(total)}`);
process.exit(total.failed > 0 ? 1 : 0);
