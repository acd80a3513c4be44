import type { TestProject } from 'vitest/node';
import { ensurePgliteTemplate, preparePostgres, type RunningDatabase, startPgliteCopy } from './database.ts';
import './provided.ts';

/**
 * Runs once per `vitest run`, in vitest's main process. One migrated database for the
 * whole run: tests isolate themselves by tenant and never truncate (docs: DESIGN.md, Testing).
 * TEST_DATABASE_URL → PostgreSQL (created if missing); otherwise a fresh copy of a cached,
 * migrated PGlite template, served over a unix socket and deleted at the end.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  let running: RunningDatabase;
  if (url) {
    running = await preparePostgres(url);
  } else {
    const started = Date.now();
    const template = await ensurePgliteTemplate();
    running = await startPgliteCopy(template);
    if (process.env.PORTA_TEST_DEBUG) process.stdout.write(`PGlite test database ready in ${Date.now() - started} ms\n`);
  }
  project.provide('testDatabase', running.info);
  return () => running.stop();
}
