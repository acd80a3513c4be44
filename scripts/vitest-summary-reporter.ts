import type { Reporter, SerializedError, TestModule } from 'vitest/node';

/**
 * Ends a vitest run with one plain line, `N passed, N failed` (`, N skipped` when some were),
 * which CI greps and `scripts/test.mjs` sums over its runs. A test file that failed to load,
 * or an error outside any test, counts as one failure: a broken file never reads as green.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const mod of testModules) {
      let moduleFailures = 0;
      for (const test of mod.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') moduleFailures++;
        else skipped++;
      }
      // A crash in the file or in a hook outside any test leaves no failed test behind.
      if (moduleFailures === 0 && (mod.state() === 'failed' || mod.errors().length > 0)) moduleFailures = 1;
      failed += moduleFailures;
    }
    failed += unhandledErrors.length;
    const line = `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`;
    process.stdout.write(`\n${line}\n`);
  }
}
