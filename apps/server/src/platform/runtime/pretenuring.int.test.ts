import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { sharedDatabase } from '../../test/harness.ts';
import { repoRoot } from '../../test/processes.ts';

const run = promisify(execFile);
const { args } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'apps/server/node-args.json'), 'utf8')) as { args: string[] };
const READER = 'apps/server/src/test/fixtures/pg-rows-reader.ts';
const FLAG = '--no-allocation-site-pretenuring';

/**
 * The share of the young generation's allocation that its collections promoted to the old
 * one, over the last third of them (the first ones include loading tsx and the modules), read from V8's
 * `--trace-gc-nvp` line for each scavenge (`allocated=…` and `promoted=…`, in bytes).
 */
async function promotedShare(nodeArgs: string[]): Promise<{ share: number; scavenges: number }> {
  const { engine, connection } = sharedDatabase();
  const readerArgs = [JSON.stringify(connection), '8000', ...(engine === 'postgres' ? ['named'] : [])];
  const { stdout } = await run(process.execPath, [...nodeArgs, '--trace-gc-nvp', '--import', 'tsx', READER, ...readerArgs], { cwd: repoRoot, maxBuffer: 64 * 1024 * 1024 });
  const scavenges = stdout
    .split('\n')
    .filter((line) => /\bgc=s\b/.test(line))
    .map((line) => ({ allocated: Number(/\ballocated=(\d+)/.exec(line)?.[1]), promoted: Number(/\bpromoted=(\d+)/.exec(line)?.[1]) }));
  const late = scavenges.slice(Math.floor((scavenges.length * 2) / 3));
  const allocated = late.reduce((n, s) => n + s.allocated, 0);
  const promoted = late.reduce((n, s) => n + s.promoted, 0);
  return { share: allocated > 0 ? promoted / allocated : Number.NaN, scavenges: late.length };
}

// Issue 16: with V8's allocation-site pretenuring, pg's result rows went to the old generation
// and a list request's garbage with them: a full collection a second under the list load.
describe('the server’s node arguments keep short-lived rows young (apps/server/node-args.json, issue 16)', () => {
  it('reading rows with the server’s arguments promotes next to nothing; without the flag, V8 promotes a large share of them', async () => {
    expect(args).toContain(FLAG);
    const ours = await promotedShare(args);
    const theirs = await promotedShare(args.filter((a) => a !== FLAG));
    expect(ours.scavenges).toBeGreaterThan(5);
    expect(theirs.scavenges).toBeGreaterThan(5);
    expect(ours.share).toBeLessThan(0.05);
    // The control: the reader does reproduce what the flag is for (if a later V8 or pg no
    // longer does, this fails, and the flag may be taken out).
    expect(theirs.share).toBeGreaterThan(0.2);
  }, 120_000);
});
