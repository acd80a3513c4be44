import type { AgentOs } from '@porta/agent-protocol';

/**
 * One OS command: an exact argument vector run without a shell. `stdin` carries secrets that
 * must not appear in argv (Linux chpasswd); `secretArgs` are argv indexes holding a secret
 * (where the OS tool only takes it on the command line): never logged, redacted in dry-run.
 */
export interface Step {
  argv: [string, ...string[]];
  stdin?: string;
  secretArgs?: number[];
  /** Longest run before the agent kills it (ms). */
  timeoutMs: number;
}

/** Facts about the machine a plan may need, read at execution time. */
export interface OsContext {
  /** The user logged in at the console, if any. */
  consoleUser: string | null;
  /** That user's numeric id (macOS, Linux), if known. */
  consoleUid: number | null;
  /** Linux: the logind id of the active user session on seat0 (the console), if any. */
  consoleSession: string | null;
  /** Whether the agent runs as root (Unix) / LocalSystem (Windows, i.e. from its scheduled task). */
  elevated: boolean;
  /** macOS: path of the brew executable, if found. */
  brewPath: string | null;
}

export interface InstallPlan {
  manager: 'choco' | 'brew' | 'winget';
  packageRef: string;
  source?: string;
}

/** Raised when an action's parameters do not fit this OS's tools, or the OS does not offer it. */
export class PlanRefusal extends Error {
  constructor(
    readonly reason: 'bad-params' | 'not-supported-on-os' | 'executor-failed',
    detail: string,
  ) {
    super(detail);
  }
}

/** Per-OS builder of argument vectors, one method per action. Pure: no I/O. */
export interface OsPlanner {
  os: AgentOs;
  restart(ctx: OsContext): Step;
  lock(ctx: OsContext): Step;
  shutdown(ctx: OsContext): Step;
  logout(ctx: OsContext): Step;
  resetPassword(ctx: OsContext, username: string, password: string): Step;
  installSoftware(ctx: OsContext, plan: InstallPlan): Step;
}

/** logind session ids as loginctl prints them (`2`, `c1`, `13`). */
export const LOGIND_SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export const SHORT_TIMEOUT_MS = 60_000;
export const INSTALL_TIMEOUT_MS = 30 * 60_000;
