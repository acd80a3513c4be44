import type { AppContext } from '../../platform/context.ts';
import { CommandSigner } from '../agent-commands/signer.ts';
import { AgentGateway } from './gateway.ts';
import { registerLiveSource } from '../../platform/metrics/live-sources.ts';

/** How often each node expires commands that were never acknowledged in time. */
export const SWEEP_INTERVAL_MS = 15_000;

export interface AgentRuntime {
  gateway: AgentGateway;
  /** The signing worker, started on first use (a node that never signs never starts it). */
  signer(): Promise<CommandSigner>;
  close(): Promise<void>;
}

const runtimes = new WeakMap<AppContext, AgentRuntime>();

/**
 * Issue 12: what one app node keeps for agents: its sockets, the signing worker and the expiry
 * sweeper, found from the context by `issueCommand(ctx, …)` (the pinned interface takes no
 * more). Built with the app (`registerAgentGateway`) and closed with it.
 */
export function startAgentRuntime(ctx: AppContext, sweep: () => Promise<unknown>): AgentRuntime {
  const gateway = new AgentGateway(ctx);
  const stopListening = ctx.bus.subscribe((m) => gateway.onBus(m));
  const stopCounting = registerLiveSource('agent_sockets', () => gateway.size);
  let signer: Promise<CommandSigner> | null = null;
  const sweeper = setInterval(() => void sweep().catch(() => undefined), SWEEP_INTERVAL_MS);
  sweeper.unref();
  const runtime: AgentRuntime = {
    gateway,
    signer() {
      signer ??= CommandSigner.start(ctx.db, ctx.keys).catch((err: unknown) => {
        signer = null;
        throw err;
      });
      return signer;
    },
    async close() {
      clearInterval(sweeper);
      stopListening();
      stopCounting();
      await gateway.close();
      if (signer) await (await signer.catch(() => null))?.close();
      runtimes.delete(ctx);
    },
  };
  runtimes.set(ctx, runtime);
  return runtime;
}

export function agentRuntime(ctx: AppContext): AgentRuntime {
  const r = runtimes.get(ctx);
  if (!r) throw new Error('the agent runtime is started with the app (registerAgentGateway)');
  return r;
}
