import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LAUNCHD_PLIST_PATH, launchdPlan, launchdPlist } from './launchd.ts';
import { describePlan, servicePlan } from './plan.ts';
import { SYSTEMD_UNIT_PATH, systemdPlan, systemdUnit } from './systemd.ts';
import { DEFAULT_PATHS, ServiceError } from './types.ts';
import { writeServiceFile } from './install.ts';
import { windowsPlan, windowsTaskArguments, windowsTaskFiles } from './windows.ts';
import { sessionTaskXml } from './windows-task-xml.ts';

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
    expect(plan.prepare).toEqual([]);
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

describe('windows scheduled tasks', () => {
  const files = {
    agent: 'C:\\Program Files\\Porta\\porta-agent-task.xml',
    lock: 'C:\\Program Files\\Porta\\porta-agent-lock-task.xml',
    logout: 'C:\\Program Files\\Porta\\porta-agent-logout-task.xml',
  };

  it('pins the schtasks argument vectors, install and uninstall symmetrical', () => {
    const plan = windowsPlan(DEFAULT_PATHS.windows);
    expect(windowsTaskFiles(DEFAULT_PATHS.windows)).toEqual(files);
    expect(windowsTaskArguments(DEFAULT_PATHS.windows)).toBe('run --state "C:\\ProgramData\\Porta\\agent"');
    expect(plan.files.map((f) => [f.path, f.encoding])).toEqual([
      [files.agent, 'utf16le'],
      [files.lock, 'utf16le'],
      [files.logout, 'utf16le'],
    ]);
    expect(plan.prepare).toEqual([['icacls', 'C:\\ProgramData\\Porta\\agent', '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F']]);
    expect(plan.install).toEqual([
      ['schtasks', '/Create', '/TN', 'Porta Agent', '/XML', files.agent, '/F'],
      ['schtasks', '/Create', '/TN', 'Porta Agent Lock', '/XML', files.lock, '/F'],
      ['schtasks', '/Create', '/TN', 'Porta Agent Logout', '/XML', files.logout, '/F'],
      ['schtasks', '/Run', '/TN', 'Porta Agent'],
    ]);
    expect(plan.uninstall).toEqual([
      ['schtasks', '/End', '/TN', 'Porta Agent'],
      ['schtasks', '/Delete', '/TN', 'Porta Agent', '/F'],
      ['schtasks', '/Delete', '/TN', 'Porta Agent Lock', '/F'],
      ['schtasks', '/Delete', '/TN', 'Porta Agent Logout', '/F'],
    ]);
    // Every task install creates, uninstall deletes.
    const created = plan.install.filter((a) => a[1] === '/Create').map((a) => a[3]);
    const deleted = plan.uninstall.filter((a) => a[1] === '/Delete').map((a) => a[3]);
    expect(deleted).toEqual(created);
    expect(() => windowsPlan({ binary: 'C:\\a"b.exe', stateDir: 'C:\\s' })).toThrow(ServiceError);
    expect(() => windowsPlan({ binary: 'C:\\a.exe', stateDir: 'relative' })).toThrow(ServiceError);
  });

  it('pins the agent task: at boot as SYSTEM, highest run level, no time limit, restarted within a minute', () => {
    const xml = windowsPlan(DEFAULT_PATHS.windows).files[0]?.content;
    expect(xml).toBe(
      [
        '<?xml version="1.0" encoding="UTF-16"?>',
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
        '  <RegistrationInfo>',
        '    <Author>Porta</Author>',
        '    <Description>Porta agent: runs signed actions requested from the Porta portal</Description>',
        '  </RegistrationInfo>',
        '  <Triggers>',
        '    <BootTrigger>',
        '      <Repetition>',
        '        <Interval>PT1M</Interval>',
        '        <StopAtDurationEnd>false</StopAtDurationEnd>',
        '      </Repetition>',
        '      <Enabled>true</Enabled>',
        '    </BootTrigger>',
        '  </Triggers>',
        '  <Principals>',
        '    <Principal id="Author">',
        '      <UserId>S-1-5-18</UserId>',
        '      <RunLevel>HighestAvailable</RunLevel>',
        '    </Principal>',
        '  </Principals>',
        '  <Settings>',
        '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
        '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
        '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
        '    <AllowStartOnDemand>true</AllowStartOnDemand>',
        '    <Enabled>true</Enabled>',
        '    <StartWhenAvailable>true</StartWhenAvailable>',
        '    <AllowHardTerminate>true</AllowHardTerminate>',
        '    <IdleSettings>',
        '      <StopOnIdleEnd>false</StopOnIdleEnd>',
        '      <RestartOnIdle>false</RestartOnIdle>',
        '    </IdleSettings>',
        '    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
        '    <Priority>5</Priority>',
        '    <RestartOnFailure>',
        '      <Interval>PT1M</Interval>',
        '      <Count>999</Count>',
        '    </RestartOnFailure>',
        '  </Settings>',
        '  <Actions Context="Author">',
        '    <Exec>',
        '      <Command>C:\\Program Files\\Porta\\porta-agent.exe</Command>',
        '      <Arguments>run --state &quot;C:\\ProgramData\\Porta\\agent&quot;</Arguments>',
        '      <WorkingDirectory>C:\\ProgramData\\Porta\\agent</WorkingDirectory>',
        '    </Exec>',
        '  </Actions>',
        '</Task>',
        '',
      ].join('\r\n'),
    );
  });

  it('pins the session tasks: on demand only, Users group, least privilege, fixed command line', () => {
    expect(sessionTaskXml('lock')).toBe(
      [
        '<?xml version="1.0" encoding="UTF-16"?>',
        '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
        '  <RegistrationInfo>',
        '    <Author>Porta</Author>',
        "    <Description>Porta agent: locks the signed-in user's session (started on demand by the agent)</Description>",
        '  </RegistrationInfo>',
        '  <Principals>',
        '    <Principal id="Author">',
        '      <GroupId>S-1-5-32-545</GroupId>',
        '      <RunLevel>LeastPrivilege</RunLevel>',
        '    </Principal>',
        '  </Principals>',
        '  <Settings>',
        '    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
        '    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
        '    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
        '    <AllowStartOnDemand>true</AllowStartOnDemand>',
        '    <Enabled>true</Enabled>',
        '    <ExecutionTimeLimit>PT5M</ExecutionTimeLimit>',
        '  </Settings>',
        '  <Actions Context="Author">',
        '    <Exec>',
        '      <Command>%SystemRoot%\\System32\\rundll32.exe</Command>',
        '      <Arguments>user32.dll,LockWorkStation</Arguments>',
        '    </Exec>',
        '  </Actions>',
        '</Task>',
        '',
      ].join('\r\n'),
    );
    const logout = sessionTaskXml('logout');
    expect(logout).toContain('<Command>%SystemRoot%\\System32\\shutdown.exe</Command>\r\n      <Arguments>/l</Arguments>');
    expect(logout).toContain('<GroupId>S-1-5-32-545</GroupId>');
    expect(logout).not.toContain('<Triggers>');
  });

  it('writes the task files as UTF-16LE with a byte-order mark, as schtasks reads them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'porta-task-'));
    try {
      const plan = windowsPlan(DEFAULT_PATHS.windows);
      const file = plan.files[1];
      if (!file) throw new Error('no file');
      await writeServiceFile({ ...file, path: path.join(dir, 'lock.xml') });
      const bytes = readFileSync(path.join(dir, 'lock.xml'));
      expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
      expect(bytes.subarray(2).toString('utf16le')).toBe(file.content);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

it('describes a plan for a person to run by hand', () => {
  const text = describePlan(servicePlan('linux', DEFAULT_PATHS.linux), DEFAULT_PATHS.linux, 'install');
  expect(text).toContain('copy the agent executable to /opt/porta-agent/porta-agent');
  expect(text).toContain('systemctl enable --now porta-agent.service');
  expect(describePlan(servicePlan('macos', DEFAULT_PATHS.macos), DEFAULT_PATHS.macos, 'uninstall')).toContain('launchctl bootout system/com.porta.agent');
  // Windows: the state directory is locked down before enrol writes the device key into it.
  const windows = describePlan(servicePlan('windows', DEFAULT_PATHS.windows), DEFAULT_PATHS.windows, 'install', 'porta-agent enrol …').split('\n');
  expect(windows[0]).toMatch(/^icacls /);
  expect(windows[1]).toBe('porta-agent enrol …');
});
