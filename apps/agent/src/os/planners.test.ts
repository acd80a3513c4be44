import { describe, expect, it } from 'vitest';
import { planAction } from '../actions/index.ts';
import { linuxPlanner } from './linux.ts';
import { macosPlanner } from './macos.ts';
import { currentOs } from './planners.ts';
import { PlanRefusal, type OsContext, type Step } from './types.ts';
import { windowsPlanner } from './windows.ts';
import { windowsPlan } from '../service/windows.ts';
import { DEFAULT_PATHS } from '../service/types.ts';

// SS-8: every argument vector the agent can run, pinned per OS. No shell anywhere: each step
// is an argv array, secrets go to stdin (Linux) or are marked for redaction.

const root: OsContext = { consoleUser: 'alice', consoleUid: 501, consoleSession: '2', elevated: true, brewPath: '/opt/homebrew/bin/brew' };
const empty = {};

function argv(step: Step): string[] {
  return step.argv;
}

describe('windows', () => {
  it('pins restart and shutdown', () => {
    expect(argv(planAction({ action: 'restart', params: empty }, windowsPlanner, root))).toEqual(['shutdown', '/r', '/t', '0']);
    expect(argv(planAction({ action: 'shutdown', params: empty }, windowsPlanner, root))).toEqual(['shutdown', '/s', '/t', '0']);
  });

  it('as SYSTEM, locks and signs out through the on-demand session tasks (the user\'s session, not session 0)', () => {
    expect(argv(planAction({ action: 'lock', params: empty }, windowsPlanner, root))).toEqual(['schtasks', '/Run', '/TN', 'Porta Agent Lock']);
    expect(argv(planAction({ action: 'logout', params: empty }, windowsPlanner, root))).toEqual(['schtasks', '/Run', '/TN', 'Porta Agent Logout']);
    // The task names are the ones install registers.
    expect(windowsPlan(DEFAULT_PATHS.windows).install.map((a) => a[3])).toEqual(expect.arrayContaining(['Porta Agent Lock', 'Porta Agent Logout']));
    for (const action of ['lock', 'logout'] as const) {
      expect(() => planAction({ action, params: empty }, windowsPlanner, { ...root, consoleUser: null })).toThrow(PlanRefusal);
    }
  });

  it('run by hand in a user\'s own session, locks and signs out directly', () => {
    const user = { ...root, elevated: false };
    expect(argv(planAction({ action: 'lock', params: empty }, windowsPlanner, user))).toEqual(['rundll32.exe', 'user32.dll,LockWorkStation']);
    expect(argv(planAction({ action: 'logout', params: empty }, windowsPlanner, user))).toEqual(['shutdown', '/l']);
  });

  it('pins reset-password with the password marked secret', () => {
    const step = planAction({ action: 'reset-password', params: { username: 'John Smith', temporaryPassword: 'Tmp-Pass-1234!' } }, windowsPlanner, root);
    expect(step.argv).toEqual(['net', 'user', 'John Smith', 'Tmp-Pass-1234!']);
    expect(step.secretArgs).toEqual([3]);
    expect(() => planAction({ action: 'reset-password', params: { username: 'averyveryverylongname1', temporaryPassword: 'Tmp-Pass-1234!' } }, windowsPlanner, root)).toThrow(PlanRefusal);
  });

  it('pins choco (with and without source) and winget; refuses brew', () => {
    const choco = { packageId: 'p', manager: 'choco' as const, packageRef: 'googlechrome' };
    expect(argv(planAction({ action: 'install-software', params: choco }, windowsPlanner, root))).toEqual(['choco', 'install', 'googlechrome', '-y', '--no-progress']);
    expect(argv(planAction({ action: 'install-software', params: { ...choco, source: 'https://pkgs.example.com/choco/' } }, windowsPlanner, root))).toEqual([
      'choco', 'install', 'googlechrome', '-y', '--no-progress', '--source', 'https://pkgs.example.com/choco/',
    ]);
    expect(argv(planAction({ action: 'install-software', params: { packageId: 'p', manager: 'winget', packageRef: 'Google.Chrome' } }, windowsPlanner, root))).toEqual([
      'winget', 'install', '--id', 'Google.Chrome', '-e', '--silent', '--accept-package-agreements', '--accept-source-agreements',
    ]);
    const refusal = (() => {
      try {
        planAction({ action: 'install-software', params: { packageId: 'p', manager: 'brew', packageRef: 'cask:firefox' } }, windowsPlanner, root);
      } catch (e) {
        return e;
      }
    })();
    expect(refusal).toBeInstanceOf(PlanRefusal);
    expect((refusal as PlanRefusal).reason).toBe('not-supported-on-os');
  });
});

describe('macos', () => {
  it('pins restart, lock, shutdown, logout', () => {
    expect(argv(planAction({ action: 'restart', params: empty }, macosPlanner, root))).toEqual(['shutdown', '-r', 'now']);
    expect(argv(planAction({ action: 'lock', params: empty }, macosPlanner, root))).toEqual(['pmset', 'displaysleepnow']);
    expect(argv(planAction({ action: 'shutdown', params: empty }, macosPlanner, root))).toEqual(['shutdown', '-h', 'now']);
    expect(argv(planAction({ action: 'logout', params: empty }, macosPlanner, root))).toEqual(['launchctl', 'bootout', 'gui/501']);
    expect(() => planAction({ action: 'logout', params: empty }, macosPlanner, { ...root, consoleUid: null })).toThrow(PlanRefusal);
    // uid 0 owns /dev/console at the login window: nobody to sign out.
    expect(() => planAction({ action: 'logout', params: empty }, macosPlanner, { ...root, consoleUid: 0 })).toThrow(PlanRefusal);
  });

  it('pins reset-password (dscl) with the password marked secret', () => {
    const step = planAction({ action: 'reset-password', params: { username: 'alice', temporaryPassword: 'Tmp-Pass-1234!' } }, macosPlanner, root);
    expect(step.argv).toEqual(['dscl', '.', '-passwd', '/Users/alice', 'Tmp-Pass-1234!']);
    expect(step.secretArgs).toEqual([4]);
    expect(() => planAction({ action: 'reset-password', params: { username: 'John Smith', temporaryPassword: 'Tmp-Pass-1234!' } }, macosPlanner, root)).toThrow(PlanRefusal);
  });

  it('pins brew cask and formula, as the console user when the agent is root; a tap qualifies the name', () => {
    const cask = { packageId: 'p', manager: 'brew' as const, packageRef: 'cask:google-chrome' };
    expect(argv(planAction({ action: 'install-software', params: cask }, macosPlanner, root))).toEqual([
      'sudo', '-u', 'alice', '-H', '/opt/homebrew/bin/brew', 'install', '--cask', 'google-chrome',
    ]);
    expect(argv(planAction({ action: 'install-software', params: cask }, macosPlanner, { ...root, elevated: false, brewPath: null }))).toEqual(['brew', 'install', '--cask', 'google-chrome']);
    expect(argv(planAction({ action: 'install-software', params: { packageId: 'p', manager: 'brew', packageRef: 'formula:wget' } }, macosPlanner, { ...root, elevated: false }))).toEqual([
      '/opt/homebrew/bin/brew', 'install', 'wget',
    ]);
    expect(
      argv(planAction({ action: 'install-software', params: { packageId: 'p', manager: 'brew', packageRef: 'formula:widget', source: 'acme/tools' } }, macosPlanner, { ...root, elevated: false })),
    ).toEqual(['/opt/homebrew/bin/brew', 'install', 'acme/tools/widget']);
    expect(() => planAction({ action: 'install-software', params: cask }, macosPlanner, { ...root, consoleUser: null })).toThrow(PlanRefusal);
    expect(() => planAction({ action: 'install-software', params: { packageId: 'p', manager: 'choco', packageRef: 'git' } }, macosPlanner, root)).toThrow(PlanRefusal);
  });
});

describe('linux', () => {
  it('pins restart and shutdown', () => {
    expect(argv(planAction({ action: 'restart', params: empty }, linuxPlanner, root))).toEqual(['systemctl', 'reboot']);
    expect(argv(planAction({ action: 'shutdown', params: empty }, linuxPlanner, root))).toEqual(['systemctl', 'poweroff']);
  });

  it('locks and ends the active seat0 session only (not ssh sessions, not every session of the user)', () => {
    expect(argv(planAction({ action: 'lock', params: empty }, linuxPlanner, root))).toEqual(['loginctl', 'lock-session', '2']);
    expect(argv(planAction({ action: 'logout', params: empty }, linuxPlanner, root))).toEqual(['loginctl', 'terminate-session', '2']);
    for (const action of ['lock', 'logout'] as const) {
      expect(() => planAction({ action, params: empty }, linuxPlanner, { ...root, consoleSession: null })).toThrow(PlanRefusal);
      expect(() => planAction({ action, params: empty }, linuxPlanner, { ...root, consoleSession: '--all' })).toThrow(PlanRefusal);
    }
  });

  it('pins reset-password: chpasswd with the password on stdin, never in argv', () => {
    const step = planAction({ action: 'reset-password', params: { username: 'alice', temporaryPassword: 'Tmp-Pass-1234!' } }, linuxPlanner, root);
    expect(step.argv).toEqual(['chpasswd']);
    expect(step.stdin).toBe('alice:Tmp-Pass-1234!\n');
    expect(step.argv.join(' ')).not.toContain('Tmp-Pass');
    expect(() => planAction({ action: 'reset-password', params: { username: 'John Smith', temporaryPassword: 'Tmp-Pass-1234!' } }, linuxPlanner, root)).toThrow(PlanRefusal);
  });

  it('refuses install-software as not-supported-on-os', () => {
    try {
      planAction({ action: 'install-software', params: { packageId: 'p', manager: 'choco', packageRef: 'git' } }, linuxPlanner, root);
      expect.unreachable();
    } catch (e) {
      expect((e as PlanRefusal).reason).toBe('not-supported-on-os');
    }
  });
});

it('maps Node platforms to protocol OS names', () => {
  expect(currentOs('win32')).toBe('windows');
  expect(currentOs('darwin')).toBe('macos');
  expect(currentOs('linux')).toBe('linux');
});
