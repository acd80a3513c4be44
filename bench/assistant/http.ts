/**
 * The assistant through the real server (issue 13 "latency per message without a model"):
 * `POST /api/v1/portal/assistant/messages` as contacts of five languages, each continuing one
 * session, over every message of the labelled and held-out sets, one request at a time, on
 * PostgreSQL, with the built-in engine, the demo KB, the starter catalogue and two devices per
 * contact. Baseline in the same run: `GET /api/v1/portal/me` (session, settings, one contact
 * read), so the ratio shows what the assistant adds over the cheapest signed-in request.
 * Each contact sends fewer than the route's 60 messages per 10 minutes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { rawFromPublicKey } from '@porta/agent-protocol/sign';
import { createContact } from '../../apps/server/src/features/contacts/contacts.service.ts';
import { createCustomer } from '../../apps/server/src/features/customers/customers.service.ts';
import { insertDevice, setDeviceContacts } from '../../apps/server/src/features/devices/devices.repo.ts';
import { updatePortalSettings } from '../../apps/server/src/features/portal-settings/portal-settings.service.ts';
import { insertPackage } from '../../apps/server/src/features/software/software.repo.ts';
import { STARTER_PACKAGES } from '../../apps/server/src/features/software/starter-packages.ts';
import { createTenantWithAdmin } from '../../apps/server/src/features/tenants/tenants.service.ts';
import { seedDemoKb } from '../../apps/server/src/demo/seed-demo-kb.ts';
import { loadConfig } from '../../apps/server/src/config.ts';
import { boot } from '../../apps/server/src/platform/boot.ts';
import { BENCH_SECRET_KEY, type Child, freePort, memoryOf, round, serverCommand, startNode, waitFor200 } from '../lib/common.ts';
import { dropDatabase, postgresUnavailable, recreateDatabase } from '../lib/postgres.ts';
import type { Labelled } from './labelled.ts';

type Lang = Labelled['lang'];
const LANGS: Lang[] = ['en', 'fr', 'de', 'es', 'it'];
const PG_DB = 'porta_bench_assistant';
const PASSWORD = 'bench-contact-password-1';
/** Contacts per language: each sends its share of the passes, under the 60-per-10-minutes limit. */
const CONTACTS_PER_LANG = 6;

export interface HttpLatency {
  messages: number;
  errors: number;
  message: { p50: number; p95: number; max: number };
  me: { p50: number; p95: number };
  ratioP50: number;
  serverRssMiB: number;
}

const quantile = (sorted: number[], q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;

async function seed(url: string): Promise<Record<Lang, string[]>> {
  const { ctx, handle } = await boot(loadConfig({ DATABASE_URL: url, PORTA_SECRET_KEY: BENCH_SECRET_KEY, LOG_LEVEL: 'warn' }));
  try {
    const { tenant, admin } = await createTenantWithAdmin(ctx, { slug: 'bench', name: 'Bench MSP', admin: { name: 'Bench Admin', email: 'admin@bench.example', password: PASSWORD } });
    const customer = await createCustomer(ctx, tenant.id, { name: 'Bench Customer', domains: [] });
    await updatePortalSettings(ctx, tenant.id, { sections: { assistant: { mode: 'all', customerIds: [] } } });
    for (const p of STARTER_PACKAGES) await insertPackage(ctx.db, tenant.id, { name: p.name, chocolateyId: p.chocolateyId, homebrewFormula: p.homebrewFormula, homebrewCask: p.homebrewCask, wingetId: p.wingetId, aliases: p.aliases });
    await seedDemoKb(ctx, tenant.id, admin.id, new Map([['Rossi Costruzioni S.r.l.', customer.id]]));
    const hash = (await ctx.db.selectFrom('technicians').select('password_hash').where('id', '=', admin.id).executeTakeFirstOrThrow()).password_hash;
    const usernames = {} as Record<Lang, string[]>;
    for (const language of LANGS) {
      usernames[language] = [];
      for (let i = 0; i < CONTACTS_PER_LANG; i++) {
        const { row, credentials } = await createContact(ctx, tenant.id, 'en', { customerId: customer.id, firstName: 'Bench', lastName: `${language}${i}`, email: `bench-${language}-${i}@bench.example`, isPrimary: false, language });
        await ctx.db.updateTable('contacts').set({ password_hash: hash }).where('id', '=', row.id).execute();
        for (const hostname of [`LAPTOP-${language}${i}`, `WS-${language}${i}`]) {
          const inventory = { hostname, os: 'windows', osVersion: '10.0.22631', arch: 'x64', loggedInUser: `bench${i}`, serial: hostname, agentVersion: '0.1.0', uptimeSeconds: 3600, disks: [] };
          const publicKey = rawFromPublicKey(generateKeyPairSync('ed25519').publicKey);
          const { id } = await insertDevice(ctx.db, tenant.id, { customerId: customer.id, publicKey, hostname, os: 'windows', inventory });
          await setDeviceContacts(ctx.db, tenant.id, id, [row.id]);
        }
        usernames[language].push(credentials.username);
      }
    }
    return usernames;
  } finally {
    await handle.close();
  }
}

interface Person {
  cookie: string;
  csrf: string;
  sessionId?: string;
}

async function login(base: string, username: string): Promise<Person> {
  const res = await fetch(`${base}/api/v1/portal/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`portal login answered ${res.status}: ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie: res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '').join('; '), csrf: csrfToken };
}

/** Null (with the reason printed) when PostgreSQL is not reachable. */
export async function measureHttp(messages: Labelled[], passes: number): Promise<HttpLatency | null> {
  const unavailable = await postgresUnavailable();
  if (unavailable) {
    console.log(`\nHTTP latency: skipped (${unavailable})`);
    return null;
  }
  const url = await recreateDatabase(PG_DB);
  let server: Child | undefined;
  try {
    const usernames = await seed(url);
    const port = await freePort();
    server = startNode('assistant-app', serverCommand().args, { DATABASE_URL: url, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', PORTA_SECRET_KEY: BENCH_SECRET_KEY });
    await waitFor200(`http://127.0.0.1:${port}/healthz`, server, performance.now(), 120_000);
    const base = `http://127.0.0.1:${port}`;
    const people = {} as Record<Lang, Person[]>;
    for (const l of LANGS) people[l] = await Promise.all(usernames[l].map((u) => login(base, u)));

    const timed = async (path: string, p: Person, body?: unknown) => {
      const t0 = performance.now();
      const res = await fetch(
        `${base}${path}`,
        body === undefined ? { headers: { cookie: p.cookie } } : { method: 'POST', headers: { cookie: p.cookie, 'x-csrf-token': p.csrf, 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      const json = (await res.json()) as { sessionId?: string };
      return { ms: performance.now() - t0, ok: res.status === 200, json };
    };
    // Warm-up: one message and one /me per language (lexicons, KB index, statement caches).
    for (const l of LANGS) {
      const p = people[l][0];
      if (p) {
        await timed('/api/v1/portal/me', p);
        await timed('/api/v1/portal/assistant/messages', p, { text: 'hello' });
      }
    }
    const msgTimes: number[] = [];
    const meTimes: number[] = [];
    let errors = 0;
    const turn = {} as Record<Lang, number>;
    for (let pass = 0; pass < passes; pass++)
      for (const m of messages) {
        const list = people[m.lang];
        const p = list[(turn[m.lang] = ((turn[m.lang] ?? -1) + 1) % list.length)];
        if (!p) continue;
        const r = await timed('/api/v1/portal/assistant/messages', p, { text: m.text, ...(p.sessionId && { sessionId: p.sessionId }) });
        if (!r.ok) {
          if (errors++ === 0) console.log(`  first refusal: ${JSON.stringify(r.json)}`);
        }
        else {
          msgTimes.push(r.ms);
          p.sessionId = r.json.sessionId;
        }
        meTimes.push((await timed('/api/v1/portal/me', p)).ms);
      }
    msgTimes.sort((a, b) => a - b);
    meTimes.sort((a, b) => a - b);
    const result: HttpLatency = {
      messages: msgTimes.length + errors,
      errors,
      message: { p50: round(quantile(msgTimes, 0.5), 2), p95: round(quantile(msgTimes, 0.95), 2), max: round(msgTimes[msgTimes.length - 1] ?? 0, 1) },
      me: { p50: round(quantile(meTimes, 0.5), 2), p95: round(quantile(meTimes, 0.95), 2) },
      ratioP50: round(quantile(msgTimes, 0.5) / Math.max(quantile(meTimes, 0.5), 0.001), 2),
      serverRssMiB: memoryOf(server.pid).rssMiB,
    };
    console.log(
      `\nHTTP, real server on PostgreSQL, one request at a time: ${result.messages} messages (${errors} not 200): p50 ${result.message.p50} ms, p95 ${result.message.p95} ms, max ${result.message.max} ms; ` +
        `GET /portal/me in the same run p50 ${result.me.p50} ms, p95 ${result.me.p95} ms (message/me at p50 ${result.ratioP50}×); server RSS ${result.serverRssMiB} MiB`,
    );
    return result;
  } finally {
    await server?.stop();
    await dropDatabase(PG_DB);
  }
}
