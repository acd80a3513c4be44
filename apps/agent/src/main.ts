import path from 'node:path';
import { runAgent } from './agent.ts';
import { parseCommand, USAGE, UsageError, type Command } from './cli/args.ts';
import { enrol, EnrolError } from './enrol.ts';
import { collectInventory } from './inventory.ts';
import { dryRunAs } from './os/dry-run-as.ts';
import { currentOs } from './os/planners.ts';
import { canInstall, describePlan, installService, prepareStateDir, uninstallService } from './service/install.ts';
import { servicePlan } from './service/plan.ts';
import { DEFAULT_PATHS, ServiceError } from './service/types.ts';
import { StateError } from './state/store.ts';
import type { BackoffOptions } from './transport/backoff.ts';
import { AGENT_VERSION } from './version.ts';

function log(line: string): void {
  console.log(`${new Date().toISOString()} ${line}`);
}

function backoffFromEnv(): BackoffOptions | undefined {
  const base = Number(process.env.PORTA_AGENT_BACKOFF_BASE_MS);
  const cap = Number(process.env.PORTA_AGENT_BACKOFF_CAP_MS);
  if (!Number.isFinite(base) && !Number.isFinite(cap)) return undefined;
  return { baseMs: Number.isFinite(base) && base > 0 ? base : 1000, capMs: Number.isFinite(cap) && cap > 0 ? cap : 60_000 };
}

/** Whether this process is the packaged single executable (not `node`/`tsx` running sources). */
async function isPackaged(): Promise<boolean> {
  try {
    const sea = await import('node:sea');
    return sea.isSea();
  } catch {
    return false;
  }
}

async function execute(command: Command): Promise<number> {
  switch (command.name) {
    case 'version':
      console.log(`porta-agent ${AGENT_VERSION}`);
      return 0;
    case 'help':
      console.log(USAGE);
      return 0;
    case 'enrol': {
      const state = await enrol({ server: command.server, token: command.token, stateDir: path.resolve(command.state), executor: command.executor, inventory: await collectInventory(dryRunAs(command.executor)) });
      console.log(`enrolled: device ${state.deviceId} (${state.executor} executor), state in ${path.resolve(command.state)}`);
      return 0;
    }
    case 'run': {
      const backoff = backoffFromEnv();
      const reason = await runAgent({ stateDir: path.resolve(command.state), log, ...(backoff ? { backoff } : {}) });
      return reason === 'unauthorized' ? 3 : 0;
    }
    case 'install': {
      const os = currentOs();
      const paths = { ...DEFAULT_PATHS[os], ...(command.state ? { stateDir: path.resolve(command.state) } : {}) };
      const plan = servicePlan(os, paths);
      if (!(await canInstall(os))) {
        const how = os === 'windows' ? `from an Administrator prompt: "${path.basename(process.execPath)} install --server ${command.server} --token …"` : `"sudo ${path.basename(process.execPath)} install --server ${command.server} --token …"`;
        console.error(`Installing the agent needs ${os === 'windows' ? 'Administrator' : 'root'} rights. Run it ${how}, or do by hand:\n`);
        console.error(describePlan(plan, paths, 'install', `porta-agent enrol --server ${command.server} --token … --state ${paths.stateDir}`));
        return 2;
      }
      if (!(await isPackaged())) {
        console.error('install works from the packaged porta-agent executable (npm run build:agent); from sources use enrol + run.');
        return 2;
      }
      await prepareStateDir(os, paths, log);
      const state = await enrol({ server: command.server, token: command.token, stateDir: paths.stateDir, executor: 'system', inventory: await collectInventory() });
      log(`enrolled as device ${state.deviceId}`);
      await installService(os, paths, process.execPath, log);
      log('installed and started');
      return 0;
    }
    case 'uninstall': {
      const os = currentOs();
      const paths = { ...DEFAULT_PATHS[os], ...(command.state ? { stateDir: path.resolve(command.state) } : {}) };
      if (!(await canInstall(os))) {
        console.error(`Removing the agent needs ${os === 'windows' ? 'an Administrator prompt' : 'root (sudo)'}; or do by hand:\n${describePlan(servicePlan(os, paths), paths, 'uninstall')}`);
        return 2;
      }
      await uninstallService(os, paths, command.purge, log);
      log(command.purge ? 'uninstalled; state removed' : `uninstalled; state kept in ${paths.stateDir}`);
      return 0;
    }
  }
}

async function main(argv: string[]): Promise<number> {
  try {
    return await execute(parseCommand(argv));
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 64;
    }
    if (error instanceof EnrolError || error instanceof StateError || error instanceof ServiceError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  },
);
