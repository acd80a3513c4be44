import { chmod, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { AgentOs } from '@porta/agent-protocol';
import { runStep } from '../os/system-executor.ts';
import { describePlan, servicePlan } from './plan.ts';
import { ServiceError, type InstallPaths } from './types.ts';

/** Whether this process may install a system service (root on Unix; Windows is left to sc.exe). */
export function canInstall(os: AgentOs): boolean {
  return os === 'windows' ? true : process.getuid?.() === 0;
}

async function run(argv: string[], tolerant: boolean): Promise<void> {
  const [file, ...rest] = argv;
  if (!file) return;
  const result = await runStep({ argv: [file, ...rest], timeoutMs: 120_000 });
  if (!result.ok && !tolerant) throw new ServiceError(result.detail);
}

/** Copies the running executable into place and writes and starts the service. */
export async function installService(os: AgentOs, paths: InstallPaths, executable: string, log: (line: string) => void): Promise<void> {
  const plan = servicePlan(os, paths);
  await mkdir(path.dirname(paths.binary), { recursive: true });
  if (path.resolve(executable) !== path.resolve(paths.binary)) await copyFile(executable, paths.binary);
  if (os !== 'windows') await chmod(paths.binary, 0o755);
  for (const file of plan.files) {
    await mkdir(path.dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content, { mode: file.mode });
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
  // A running Windows executable cannot delete itself; the service is gone, the file may stay.
  await rm(paths.binary, { force: true }).catch(() => log(`could not remove ${paths.binary}; delete it by hand`));
  if (purge) await rm(paths.stateDir, { recursive: true, force: true });
}

export { describePlan };
