import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

/**
 * One process per embedded database. The proof that a holder is alive is a listening
 * socket that the kernel closes when the process dies (also when nobody reaps it, a
 * zombie, and whatever program later gets its pid):
 * - Linux and other POSIX systems: the unix socket `<dataDir>/porta.lock.sock`. A second
 *   process connects to it: connected = a live holder, refused = a dead one, whose socket
 *   file is removed and bound again.
 * - Windows: a named pipe keyed by the data directory's real path (the pipe disappears
 *   with its process, so there is nothing stale to take over).
 *
 * Taking over a stale socket file is "check, remove, bind": two processes doing it at once
 * could each remove the other's fresh socket. On Linux every attempt therefore runs under a
 * guard, an abstract-namespace socket keyed by the directory's device and inode (atomic
 * to bind, released by the kernel with its process), so checks and takeovers are serialised.
 */
export const LOCK_SOCKET_NAME = 'porta.lock.sock';
/** Pid file written by earlier versions; it proves nothing and is removed once we hold the lock. */
const LEGACY_PID_FILE = 'porta.lock';
const GUARD_WAIT_MS = 15_000;
const PROBE_TIMEOUT_MS = 3_000;

export class DataDirLockedError extends Error {
  constructor(dataDir: string, pid: number | undefined) {
    super(
      `The data directory ${dataDir} is in use by another Porta process` +
        (pid === undefined ? '' : ` (pid ${pid})`) +
        '. Stop that process first, or point PORTA_DATA_DIR at another directory. ' +
        'Two processes on one embedded database would corrupt it.',
    );
    this.name = 'DataDirLockedError';
  }
}

/** Where the lock socket lives, as this process can bind and connect to it. */
interface SocketAddress {
  path: string;
  /** A directory fd kept open when the path goes through /proc/self/fd (long data-dir paths). */
  dirFd: number | undefined;
}

// sun_path holds 108 bytes on Linux (104 on macOS), with its terminating NUL.
const MAX_SOCKET_PATH = process.platform === 'linux' ? 107 : 103;

function socketAddress(realDir: string): SocketAddress {
  const direct = path.join(realDir, LOCK_SOCKET_NAME);
  if (Buffer.byteLength(direct) <= MAX_SOCKET_PATH) return { path: direct, dirFd: undefined };
  if (process.platform !== 'linux') {
    throw new Error(`The data directory path ${realDir} is too long for its lock socket; use a shorter PORTA_DATA_DIR.`);
  }
  const dirFd = fs.openSync(realDir, 'r');
  return { path: `/proc/self/fd/${dirFd}/${LOCK_SOCKET_NAME}`, dirFd };
}

function closeAddress(address: SocketAddress): void {
  if (address.dirFd !== undefined) fs.closeSync(address.dirFd);
}

/** Listens on `where`; resolves null when the address is taken (EADDRINUSE). */
function tryListen(where: string, onConnection?: (socket: net.Socket) => void): Promise<net.Server | null> {
  return new Promise((resolve, reject) => {
    const server = net.createServer(onConnection);
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') resolve(null);
      else reject(err);
    });
    server.listen(where, () => {
      server.removeAllListeners('error');
      server.on('error', () => {});
      server.unref();
      resolve(server);
    });
  });
}

type Probe = { live: true; pid: number | undefined } | { live: false };
type Answer = Probe | { live: 'unsure' };

/**
 * One attempt: a live holder accepts and answers its pid; nobody listening refuses. A
 * connection closed without an answer is a holder dying right now (its socket still
 * queued our connection): ask again.
 */
function probeOnce(where: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(where);
    let answer = '';
    let settled = false;
    const finish = (result: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const pidOf = (text: string): number | undefined => {
      const pid = Number.parseInt(text, 10);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    };
    // Connected but no answer in time: a live holder too busy to answer is still alive.
    const timer = setTimeout(() => finish({ live: true, pid: pidOf(answer) }), PROBE_TIMEOUT_MS);
    socket.on('data', (chunk: Buffer) => {
      answer += chunk.toString('utf8');
    });
    socket.on('end', () => finish(answer ? { live: true, pid: pidOf(answer) } : { live: 'unsure' }));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (answer) return finish({ live: true, pid: pidOf(answer) });
      // Nobody listens (the holder died) or the file is gone: stale. A full backlog is a live holder.
      if (err.code === 'ECONNREFUSED' || err.code === 'ENOENT' || err.code === 'ENOTSOCK') return finish({ live: false });
      if (err.code === 'EAGAIN') return finish({ live: true, pid: undefined });
      if (err.code === 'ECONNRESET' || err.code === 'EPIPE') return finish({ live: 'unsure' });
      settled = true;
      clearTimeout(timer);
      reject(err);
    });
  });
}

async function probe(where: string): Promise<Probe> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const answer = await probeOnce(where);
    if (answer.live !== 'unsure') return answer;
    await sleep(50);
  }
  return { live: true, pid: undefined };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Linux: the abstract socket that serialises lock attempts on one directory. */
async function takeGuard(realDir: string): Promise<net.Server | null> {
  if (process.platform !== 'linux') return null;
  const st = fs.statSync(realDir);
  const key = crypto.createHash('sha256').update(`${st.dev}:${st.ino}`).digest('hex').slice(0, 32);
  const deadline = Date.now() + GUARD_WAIT_MS;
  for (;;) {
    const guard = await tryListen(`\0porta-data-dir-${key}`);
    if (guard) return guard;
    if (Date.now() > deadline) throw new Error(`Could not take the lock on ${realDir}: another process keeps checking it`);
    await sleep(10 + Math.random() * 40);
  }
}

function answerWithPid(socket: net.Socket): void {
  socket.on('error', () => {});
  socket.end(String(process.pid));
}

function holding(server: net.Server, address: SocketAddress, realDir: string): () => void {
  fs.rmSync(path.join(realDir, LEGACY_PID_FILE), { force: true });
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    // Closing a bound unix socket server also removes its file (synchronously).
    server.close();
    closeAddress(address);
  };
  process.once('exit', release);
  return release;
}

async function lockWithPipe(dataDir: string, realDir: string): Promise<() => void> {
  const key = crypto.createHash('sha256').update(realDir.toLowerCase()).digest('hex').slice(0, 32);
  const where = `\\\\.\\pipe\\porta-data-dir-${key}`;
  const server = await tryListen(where, answerWithPid);
  if (!server) {
    const holder = await probe(where);
    throw new DataDirLockedError(dataDir, holder.live ? holder.pid : undefined);
  }
  return holding(server, { path: where, dirFd: undefined }, realDir);
}

/**
 * Takes the lock on `dataDir` (created when missing) for this process, taking over one
 * left by a process that died (crash, kill -9, zombie). A live holder stops us with
 * DataDirLockedError. Resolves to a function that releases the lock (also run on exit).
 */
export async function lockDataDir(dataDir: string): Promise<() => void> {
  fs.mkdirSync(dataDir, { recursive: true });
  const realDir = fs.realpathSync(dataDir);
  if (process.platform === 'win32') return lockWithPipe(dataDir, realDir);
  const address = socketAddress(realDir);
  try {
    const guard = await takeGuard(realDir);
    try {
      let server = await tryListen(address.path, answerWithPid);
      if (!server) {
        const holder = await probe(address.path);
        if (holder.live) throw new DataDirLockedError(dataDir, holder.pid);
        // A dead holder's socket file. Under the guard nobody else removes or binds it now.
        fs.rmSync(address.path, { force: true });
        server = await tryListen(address.path, answerWithPid);
        if (!server) throw new DataDirLockedError(dataDir, undefined);
      }
      return holding(server, address, realDir);
    } finally {
      guard?.close();
    }
  } catch (err) {
    closeAddress(address);
    throw err;
  }
}
