import { describe, expect, it } from 'vitest';
import { LAUNCHD_PLIST_PATH, launchdPlan, launchdPlist } from './launchd.ts';
import { describePlan, servicePlan } from './plan.ts';
import { SYSTEMD_UNIT_PATH, systemdPlan, systemdUnit } from './systemd.ts';
import { DEFAULT_PATHS, ServiceError } from './types.ts';
import { windowsBinPath, windowsPlan } from './windows.ts';

// SS-1: `porta-agent install` writes these files and runs these commands, per OS.

describe('systemd', () => {
  it('generates the unit', () => {
    expect(systemdUnit(DEFAULT_PATHS.linux)).toBe(
      [
        '[Unit]',
        'Description=Porta agent',
        'Wants=network-online.target',
        'After=network-online.target',
        '',
        '[Service]',
        'Type=simple',
        'ExecStart="/opt/porta-agent/porta-agent" run --state "/var/lib/porta-agent"',
        'Restart=always',
        'RestartSec=10',
        'UMask=0077',
        '',
        '[Install]',
        'WantedBy=multi-user.target',
        '',
      ].join('\n'),
    );
  });

  it('installs and removes with systemctl', () => {
    const plan = systemdPlan(DEFAULT_PATHS.linux);
    expect(plan.files.map((f) => [f.path, f.mode])).toEqual([[SYSTEMD_UNIT_PATH, 0o644]]);
    expect(plan.install).toEqual([['systemctl', 'daemon-reload'], ['systemctl', 'enable', '--now', 'porta-agent.service']]);
    expect(plan.uninstall).toEqual([['systemctl', 'disable', '--now', 'porta-agent.service'], ['systemctl', 'daemon-reload']]);
  });

  it('refuses paths systemd would misread', () => {
    expect(() => systemdUnit({ binary: '/opt/a"b', stateDir: '/x' })).toThrow(ServiceError);
    expect(() => systemdUnit({ binary: '/opt/a', stateDir: '/x/%h' })).toThrow(ServiceError);
    expect(() => systemdUnit({ binary: 'relative', stateDir: '/x' })).toThrow(ServiceError);
  });
});

describe('launchd', () => {
  it('generates the daemon plist with escaped arguments', () => {
    const plist = launchdPlist({ binary: '/Library/Application Support/Porta/porta-agent', stateDir: '/tmp/a&b' });
    expect(plist).toContain('<string>com.porta.agent</string>');
    expect(plist).toContain(
      '    <string>/Library/Application Support/Porta/porta-agent</string>\n    <string>run</string>\n    <string>--state</string>\n    <string>/tmp/a&amp;b</string>',
    );
    expect(plist).toContain('<key>RunAtLoad</key>\n  <true/>');
    expect(plist).toContain('<key>KeepAlive</key>\n  <true/>');
  });

  it('bootstraps into and boots out of the system domain', () => {
    const plan = launchdPlan(DEFAULT_PATHS.macos);
    expect(plan.files[0]?.path).toBe(LAUNCHD_PLIST_PATH);
    expect(plan.install).toEqual([['launchctl', 'bootstrap', 'system', '/Library/LaunchDaemons/com.porta.agent.plist']]);
    expect(plan.uninstall).toEqual([['launchctl', 'bootout', 'system/com.porta.agent']]);
  });
});

describe('windows service', () => {
  it('pins the sc.exe argument vectors', () => {
    const plan = windowsPlan(DEFAULT_PATHS.windows);
    expect(windowsBinPath(DEFAULT_PATHS.windows)).toBe('"C:\\Program Files\\Porta\\porta-agent.exe" run --state "C:\\ProgramData\\Porta\\agent"');
    expect(plan.files).toEqual([]);
    expect(plan.install).toEqual([
      ['sc.exe', 'create', 'PortaAgent', 'binPath=', '"C:\\Program Files\\Porta\\porta-agent.exe" run --state "C:\\ProgramData\\Porta\\agent"', 'start=', 'auto', 'DisplayName=', 'Porta Agent'],
      ['sc.exe', 'description', 'PortaAgent', 'Porta agent: runs signed actions requested from the Porta portal'],
      ['sc.exe', 'failure', 'PortaAgent', 'reset=', '86400', 'actions=', 'restart/5000/restart/5000/restart/60000'],
      ['sc.exe', 'start', 'PortaAgent'],
    ]);
    expect(plan.uninstall).toEqual([['sc.exe', 'stop', 'PortaAgent'], ['sc.exe', 'delete', 'PortaAgent']]);
    expect(() => windowsPlan({ binary: 'C:\\a"b.exe', stateDir: 'C:\\s' })).toThrow(ServiceError);
  });
});

it('describes a plan for a person to run by hand', () => {
  const text = describePlan(servicePlan('linux', DEFAULT_PATHS.linux), DEFAULT_PATHS.linux, 'install');
  expect(text).toContain('copy the agent executable to /opt/porta-agent/porta-agent');
  expect(text).toContain('systemctl enable --now porta-agent.service');
  expect(describePlan(servicePlan('macos', DEFAULT_PATHS.macos), DEFAULT_PATHS.macos, 'uninstall')).toContain('launchctl bootout system/com.porta.agent');
});
