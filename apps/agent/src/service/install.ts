import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgentOs } from '@porta/agent-protocol';
import { probe } from '../os/probe.ts';
import { runStep } from '../os/system-executor.ts';
import { describePlan, servicePlan } from './plan.ts';
import { ServiceError, type InstallPaths, type ServicePlan } from './types.ts';

/**
 * Whether this process may install the agent: root on Unix; on Windows an elevated
 * Administrator (`net session` answers only to one) or SYSTEM.
 */
export async function canInstall(os: AgentOs): Promise<boolean> {
  if (os !== 'windows') return process.getuid?.() === 0;
  return (await probe('net', ['session'])) !== null;
}

async function run(argv: string[], tolerant: boolean): Promise<void> {
  const [file, ...rest] = argv;
  if (!file) return;
  const result = await runStep({ argv: [file, ...rest], timeoutMs: 120_000 });
  if (!result.ok && !tolerant) throw new ServiceError(result.detail);
}

/** Writes one plan file; UTF-16LE files get a byte-order mark. */
export async function writeServiceFile(file: ServicePlan['files'][number]): Promise<void> {
  await mkdir(path.dirname(file.path), { recursive: true });
  const bytes = file.encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(file.content, 'utf16le')]) : Buffer.from(file.content, 'utf8');
  await writeFile(file.path, bytes, { mode: file.mode });
}

/** Creates the state directory (0700) and locks it down where the OS needs a step for that. */
export async function prepareStateDir(os: AgentOs, paths: InstallPaths, log: (line: string) => void): Promise<void> {
  await mkdir(paths.stateDir, { recursive: true, mode: 0o700 });
  for (const argv of servicePlan(os, paths).prepare) {
    log(`running ${argv.join(' ')}`);
    await run(argv, false);
  }
}

/** Copies the running executable into place and writes and starts the service. */
export async function installService(os: AgentOs, paths: InstallPaths, executable: string, log: (line: string) => void): Promise<void> {
  const plan = servicePlan(os, paths);
  await mkdir(path.dirname(paths.binary), { recursive: true });
  if (path.resolve(executable) !== path.resolve(paths.binary)) await copyFile(executable, paths.binary);
  if (os !== 'windows') await chmod(paths.binary, 0o755);
  for (const file of plan.files) {
    await writeServiceFile(file);
    log(`wrote ${file.path}`);
  }
  for (const argv of plan.install) {
    log(`running ${argv.join(' ')}`);
    await run(argv, false);
  }
}

/** Stops and removes the service and the installed executable; the state directory stays unless purge. */
export async function uninstallService(os: AgentOs, paths: InstallPaths, purge: boolean, log: (line: string) => void): Promise<void> {
  const plan = servicePlan(os, paths);
  for (const argv of plan.uninstall) {
    log(`running ${argv.join(' ')}`);
    await run(argv, true);
  }
  for (const file of plan.files) await rm(file.path, { force: true });
  // A running Windows executable cannot delete itself; the tasks are gone, the file may stay.
  await rm(paths.binary, { force: true }).catch(() => log(`could not remove ${paths.binary}; delete it by hand`));
  if (purge) await rm(paths.stateDir, { recursive: true, force: true });
}

export { describePlan };
