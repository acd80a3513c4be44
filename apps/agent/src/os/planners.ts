import type { AgentOs } from '@porta/agent-protocol';
import { linuxPlanner } from './linux.ts';
import { macosPlanner } from './macos.ts';
import type { OsPlanner } from './types.ts';
import { windowsPlanner } from './windows.ts';

export const PLANNERS: Record<AgentOs, OsPlanner> = { windows: windowsPlanner, macos: macosPlanner, linux: linuxPlanner };

/** This machine's OS in protocol terms; other platforms (e.g. FreeBSD) are treated as Linux. */
export function currentOs(platform: NodeJS.Platform = process.platform): AgentOs {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return 'linux';
}
