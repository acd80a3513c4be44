// CI step: `npm audit --omit=dev`; a high or critical advisory in a production dependency fails
// CI (issue 15 item 7). Ends with the `N passed, N failed[, N skipped]` line .ci/run tallies: an
// unreachable advisory database is reported as skipped, with the reason, never as passed.
import { spawnSync } from 'node:child_process';
import { auditVerdict } from './audit-verdict.mjs';
import { formatSummary } from './summary.mjs';

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(run.stdout);
} catch {
  report = undefined;
}
const { outcome, lines } = auditVerdict(report);
for (const line of lines) console.log(line);
if (outcome === 'unavailable') console.log('npm audit: NOT PERFORMED (see above)');
console.log(formatSummary({ passed: outcome === 'passed' ? 1 : 0, failed: outcome === 'failed' ? 1 : 0, skipped: outcome === 'unavailable' ? 1 : 0 }));
process.exit(outcome === 'failed' ? 1 : 0);
