/**
 * Windows: the agent runs as SYSTEM in session 0, where `LockWorkStation` and `shutdown /l`
 * would act on session 0 itself. `install` therefore registers two on-demand scheduled tasks
 * whose principal is the Users group (so they run in the signed-in user's interactive session,
 * with that user's own rights), each with a fixed command line. The agent starts them with
 * `schtasks /Run /TN <name>`: nothing is passed along, so nobody can make them run anything else.
 */
export const WINDOWS_SESSION_TASKS = {
  lock: { name: 'Porta Agent Lock', command: '%SystemRoot%\\System32\\rundll32.exe', arguments: 'user32.dll,LockWorkStation', description: 'Porta agent: locks the signed-in user\'s session (started on demand by the agent)' },
  logout: { name: 'Porta Agent Logout', command: '%SystemRoot%\\System32\\shutdown.exe', arguments: '/l', description: 'Porta agent: signs the signed-in user out (started on demand by the agent)' },
} as const;

export type WindowsSessionAction = keyof typeof WINDOWS_SESSION_TASKS;

/** The argv the SYSTEM agent runs to start a session task. */
export function runSessionTaskArgv(action: WindowsSessionAction): [string, ...string[]] {
  return ['schtasks', '/Run', '/TN', WINDOWS_SESSION_TASKS[action].name];
}
