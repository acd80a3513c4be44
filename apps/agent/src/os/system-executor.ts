import { spawn } from 'node:child_process';
import { MAX_STATUS_DETAIL } from '@porta/agent-protocol';
import { redactedArgv, type ExecutionResult, type Executor } from './executor.ts';
import type { Step } from './types.ts';

const OUTPUT_KEEP = 4000;

function scrub(text: string, step: Step): string {
  let out = text;
  for (const i of step.secretArgs ?? []) {
    const secret = step.argv[i];
    if (secret) out = out.split(secret).join('<redacted>');
  }
  return out;
}

/** Runs a step with `spawn` (never a shell), stdin piped when the step has a secret for it. */
export function runStep(step: Step): Promise<ExecutionResult> {
  return new Promise((resolve) => {
    const [file, ...args] = step.argv;
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-OUTPUT_KEEP);
    };
    const child = spawn(file, args, { shell: false, windowsHide: true, stdio: ['pipe', 'pipe', 'pipe'], timeout: step.timeoutMs });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.stdin.on('error', () => {});
    child.stdin.end(step.stdin ?? '');
    const label = redactedArgv(step).join(' ');
    child.on('error', (error) => resolve({ ok: false, detail: scrub(`${label}: ${error.message}`, step).slice(0, MAX_STATUS_DETAIL) }));
    child.on('close', (code, signal) => {
      const tail = scrub(output.trim(), step);
      const head = code === 0 ? `${label}: exit 0` : `${label}: ${signal ? `killed by ${signal}` : `exit ${code}`}`;
      resolve({ ok: code === 0, detail: (tail ? `${head}\n${tail}` : head).slice(0, MAX_STATUS_DETAIL) });
    });
  });
}

export const systemExecutor: Executor = { kind: 'system', execute: (step) => runStep(step) };
