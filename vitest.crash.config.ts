import { defineConfig } from 'vitest/config';

/**
 * Crash tests (`npm run test:crash`, a step of its own in CI): they start the real server as
 * a child process, kill it with -9 and start it again, which takes minutes on a busy machine,
 * so they stay out of `npm test`. They make their own data directories: no global setup.
 */
export default defineConfig({
  test: {
    include: ['apps/**/src/**/*.crash-test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 120_000,
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
