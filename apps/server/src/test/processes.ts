import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';

/** Child processes for tests about processes: lock holders, a server killed with -9. */
export const repoRoot = path.resolve(import.meta.dirname, '../../../..');

/**
 * A perl parent that forks the command and never waits for it: once the command dies it
 * stays a zombie (as under a container's pid 1 that does not reap), until the parent is
 * killed. Prints `child <pid>` on stderr.
 */
const NON_REAPING_PARENT = 'my $p = fork(); die "fork: $!" unless defined $p; if ($p == 0) { exec(@ARGV) or exit(127) } print STDERR "child $p\\n"; sleep 3600;';

export interface Spawned {
  /** The process we spawned (the perl parent when not reaped). */
  proc: ChildProcess;
  /** The pid of the command itself. */
  pid: number;
  /** The next line the command prints on stdout. */
  nextLine(timeoutMs?: number): Promise<string>;
  /** All stdout and stderr so far (for failure messages). */
  output(): string;
  /** Kills what was spawned (the command and its parent); waits for the spawned process to end. */
  kill(): Promise<void>;
}

export async function spawnCommand(cmd: string, args: string[], opts: { env?: NodeJS.ProcessEnv; notReaped?: boolean } = {}): Promise<Spawned> {
  const [file, argv] = opts.notReaped ? ['perl', ['-e', NON_REAPING_PARENT, cmd, ...args]] : [cmd, args];
  const proc = spawn(file, argv as string[], { cwd: repoRoot, env: opts.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let all = '';
  const queued: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  readline.createInterface({ input: proc.stdout! }).on('line', (line) => {
    all += `${line}\n`;
    const w = waiting.shift();
    if (w) w(line);
    else queued.push(line);
  });
  let childPid: number | undefined = opts.notReaped ? undefined : proc.pid;
  const pidKnown = new Promise<number>((resolve, reject) => {
    if (childPid !== undefined) return resolve(childPid);
    proc.once('exit', () => reject(new Error(`the parent exited before forking:\n${all}`)));
    readline.createInterface({ input: proc.stderr! }).on('line', (line) => {
      const m = /^child (\d+)$/.exec(line);
      if (m && childPid === undefined) {
        childPid = Number(m[1]);
        resolve(childPid);
      } else all += `${line}\n`;
    });
  });
  if (!opts.notReaped) proc.stderr!.on('data', (chunk: Buffer) => (all += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const pid = await pidKnown;
  return {
    proc,
    pid,
    output: () => all,
    nextLine(timeoutMs = 60_000) {
      const q = queued.shift();
      if (q !== undefined) return Promise.resolve(q);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no line from pid ${pid} in ${timeoutMs} ms; output:\n${all}`)), timeoutMs);
        waiting.push((line) => {
          clearTimeout(timer);
          resolve(line);
        });
      });
    },
    async kill() {
      for (const p of [pid, proc.pid]) {
        try {
          if (p) process.kill(p, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      if (proc.exitCode === null && proc.signalCode === null) await exited;
    },
  };
}

/** The state letter of a process in /proc (R, S, Z…), or null when there is no such process. */
export function processState(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0] ?? null;
  } catch {
    return null;
  }
}

/** Kills `pid` with SIGKILL and waits until it is dead: a zombie (not reaped) or gone. */
export async function killHard(pid: number): Promise<void> {
  process.kill(pid, 'SIGKILL');
  for (let i = 0; i < 500; i++) {
    const state = processState(pid);
    if (state === null || state === 'Z') return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`pid ${pid} did not die`);
}
