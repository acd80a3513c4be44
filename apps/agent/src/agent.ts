import { publicKeyFromRaw } from '@porta/agent-protocol/sign';
import { CommandRunner } from './commands/runner.ts';
import { collectInventory, inventoryFingerprint } from './inventory.ts';
import { readOsContext } from './os/context.ts';
import { dryRunAs } from './os/dry-run-as.ts';
import { dryRunExecutor } from './os/dry-run-executor.ts';
import { PLANNERS, currentOs } from './os/planners.ts';
import { systemExecutor } from './os/system-executor.ts';
import { NonceStore } from './state/nonces.ts';
import { readPrivateKey, readState } from './state/store.ts';
import type { BackoffOptions } from './transport/backoff.ts';
import { AgentConnection, type StopReason } from './transport/connection.ts';
import { AGENT_VERSION } from './version.ts';

export interface RunOptions {
  stateDir: string;
  log: (line: string) => void;
  backoff?: BackoffOptions;
}

/** `run`: loads the state and keeps the connection until stopped (SIGINT/SIGTERM) or refused. */
export async function runAgent(options: RunOptions): Promise<StopReason> {
  const state = await readState(options.stateDir);
  const privateKey = await readPrivateKey(options.stateDir);
  const nonces = await NonceStore.open(options.stateDir);
  const as = dryRunAs(state.executor);
  const os = as?.os ?? currentOs();
  const executor = state.executor === 'dry-run' ? dryRunExecutor(options.stateDir) : systemExecutor;
  const readContext = async () => {
    const ctx = await readOsContext(os);
    return as?.user ? { ...ctx, consoleUser: as.user } : ctx;
  };
  const runner = new CommandRunner({
    deviceId: state.deviceId,
    tenantId: state.tenantId,
    commandPublicKey: publicKeyFromRaw(state.commandPublicKey),
    nonces,
    planner: PLANNERS[os],
    executor,
    readContext,
    log: options.log,
  });
  const connection = new AgentConnection({
    server: state.server,
    deviceId: state.deviceId,
    privateKey,
    agentVersion: AGENT_VERSION,
    onCommand: (raw, send) => {
      runner.handle(raw, send).catch((error: unknown) => options.log(`command handling failed: ${error instanceof Error ? error.message : String(error)}`));
    },
    collectInventory: () => collectInventory(as),
    fingerprint: inventoryFingerprint,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    log: options.log,
  });
  options.log(`porta-agent ${AGENT_VERSION}: device ${state.deviceId}, ${executor.kind} executor${as ? ` (as ${as.os})` : ''}, server ${state.server}`);
  const stop = () => connection.stop();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    return await connection.run();
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
