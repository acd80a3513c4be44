import type { AgentOs } from '@porta/agent-protocol';

/** What a dry-run agent pretends to be (tests and demos of another OS's commands). */
export interface DryRunAs {
  os: AgentOs;
  /** The console user it reports (reset-password needs one); null: the real one. */
  user: string | null;
}

const OSES: readonly AgentOs[] = ['windows', 'macos', 'linux'];
const USER = /^[A-Za-z0-9._-]{1,64}$/;

/**
 * `PORTA_AGENT_DRY_RUN_OS` (windows, macos, linux) and `PORTA_AGENT_DRY_RUN_USER`: a dry-run
 * agent plans, records and reports as that OS and console user, so the commands of every OS
 * can be checked end to end from one machine. Read for the dry-run executor only: an agent
 * that really runs commands always plans for the OS it runs on.
 */
export function dryRunAs(executor: 'system' | 'dry-run', env: NodeJS.ProcessEnv = process.env): DryRunAs | null {
  if (executor !== 'dry-run') return null;
  const os = env.PORTA_AGENT_DRY_RUN_OS;
  if (!os) return null;
  if (!(OSES as readonly string[]).includes(os)) throw new Error(`PORTA_AGENT_DRY_RUN_OS is one of ${OSES.join(', ')}`);
  const user = env.PORTA_AGENT_DRY_RUN_USER ?? null;
  if (user !== null && !USER.test(user)) throw new Error('PORTA_AGENT_DRY_RUN_USER is a login name');
  return { os: os as AgentOs, user };
}
