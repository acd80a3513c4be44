import { defineConfig } from 'vitest/config';

/**
 * Unit and integration tests of every workspace. Integration tests share one migrated
 * database per run (PGlite, or PostgreSQL with TEST_DATABASE_URL), prepared by the global
 * setup; the last reporter prints the plain `N passed, N failed` line CI reads.
 */
export default defineConfig({
  test: {
    include: ['apps/**/src/**/*.test.ts', 'packages/**/src/**/*.test.ts', 'scripts/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**', 'e2e/**'],
    pool: 'forks',
    // Files share one process and its module cache (each builds its own app and tenants):
    // importing Fastify, zod and the app once instead of per file halves the run.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
    globalSetup: ['apps/server/src/test/global-setup.ts'],
    reporters: ['default', './scripts/vitest-summary-reporter.ts'],
  },
});
