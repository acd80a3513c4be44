// `npm run test:e2e`: builds the app, then Playwright drives the system Chromium against the
// real server. Ends with one `N passed, N failed` line. Screenshots stay in test-results/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { failureContexts } from './e2e-failure-context.mjs';
import { formatSummary } from './summary.mjs';

const root = path.resolve(import.meta.dirname, '..');
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!fs.existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it (apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const report = path.join(root, 'test-results', 'e2e-report.json');
fs.rmSync(report, { force: true });
const run = spawnSync(process.execPath, [path.join(root, 'node_modules/@playwright/test/cli.js'), 'test', '--reporter=list,json', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
});

let summary = { passed: 0, failed: 1, skipped: 0 };
if (fs.existsSync(report)) {
  const parsed = JSON.parse(fs.readFileSync(report, 'utf8'));
  for (const { heading, text } of failureContexts(parsed)) console.log(`\n--- what the page showed: ${heading}\n${text}`);
  const stats = parsed.stats ?? {};
  summary = { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
  if (run.status !== 0 && summary.failed === 0) summary.failed = 1;
}
console.log(`\n${formatSummary(summary)}`);
process.exit(run.status ?? 1);
