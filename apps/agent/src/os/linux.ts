import { LOGIND_SESSION_ID, PlanRefusal, SHORT_TIMEOUT_MS, type OsContext, type OsPlanner } from './types.ts';

/** POSIX-ish login names as useradd accepts them by default. */
const LINUX_USER = /^[A-Za-z_][A-Za-z0-9._-]{0,31}$/;

function user(name: string): string {
  if (!LINUX_USER.test(name)) throw new PlanRefusal('bad-params', 'username does not fit a Linux login name');
  return name;
}

/** The active seat0 session: lock and logout act on it, not on every session (ssh, other seats). */
function consoleSession(ctx: OsContext): string {
  if (ctx.consoleSession === null || !LOGIND_SESSION_ID.test(ctx.consoleSession)) {
    throw new PlanRefusal('executor-failed', 'no active user session on seat0 (nobody at the console, or no logind)');
  }
  return ctx.consoleSession;
}

export const linuxPlanner: OsPlanner = {
  os: 'linux',
  restart: () => ({ argv: ['systemctl', 'reboot'], timeoutMs: SHORT_TIMEOUT_MS }),
  lock: (ctx) => ({ argv: ['loginctl', 'lock-session', consoleSession(ctx)], timeoutMs: SHORT_TIMEOUT_MS }),
  shutdown: () => ({ argv: ['systemctl', 'poweroff'], timeoutMs: SHORT_TIMEOUT_MS }),
  logout: (ctx) => ({ argv: ['loginctl', 'terminate-session', consoleSession(ctx)], timeoutMs: SHORT_TIMEOUT_MS }),
  // The password goes through stdin, never argv (visible in /proc to every user).
  resetPassword: (_ctx, username, password) => ({ argv: ['chpasswd'], stdin: `${user(username)}:${password}\n`, timeoutMs: SHORT_TIMEOUT_MS }),
  installSoftware: () => {
    throw new PlanRefusal('not-supported-on-os', 'software installation is not offered on Linux');
  },
};
