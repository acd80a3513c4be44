import type { Action } from '@porta/agent-protocol';
import type { Step } from './types.ts';

export interface ExecutionResult {
  ok: boolean;
  /** Short human text for the status detail (exit code, output tail); never holds a secret. */
  detail: string;
}

export interface Executor {
  kind: 'system' | 'dry-run';
  execute(step: Step, meta: { commandId: string; action: Action }): Promise<ExecutionResult>;
}

export const EXECUTOR_KINDS = ['system', 'dry-run'] as const;
export type ExecutorKind = (typeof EXECUTOR_KINDS)[number];

/** argv with secret arguments replaced, for logs and the dry-run record. */
export function redactedArgv(step: Step): string[] {
  return step.argv.map((arg, i) => (step.secretArgs?.includes(i) ? '<redacted>' : arg));
}
