import { appendFile } from 'node:fs/promises';
import path from 'node:path';
import { redactedArgv, type Executor } from './executor.ts';

export const DRY_RUN_FILE = 'dry-run.jsonl';

/**
 * Records what would run instead of running it: one JSON line per command,
 * `{commandId, action, argv, at}` in `<state>/dry-run.jsonl`. Secret argv entries are redacted;
 * stdin (Linux chpasswd) is never written.
 */
export function dryRunExecutor(stateDir: string, now: () => Date = () => new Date()): Executor {
  const file = path.join(stateDir, DRY_RUN_FILE);
  return {
    kind: 'dry-run',
    async execute(step, meta) {
      const line = { commandId: meta.commandId, action: meta.action, argv: redactedArgv(step), at: now().toISOString() };
      await appendFile(file, `${JSON.stringify(line)}\n`, { mode: 0o600 });
      return { ok: true, detail: `dry-run: ${line.argv.join(' ')}` };
    },
  };
}
