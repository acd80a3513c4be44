import { PlanRefusal, INSTALL_TIMEOUT_MS, SHORT_TIMEOUT_MS, type OsContext, type OsPlanner, type Step } from './types.ts';
import { runSessionTaskArgv, type WindowsSessionAction } from './windows-session.ts';

/** SAM account names: at most 20 chars, none of `"/\[]:;|=,+*?<>@`; inner spaces allowed. */
const WINDOWS_USER = /^[A-Za-z0-9_][A-Za-z0-9._ -]{0,19}$/;

function user(name: string): string {
  if (!WINDOWS_USER.test(name) || name.endsWith(' ')) throw new PlanRefusal('bad-params', 'username does not fit a Windows account name');
  return name;
}

/**
 * Lock and logout must happen in the signed-in user's session. Run from its scheduled task
 * (LocalSystem, session 0) the agent starts the matching on-demand session task installed with
 * it (`schtasks /Run`, see windows-session.ts); run by hand in a user's session, it acts directly.
 */
function inUserSession(ctx: OsContext, action: WindowsSessionAction, direct: [string, ...string[]]): Step {
  if (!ctx.elevated) return { argv: direct, timeoutMs: SHORT_TIMEOUT_MS };
  if (ctx.consoleUser === null) throw new PlanRefusal('executor-failed', 'nobody is signed in at the console');
  return { argv: runSessionTaskArgv(action), timeoutMs: SHORT_TIMEOUT_MS };
}

export const windowsPlanner: OsPlanner = {
  os: 'windows',
  restart: () => ({ argv: ['shutdown', '/r', '/t', '0'], timeoutMs: SHORT_TIMEOUT_MS }),
  lock: (ctx) => inUserSession(ctx, 'lock', ['rundll32.exe', 'user32.dll,LockWorkStation']),
  shutdown: () => ({ argv: ['shutdown', '/s', '/t', '0'], timeoutMs: SHORT_TIMEOUT_MS }),
  logout: (ctx) => inUserSession(ctx, 'logout', ['shutdown', '/l']),
  // `net user` takes the new password only on its command line (or an interactive prompt).
  resetPassword: (_ctx, username, password) => ({ argv: ['net', 'user', user(username), password], secretArgs: [3], timeoutMs: SHORT_TIMEOUT_MS }),
  installSoftware: (_ctx, plan) => {
    if (plan.manager === 'choco') {
      const argv: [string, ...string[]] = ['choco', 'install', plan.packageRef, '-y', '--no-progress'];
      if (plan.source !== undefined) argv.push('--source', plan.source);
      return { argv, timeoutMs: INSTALL_TIMEOUT_MS };
    }
    if (plan.manager === 'winget') {
      return {
        argv: ['winget', 'install', '--id', plan.packageRef, '-e', '--silent', '--accept-package-agreements', '--accept-source-agreements'],
        timeoutMs: INSTALL_TIMEOUT_MS,
      };
    }
    throw new PlanRefusal('not-supported-on-os', `${plan.manager} packages are not installed on Windows`);
  },
};
