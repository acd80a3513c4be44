// After a browser run: what each failed attempt's page looked like (Playwright's "error context", an
// accessibility snapshot of the page when the test stopped). CI keeps only the log, not
// test-results/, so without this a failure says where the test waited but not what it saw.
import fs from 'node:fs';

const MAX_LINES = 120;

/** Every result of every test in a Playwright JSON report, with the test's title path. */
function* results(suite, titles = []) {
  const here = suite.title ? [...titles, suite.title] : titles;
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      for (const result of test.results ?? []) yield { title: [...here, spec.title].join(' › '), project: test.projectName, result };
    }
  }
  for (const child of suite.suites ?? []) yield* results(child, here);
}

/** The error-context text of each failed or timed-out attempt in `report` (a parsed JSON report), capped per attempt. */
export function failureContexts(report) {
  const out = [];
  for (const suite of report.suites ?? []) {
    for (const { title, project, result } of results(suite)) {
      if (result.status !== 'failed' && result.status !== 'timedOut') continue;
      const attachment = (result.attachments ?? []).find((a) => a.name === 'error-context' && a.path && fs.existsSync(a.path));
      if (!attachment) continue;
      const lines = fs.readFileSync(attachment.path, 'utf8').split('\n');
      const shown = lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `… ${lines.length - MAX_LINES} more lines in ${attachment.path}`] : lines;
      out.push({ heading: `[${project}] ${title} (attempt ${(result.retry ?? 0) + 1}, ${result.status})`, text: shown.join('\n') });
    }
  }
  return out;
}
