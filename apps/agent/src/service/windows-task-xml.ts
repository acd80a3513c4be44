import { WINDOWS_SESSION_TASKS, type WindowsSessionAction } from '../os/windows-session.ts';

/** Well-known SIDs: LocalSystem, BUILTIN\Administrators, BUILTIN\Users. */
export const SID_SYSTEM = 'S-1-5-18';
export const SID_ADMINISTRATORS = 'S-1-5-32-544';
export const SID_USERS = 'S-1-5-32-545';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function task(parts: { description: string; triggers: string[]; principal: string[]; settings: string[]; command: string; args: string; workingDirectory?: string }): string {
  const exec = [
    `      <Command>${xml(parts.command)}</Command>`,
    `      <Arguments>${xml(parts.args)}</Arguments>`,
    ...(parts.workingDirectory ? [`      <WorkingDirectory>${xml(parts.workingDirectory)}</WorkingDirectory>`] : []),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-16"?>',
    '<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">',
    '  <RegistrationInfo>',
    '    <Author>Porta</Author>',
    `    <Description>${xml(parts.description)}</Description>`,
    '  </RegistrationInfo>',
    ...(parts.triggers.length > 0 ? ['  <Triggers>', ...parts.triggers.map((l) => `    ${l}`), '  </Triggers>'] : []),
    '  <Principals>',
    '    <Principal id="Author">',
    ...parts.principal.map((l) => `      ${l}`),
    '    </Principal>',
    '  </Principals>',
    '  <Settings>',
    ...parts.settings.map((l) => `    ${l}`),
    '  </Settings>',
    '  <Actions Context="Author">',
    '    <Exec>',
    ...exec,
    '    </Exec>',
    '  </Actions>',
    '</Task>',
    '',
  ].join('\r\n');
}

const COMMON_SETTINGS = [
  '<MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>',
  '<DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>',
  '<StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>',
  '<AllowStartOnDemand>true</AllowStartOnDemand>',
  '<Enabled>true</Enabled>',
];

/**
 * The agent's own task: at boot, as SYSTEM (highest run level), no time limit. A running agent
 * makes the task "running"; the one-minute repetition with IgnoreNew starts it again within a
 * minute whenever it is not (it crashed or exited), and RestartOnFailure covers a failed launch.
 */
export function agentTaskXml(opts: { command: string; args: string; workingDirectory: string }): string {
  return task({
    description: 'Porta agent: runs signed actions requested from the Porta portal',
    triggers: [
      '<BootTrigger>',
      '  <Repetition>',
      '    <Interval>PT1M</Interval>',
      '    <StopAtDurationEnd>false</StopAtDurationEnd>',
      '  </Repetition>',
      '  <Enabled>true</Enabled>',
      '</BootTrigger>',
    ],
    principal: [`<UserId>${SID_SYSTEM}</UserId>`, '<RunLevel>HighestAvailable</RunLevel>'],
    settings: [
      ...COMMON_SETTINGS,
      '<StartWhenAvailable>true</StartWhenAvailable>',
      '<AllowHardTerminate>true</AllowHardTerminate>',
      '<IdleSettings>',
      '  <StopOnIdleEnd>false</StopOnIdleEnd>',
      '  <RestartOnIdle>false</RestartOnIdle>',
      '</IdleSettings>',
      '<ExecutionTimeLimit>PT0S</ExecutionTimeLimit>',
      '<Priority>5</Priority>',
      '<RestartOnFailure>',
      '  <Interval>PT1M</Interval>',
      '  <Count>999</Count>',
      '</RestartOnFailure>',
    ],
    command: opts.command,
    args: opts.args,
    workingDirectory: opts.workingDirectory,
  });
}

/**
 * A session task (lock / logout): no trigger (started on demand by the agent), principal the
 * Users group with least privilege, so it runs in the interactive session of the signed-in user.
 */
export function sessionTaskXml(action: WindowsSessionAction): string {
  const t = WINDOWS_SESSION_TASKS[action];
  return task({
    description: t.description,
    triggers: [],
    principal: [`<GroupId>${SID_USERS}</GroupId>`, '<RunLevel>LeastPrivilege</RunLevel>'],
    settings: [...COMMON_SETTINGS, '<ExecutionTimeLimit>PT5M</ExecutionTimeLimit>'],
    command: t.command,
    args: t.arguments,
  });
}
