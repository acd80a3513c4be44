import { PlanRefusal, INSTALL_TIMEOUT_MS, SHORT_TIMEOUT_MS, type OsPlanner } from './types.ts';

/** SAM account names: at most 20 chars, none of `"/\[]:;|=,+*?<>@`; inner spaces allowed. */
const WINDOWS_USER = /^[A-Za-z0-9_][A-Za-z0-9._ -]{0,19}$/;

function user(name: string): string {
  if (!WINDOWS_USER.test(name) || name.endsWith(' ')) throw new PlanRefusal('bad-params', 'username does not fit a Windows account name');
  return name;
}

/**
 * Windows argument vectors. Note: the agent runs as a service in session 0, so `lock` and
 * `logout` act on the service's own session unless the agent is run in the user's session.
 */
export const windowsPlanner: OsPlanner = {
  os: 'windows',
  restart: () => ({ argv: ['shutdown', '/r', '/t', '0'], timeoutMs: SHORT_TIMEOUT_MS }),
  lock: () => ({ argv: ['rundll32.exe', 'user32.dll,LockWorkStation'], timeoutMs: SHORT_TIMEOUT_MS }),
  shutdown: () => ({ argv: ['shutdown', '/s', '/t', '0'], timeoutMs: SHORT_TIMEOUT_MS }),
  logout: () => ({ argv: ['shutdown', '/l'], timeoutMs: SHORT_TIMEOUT_MS }),
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
