import { PlanRefusal, SHORT_TIMEOUT_MS, type OsContext, type OsPlanner } from './types.ts';

/** POSIX-ish login names as useradd accepts them by default. */
const LINUX_USER = /^[A-Za-z_][A-Za-z0-9._-]{0,31}$/;

function user(name: string): string {
  if (!LINUX_USER.test(name)) throw new PlanRefusal('bad-params', 'username does not fit a Linux login name');
  return name;
}

function consoleUser(ctx: OsContext): string {
  if (ctx.consoleUser === null) throw new PlanRefusal('executor-failed', 'nobody is logged in');
  return user(ctx.consoleUser);
}

export const linuxPlanner: OsPlanner = {
  os: 'linux',
  restart: () => ({ argv: ['systemctl', 'reboot'], timeoutMs: SHORT_TIMEOUT_MS }),
  lock: () => ({ argv: ['loginctl', 'lock-sessions'], timeoutMs: SHORT_TIMEOUT_MS }),
  shutdown: () => ({ argv: ['systemctl', 'poweroff'], timeoutMs: SHORT_TIMEOUT_MS }),
  logout: (ctx) => ({ argv: ['loginctl', 'terminate-user', consoleUser(ctx)], timeoutMs: SHORT_TIMEOUT_MS }),
  // The password goes through stdin, never argv (visible in /proc to every user).
  resetPassword: (_ctx, username, password) => ({ argv: ['chpasswd'], stdin: `${user(username)}:${password}\n`, timeoutMs: SHORT_TIMEOUT_MS }),
  installSoftware: () => {
    throw new PlanRefusal('not-supported-on-os', 'software installation is not offered on Linux');
  },
};
