import { parseBrewRef } from '@porta/agent-protocol';
import { PlanRefusal, INSTALL_TIMEOUT_MS, SHORT_TIMEOUT_MS, type OsContext, type OsPlanner, type Step } from './types.ts';

const MAC_USER = /^[A-Za-z_][A-Za-z0-9._-]{0,63}$/;

function user(name: string): string {
  if (!MAC_USER.test(name)) throw new PlanRefusal('bad-params', 'username does not fit a macOS short name');
  return name;
}

function consoleUid(ctx: OsContext): number {
  if (ctx.consoleUid === null || ctx.consoleUid === 0) throw new PlanRefusal('executor-failed', 'nobody is logged in at the console');
  return ctx.consoleUid;
}

/**
 * Homebrew refuses to run as root: a daemon agent runs it as the console user
 * (`sudo -u <user> -H brew …`). A tap given as `source` qualifies the name (`owner/repo/name`),
 * which brew taps on its own.
 */
function brewStep(ctx: OsContext, packageRef: string, source: string | undefined): Step {
  const ref = parseBrewRef(packageRef);
  if (!ref) throw new PlanRefusal('bad-params', 'brew packageRef must be cask:<token> or formula:<name>');
  if (source !== undefined && !/^[a-z0-9][a-z0-9._-]{0,63}\/[a-z0-9][a-z0-9._-]{0,63}$/i.test(source)) {
    throw new PlanRefusal('bad-params', 'a Homebrew tap is owner/repo');
  }
  const name = source !== undefined && !ref.name.includes('/') ? `${source}/${ref.name}` : ref.name;
  const brew = ctx.brewPath ?? 'brew';
  const install = ref.kind === 'cask' ? [brew, 'install', '--cask', name] : [brew, 'install', name];
  if (!ctx.elevated) return { argv: install as [string, ...string[]], timeoutMs: INSTALL_TIMEOUT_MS };
  if (ctx.consoleUser === null || !MAC_USER.test(ctx.consoleUser) || ctx.consoleUser === 'root') {
    throw new PlanRefusal('executor-failed', 'Homebrew needs a logged-in console user to run as');
  }
  return { argv: ['sudo', '-u', ctx.consoleUser, '-H', ...install], timeoutMs: INSTALL_TIMEOUT_MS };
}

export const macosPlanner: OsPlanner = {
  os: 'macos',
  restart: () => ({ argv: ['shutdown', '-r', 'now'], timeoutMs: SHORT_TIMEOUT_MS }),
  lock: () => ({ argv: ['pmset', 'displaysleepnow'], timeoutMs: SHORT_TIMEOUT_MS }),
  shutdown: () => ({ argv: ['shutdown', '-h', 'now'], timeoutMs: SHORT_TIMEOUT_MS }),
  logout: (ctx) => ({ argv: ['launchctl', 'bootout', `gui/${consoleUid(ctx)}`], timeoutMs: SHORT_TIMEOUT_MS }),
  // dscl takes the new password on its command line only (else an interactive prompt).
  resetPassword: (_ctx, username, password) => ({
    argv: ['dscl', '.', '-passwd', `/Users/${user(username)}`, password],
    secretArgs: [4],
    timeoutMs: SHORT_TIMEOUT_MS,
  }),
  installSoftware: (ctx, plan) => {
    if (plan.manager !== 'brew') throw new PlanRefusal('not-supported-on-os', `${plan.manager} packages are not installed on macOS`);
    return brewStep(ctx, plan.packageRef, plan.source);
  },
};
