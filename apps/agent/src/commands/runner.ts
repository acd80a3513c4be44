import type { KeyObject } from 'node:crypto';
import type { AgentMessage } from '@porta/agent-protocol';
import { planAction } from '../actions/index.ts';
import type { Executor } from '../os/executor.ts';
import { PlanRefusal, type OsContext, type OsPlanner } from '../os/types.ts';
import type { NonceStore } from '../state/nonces.ts';
import { verifyIncoming } from './verify.ts';

export interface RunnerDeps {
  deviceId: string;
  tenantId: string;
  commandPublicKey: KeyObject;
  nonces: NonceStore;
  planner: OsPlanner;
  executor: Executor;
  readContext: () => Promise<OsContext>;
  now?: () => number;
  log?: (line: string) => void;
}

type Send = (message: AgentMessage) => void;

/**
 * Handles `command` messages one at a time: ack, verify, claim the nonce (persisted before
 * anything runs, so a command runs at most once), plan the OS step, run it, report.
 */
export class CommandRunner {
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RunnerDeps) {}

  /** Queues a received command; resolves when it has been handled. */
  handle(raw: unknown, send: Send): Promise<void> {
    const next = this.queue.then(() => this.process(raw, send));
    this.queue = next.catch(() => {});
    return next;
  }

  private async process(raw: unknown, send: Send): Promise<void> {
    const { deps } = this;
    const log = deps.log ?? (() => {});
    const now = deps.now ?? Date.now;
    const verdict = verifyIncoming(raw, { deviceId: deps.deviceId, tenantId: deps.tenantId, commandPublicKey: deps.commandPublicKey, nonces: deps.nonces, now: now() });
    if (!verdict.ok) {
      log(`refused command ${verdict.commandId ?? '(no id)'}: ${verdict.reason}: ${verdict.detail}`);
      if (verdict.commandId) send({ type: 'status', commandId: verdict.commandId, status: 'refused', reason: verdict.reason, detail: verdict.detail });
      return;
    }
    const { payload } = verdict;
    send({ type: 'ack', commandId: payload.id });

    let step;
    try {
      step = planAction(payload, deps.planner, await deps.readContext());
    } catch (error) {
      const reason = error instanceof PlanRefusal ? error.reason : 'bad-params';
      const detail = error instanceof Error ? error.message : 'cannot plan';
      // Refused before running: the nonce is still burnt so the same command cannot come back.
      await deps.nonces.claim(payload.nonce, payload.id, payload.expiresAt, now());
      await deps.nonces.settle(payload.nonce, 'refused');
      log(`refused command ${payload.id}: ${reason}: ${detail}`);
      send({ type: 'status', commandId: payload.id, status: 'refused', reason, detail });
      return;
    }

    await deps.nonces.claim(payload.nonce, payload.id, payload.expiresAt, now());
    send({ type: 'status', commandId: payload.id, status: 'running' });
    log(`running command ${payload.id} (${payload.action})`);
    const result = await deps.executor.execute(step, { commandId: payload.id, action: payload.action });
    await deps.nonces.settle(payload.nonce, result.ok ? 'succeeded' : 'failed');
    log(`command ${payload.id} ${result.ok ? 'succeeded' : 'failed'}`);
    send(
      result.ok
        ? { type: 'status', commandId: payload.id, status: 'succeeded', detail: result.detail }
        : { type: 'status', commandId: payload.id, status: 'failed', reason: 'executor-failed', detail: result.detail },
    );
  }
}
