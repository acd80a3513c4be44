import { existsSync, statSync } from 'node:fs';
import type { AgentOs } from '@porta/agent-protocol';
import { loggedInUser } from '../inventory.ts';
import { probe } from './probe.ts';
import type { OsContext } from './types.ts';

/** Reads what the planners need about this machine right before a command runs. */
export async function readOsContext(target: AgentOs): Promise<OsContext> {
  const consoleUser = await loggedInUser(target);
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
  const elevated = target === 'windows' ? true : process.getuid?.() === 0;
  const brewPath = target === 'macos' ? (['/opt/homebrew/bin/brew', '/usr/local/bin/brew'].find((p) => existsSync(p)) ?? null) : null;
  return { consoleUser, consoleUid, elevated, brewPath };
}
