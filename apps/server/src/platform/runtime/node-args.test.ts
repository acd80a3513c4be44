import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../../..');
const { args } = JSON.parse(fs.readFileSync(path.join(root, 'apps/server/node-args.json'), 'utf8')) as { args: string[] };

describe('the node arguments the server starts with (apps/server/node-args.json, issue 16 item 4)', () => {
  it('are the image’s too: the Dockerfile’s CMD runs node with exactly them', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8'))?.[1];
    expect(cmd && (JSON.parse(cmd) as string[])).toEqual(['node', ...args, 'apps/server/dist/main.js']);
  });

  it('turn V8’s allocation-site pretenuring off (it moved pg’s result rows to the old generation: bench/lib/pg-rows-reader.ts)', () => {
    expect(args).toContain('--no-allocation-site-pretenuring');
  });

  it('are accepted by this node, and keep the young generation well below V8’s default', () => {
    // The new space's largest size during a burst of short-lived allocations.
    const burst = "const v8 = require('node:v8'); let keep = []; let most = 0; for (let i = 0; i < 3e6; i++) { keep.push({ i, s: 'x' + i }); if (keep.length > 20000) keep = []; if (i % 10000 === 0) most = Math.max(most, v8.getHeapSpaceStatistics().find((x) => x.space_name === 'new_space').space_size); } console.log(most)";
    const newSpace = (nodeArgs: string[]) => {
      const r = spawnSync(process.execPath, [...nodeArgs, '-e', burst], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return Number(r.stdout.trim());
    };
    expect(args).toContain('--max-semi-space-size=8');
    const ours = newSpace(args);
    // Without the argument the same burst grows it to V8's default (two semi-spaces of 16 MiB on
    // Node 20; the layout, and so the exact size, differs between V8 versions).
    const theirs = newSpace([]);
    expect(ours).toBeGreaterThan(0);
    expect(ours).toBeLessThan(theirs * 0.75);
  });
});
