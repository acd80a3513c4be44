import path from 'node:path';
import { WINDOWS_SESSION_TASKS, type WindowsSessionAction } from '../os/windows-session.ts';
import { ServiceError, WINDOWS_TASK, type InstallPaths, type ServicePlan } from './types.ts';
import { agentTaskXml, SID_ADMINISTRATORS, SID_SYSTEM, sessionTaskXml } from './windows-task-xml.ts';

function windowsPath(p: string): string {
  if (!/^[A-Za-z]:\\[^"<>|*?\r\n]*$/.test(p)) throw new ServiceError(`Path not usable for a Windows scheduled task: ${p}`);
  return p;
}

/** The agent's command-line arguments inside the task (the executable is the task's Command). */
export function windowsTaskArguments(paths: InstallPaths): string {
  return `run --state "${windowsPath(paths.stateDir)}"`;
}

/** Where install writes the task definitions (next to the executable; removed on uninstall). */
export function windowsTaskFiles(paths: InstallPaths): { agent: string } & Record<WindowsSessionAction, string> {
  const dir = path.win32.dirname(windowsPath(paths.binary));
  return {
    agent: path.win32.join(dir, 'porta-agent-task.xml'),
    lock: path.win32.join(dir, 'porta-agent-lock-task.xml'),
    logout: path.win32.join(dir, 'porta-agent-logout-task.xml'),
  };
}

/**
 * Windows: scheduled tasks instead of a service. A Node executable does not answer the service
 * control manager, so a service made with `sc.exe create` is stopped after its start timeout; a
 * task at boot as SYSTEM needs no such handshake. Task XML files are UTF-16 (what schtasks reads
 * reliably). Two more tasks run lock / logout in the signed-in user's session (os/windows-session.ts).
 */
export function windowsPlan(paths: InstallPaths): ServicePlan {
  const files = windowsTaskFiles(paths);
  const sessionActions: WindowsSessionAction[] = ['lock', 'logout'];
  return {
    os: 'windows',
    files: [
      {
        path: files.agent,
        content: agentTaskXml({ command: windowsPath(paths.binary), args: windowsTaskArguments(paths), workingDirectory: windowsPath(paths.stateDir) }),
        mode: 0o644,
        encoding: 'utf16le',
      },
      ...sessionActions.map((a) => ({ path: files[a], content: sessionTaskXml(a), mode: 0o644, encoding: 'utf16le' as const })),
    ],
    // ProgramData lets every user read what it holds: the state directory (device key) gets
    // SYSTEM and Administrators only, before enrol writes into it; its files inherit that.
    prepare: [['icacls', windowsPath(paths.stateDir), '/inheritance:r', '/grant:r', `*${SID_SYSTEM}:(OI)(CI)F`, `*${SID_ADMINISTRATORS}:(OI)(CI)F`]],
    install: [
      ['schtasks', '/Create', '/TN', WINDOWS_TASK, '/XML', files.agent, '/F'],
      ...sessionActions.map((a) => ['schtasks', '/Create', '/TN', WINDOWS_SESSION_TASKS[a].name, '/XML', files[a], '/F']),
      ['schtasks', '/Run', '/TN', WINDOWS_TASK],
    ],
    uninstall: [
      ['schtasks', '/End', '/TN', WINDOWS_TASK],
      ['schtasks', '/Delete', '/TN', WINDOWS_TASK, '/F'],
      ...sessionActions.map((a) => ['schtasks', '/Delete', '/TN', WINDOWS_SESSION_TASKS[a].name, '/F']),
    ],
  };
}
