import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { killHard, processState, spawnCommand, type Spawned } from '../../test/processes.ts';

/**
 * The real server on PGlite, killed with -9 under write load and left unreaped (a zombie, as
 * under a container's pid 1 that does not reap), then started again on the same data
 * directory: it must start, and every write it acknowledged must be there.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'porta-crash-'));
const admin = { email: 'crash@example.test', password: `Crash ${randomBytes(12).toString('hex')} test` };
const started: Spawned[] = [];

function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    PORTA_DATA_DIR: dataDir,
    PORTA_ADMIN_EMAIL: admin.email,
    PORTA_ADMIN_PASSWORD: admin.password,
    PORTA_TENANT_SLUG: 'crash',
    PORTA_MAIL_WORKER: '0',
    LOG_LEVEL: 'info',
  };
  delete env.DATABASE_URL;
  delete env.PORTA_SMTP_PORT;
  return env;
}

/** Starts `apps/server/src/main.ts` and resolves its base URL once it listens. */
async function startServer(notReaped: boolean): Promise<{ server: Spawned; base: string }> {
  const server = await spawnCommand(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], { env: serverEnv(), notReaped });
  started.push(server);
  for (;;) {
    const line = await server.nextLine(120_000);
    const m = /"msg":"Porta is listening"/.test(line) ? /"url":"([^"]+)"/.exec(line) : null;
    if (m) return { server, base: m[1]! };
  }
}

interface Session {
  cookie: string;
  csrf: string;
}

async function signIn(base: string): Promise<Session> {
  const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(admin) });
  expect(res.status).toBe(200);
  const cookie = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('porta_console='));
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: cookie!, csrf: body.csrfToken };
}

function createCustomer(base: string, s: Session, name: string): Promise<Response> {
  return fetch(`${base}/api/v1/customers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: s.cookie, 'x-csrf-token': s.csrf },
    body: JSON.stringify({ name }),
  });
}

async function customerNames(base: string, s: Session): Promise<Set<string>> {
  const names = new Set<string>();
  for (let page = 1; ; page++) {
    const res = await fetch(`${base}/api/v1/customers?pageSize=100&page=${page}`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { name: string }[] };
    for (const c of body.items) names.add(c.name);
    if (body.items.length < 100) return names;
  }
}

afterAll(async () => {
  await Promise.all(started.map((s) => s.kill()));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a server killed with -9 and left a zombie restarts on its data directory', () => {
  it('starts again (no "data directory in use") with every acknowledged write', async () => {
    const first = await startServer(true);
    const session = await signIn(first.base);

    // Write load: four writers; a name counts once the server answered 201.
    const acknowledged: string[] = [];
    let stop = false;
    const writer = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const name = `Crash ${w}-${i}`;
        try {
          const res = await createCustomer(first.base, session, name);
          if (res.status === 201) acknowledged.push(name);
          else if (!stop) throw new Error(`POST /customers answered ${res.status}: ${await res.text()}`);
        } catch (err) {
          if (stop) return; // the server died under this request: not acknowledged
          throw err;
        }
      }
    };
    const writers = [0, 1, 2, 3].map(writer);
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 10));
    // Told first: while killHard waits for the process to go, the writers' requests in flight fail, and must not count as errors.
    stop = true;
    await killHard(first.server.pid); // mid-load: requests are in flight
    await Promise.all(writers);
    expect(processState(first.server.pid)).toBe('Z');

    const second = await startServer(false);
    expect(second.server.output()).not.toContain('in use');
    const names = await customerNames(second.base, await signIn(second.base));
    const lost = acknowledged.filter((n) => !names.has(n));
    expect(lost).toEqual([]);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
  }, 300_000);
});
