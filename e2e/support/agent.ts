import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from '@playwright/test';
import { BASE_URL } from './env';

/** One command the dry-run executor recorded instead of running it. */
export interface DryRunLine {
  commandId: string;
  action: string;
  argv: string[];
}

export interface DryRunAgent {
  stateDir: string;
  /** Everything the agent printed so far (for failure messages). */
  output(): string;
  /** The commands it would have run, in order. */
  recorded(): DryRunLine[];
  /** Stops the process and removes its state. */
  stop(): void;
}

/**
 * A real agent process (apps/agent) enrolled with `token` and running with the dry-run
 * executor, reconnecting fast; `dryRun` makes it report itself as that OS and console user.
 */
export function startDryRunAgent(token: string, dryRun: { os?: 'windows' | 'macos' | 'linux'; user?: string } = {}): DryRunAgent {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-e2e-agent-'));
  const env = {
    ...process.env,
    PORTA_AGENT_BACKOFF_BASE_MS: '100',
    PORTA_AGENT_BACKOFF_CAP_MS: '500',
    ...(dryRun.os && { PORTA_AGENT_DRY_RUN_OS: dryRun.os }),
    ...(dryRun.user && { PORTA_AGENT_DRY_RUN_USER: dryRun.user }),
    npm_config_loglevel: 'silent',
  };
  const enrol = spawnSync('npm', ['run', '--silent', 'agent', '--', 'enrol', '--server', BASE_URL, '--token', token, '--state', stateDir, '--executor', 'dry-run'], { env, encoding: 'utf8' });
  expect(enrol.status, `${enrol.stdout}${enrol.stderr}`).toBe(0);
  let output = '';
  const agent = spawn(process.execPath, ['--import', 'tsx', 'apps/agent/src/main.ts', 'run', '--state', stateDir], { env });
  agent.stdout.on('data', (d: Buffer) => (output += d.toString()));
  agent.stderr.on('data', (d: Buffer) => (output += d.toString()));
  return {
    stateDir,
    output: () => output,
    recorded: () => {
      const file = path.join(stateDir, 'dry-run.jsonl');
      return fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as DryRunLine) : [];
    },
    stop: () => {
      agent.kill();
      fs.rmSync(stateDir, { recursive: true, force: true });
    },
  };
}
