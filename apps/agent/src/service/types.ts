import type { AgentOs } from '@porta/agent-protocol';

export const SERVICE_NAME = 'porta-agent';
export const LAUNCHD_LABEL = 'com.porta.agent';
/** The Windows scheduled task that runs the agent (see service/windows.ts). */
export const WINDOWS_TASK = 'Porta Agent';

/** Where an installed agent lives. */
export interface InstallPaths {
  binary: string;
  stateDir: string;
}

/** Everything an install or uninstall does, as data: files to write/remove and argv to run. */
export interface ServicePlan {
  os: AgentOs;
  /** utf16le: written with a byte-order mark (Windows task XML). Default utf8. */
  files: Array<{ path: string; content: string; mode: number; encoding?: 'utf8' | 'utf16le' }>;
  /** Run once the state directory exists and before enrol writes the device key into it. */
  prepare: string[][];
  install: string[][];
  uninstall: string[][];
}

export const DEFAULT_PATHS: Record<AgentOs, InstallPaths> = {
  linux: { binary: '/opt/porta-agent/porta-agent', stateDir: '/var/lib/porta-agent' },
  macos: { binary: '/Library/Application Support/Porta/porta-agent', stateDir: '/Library/Application Support/Porta/state' },
  windows: { binary: 'C:\\Program Files\\Porta\\porta-agent.exe', stateDir: 'C:\\ProgramData\\Porta\\agent' },
};

export class ServiceError extends Error {}
