import { existsSync, statSync } from 'node:fs';
import os from 'node:os';
import type { AgentOs } from '@porta/agent-protocol';
import { loggedInUser } from '../inventory.ts';
import { probe } from './probe.ts';
import { LOGIND_SESSION_ID, type OsContext } from './types.ts';

/** Reads what the planners need about this machine right before a command runs. */
export async function readOsContext(target: AgentOs): Promise<OsContext> {
  const seat = target === 'linux' ? await activeSeatSession() : null;
  const consoleUser = seat?.user ?? (await loggedInUser(target));
  let consoleUid: number | null = null;
  if (target === 'macos') {
    try {
      consoleUid = statSync('/dev/console').uid;
    } catch {
      consoleUid = null;
    }
  } else if (target === 'linux' && consoleUser) {
    const id = await probe('id', ['-u', consoleUser]);
    consoleUid = id && /^\d+$/.test(id) ? Number(id) : null;
  }
  const elevated = target === 'windows' ? runsAsLocalSystem() : process.getuid?.() === 0;
  const brewPath = target === 'macos' ? (['/opt/homebrew/bin/brew', '/usr/local/bin/brew'].find((p) => existsSync(p)) ?? null) : null;
  return { consoleUser, consoleUid, consoleSession: seat?.id ?? null, elevated, brewPath };
}

/** Windows: the scheduled task runs the agent as LocalSystem, whose account name is SYSTEM. */
function runsAsLocalSystem(): boolean {
  try {
    return os.userInfo().username.toUpperCase() === 'SYSTEM';
  } catch {
    return false;
  }
}

/**
 * Linux: the session in front of the screen is seat0's active session
 * (`loginctl show-seat seat0 -p ActiveSession --value`); a greeter's session (class
 * `greeter`) is nobody's. Null without logind or without anybody at the console.
 */
export async function activeSeatSession(run: typeof probe = probe): Promise<{ id: string; user: string | null } | null> {
  const id = await run('loginctl', ['show-seat', 'seat0', '-p', 'ActiveSession', '--value']);
  if (!id || !LOGIND_SESSION_ID.test(id)) return null;
  const sessionClass = await run('loginctl', ['show-session', id, '-p', 'Class', '--value']);
  if (sessionClass !== 'user') return null;
  const user = await run('loginctl', ['show-session', id, '-p', 'Name', '--value']);
  return { id, user: user || null };
}
