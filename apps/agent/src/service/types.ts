import type { AgentOs } from '@porta/agent-protocol';

export const SERVICE_NAME = 'porta-agent';
export const LAUNCHD_LABEL = 'com.porta.agent';
export const WINDOWS_SERVICE = 'PortaAgent';

/** Where an installed agent lives. */
export interface InstallPaths {
  binary: string;
  stateDir: string;
}

/** Everything an install or uninstall does, as data: files to write/remove and argv to run. */
export interface ServicePlan {
  os: AgentOs;
  files: Array<{ path: string; content: string; mode: number }>;
  install: string[][];
  uninstall: string[][];
}

export const DEFAULT_PATHS: Record<AgentOs, InstallPaths> = {
  linux: { binary: '/opt/porta-agent/porta-agent', stateDir: '/var/lib/porta-agent' },
  macos: { binary: '/Library/Application Support/Porta/porta-agent', stateDir: '/Library/Application Support/Porta/state' },
  windows: { binary: 'C:\\Program Files\\Porta\\porta-agent.exe', stateDir: 'C:\\ProgramData\\Porta\\agent' },
};

export class ServiceError extends Error {}
