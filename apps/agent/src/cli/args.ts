import { parseArgs } from 'node:util';

export const USAGE = `porta-agent — the Porta agent

Usage:
  porta-agent enrol --server URL --token T --state DIR [--executor system|dry-run]
  porta-agent run --state DIR
  porta-agent install --server URL --token T [--state DIR]   enrol and install as a service (root/Administrator)
  porta-agent uninstall [--state DIR] [--purge]               stop and remove the service (--purge: the state too)
  porta-agent --version

Environment: PORTA_AGENT_BACKOFF_BASE_MS, PORTA_AGENT_BACKOFF_CAP_MS tune the reconnect backoff (default 1000, 60000).
With --executor dry-run only: PORTA_AGENT_DRY_RUN_OS (windows|macos|linux) and PORTA_AGENT_DRY_RUN_USER make the
agent report, plan and record as that OS and console user (nothing runs either way).`;

export type Command =
  | { name: 'version' }
  | { name: 'help' }
  | { name: 'enrol'; server: string; token: string; state: string; executor: 'system' | 'dry-run' }
  | { name: 'run'; state: string }
  | { name: 'install'; server: string; token: string; state: string | null }
  | { name: 'uninstall'; state: string | null; purge: boolean };

export class UsageError extends Error {}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`Missing ${flag}`);
  return value;
}

export function parseCommand(argv: string[]): Command {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      server: { type: 'string' },
      token: { type: 'string' },
      state: { type: 'string' },
      executor: { type: 'string' },
      purge: { type: 'boolean' },
      version: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.version) return { name: 'version' };
  const [name, ...extra] = positionals;
  if (values.help || name === undefined || name === 'help') return { name: 'help' };
  if (extra.length > 0) throw new UsageError(`Unexpected argument: ${extra[0]}`);
  switch (name) {
    case 'version':
      return { name: 'version' };
    case 'enrol':
    case 'enroll': {
      const executor = values.executor ?? 'system';
      if (executor !== 'system' && executor !== 'dry-run') throw new UsageError('--executor is system or dry-run');
      return { name: 'enrol', server: required(values.server, '--server'), token: required(values.token, '--token'), state: required(values.state, '--state'), executor };
    }
    case 'run':
      return { name: 'run', state: required(values.state, '--state') };
    case 'install':
      return { name: 'install', server: required(values.server, '--server'), token: required(values.token, '--token'), state: values.state ?? null };
    case 'uninstall':
      return { name: 'uninstall', state: values.state ?? null, purge: values.purge ?? false };
    default:
      throw new UsageError(`Unknown command: ${name}`);
  }
}
