// The browser run's log shows what the page looked like when a test failed (CI keeps the log only).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failureContexts } from './e2e-failure-context.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-e2e-context-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const contextFile = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

const result = (status: string, retry: number, attachments: { name: string; path?: string }[]) => ({ status, retry, attachments });

describe('failure contexts of a Playwright JSON report', () => {
  it('answers the page snapshot of each failed or timed-out attempt, titled by project, test and attempt', () => {
    const first = contextFile('first.md', '# Page snapshot\n- dialog "Reimposta password":\n  - button "Annulla"');
    const second = contextFile('second.md', '# Page snapshot\n- heading "I miei dispositivi"');
    const report = {
      suites: [
        {
          title: 'self-service-actions.spec.ts',
          specs: [
            {
              title: 'install and reset',
              tests: [
                {
                  projectName: 'self-service',
                  results: [result('timedOut', 0, [{ name: 'screenshot', path: first }, { name: 'error-context', path: first }]), result('failed', 1, [{ name: 'error-context', path: second }])],
                },
              ],
            },
          ],
          suites: [{ title: 'nested', specs: [{ title: 'passes', tests: [{ projectName: 'self-service', results: [result('passed', 0, [{ name: 'error-context', path: first }])] }] }] }],
        },
      ],
    };
    expect(failureContexts(report)).toEqual([
      { heading: '[self-service] self-service-actions.spec.ts › install and reset (attempt 1, timedOut)', text: '# Page snapshot\n- dialog "Reimposta password":\n  - button "Annulla"' },
      { heading: '[self-service] self-service-actions.spec.ts › install and reset (attempt 2, failed)', text: '# Page snapshot\n- heading "I miei dispositivi"' },
    ]);
  });

  it('caps a long snapshot and names the file that holds the rest; skips a context whose file is gone', () => {
    const long = contextFile('long.md', Array.from({ length: 130 }, (_, i) => `line ${i}`).join('\n'));
    const report = {
      suites: [
        {
          title: 'a.spec.ts',
          specs: [{ title: 't', tests: [{ projectName: 'p', results: [result('failed', 0, [{ name: 'error-context', path: long }]), result('failed', 1, [{ name: 'error-context', path: path.join(dir, 'gone.md') }])] }] }],
        },
      ],
    };
    const [only, ...rest] = failureContexts(report);
    expect(rest).toEqual([]);
    const lines = only?.text.split('\n') ?? [];
    expect(lines).toHaveLength(121);
    expect(lines[119]).toBe('line 119');
    expect(lines[120]).toBe(`… 10 more lines in ${long}`);
  });
});
