import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInContact, signInTechnician } from '../test/client.ts';
import { type RunningDatabase, startIsolatedDatabase } from '../test/database.ts';
import { makeTenant } from '../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp } from '../test/harness.ts';
import { freePort, getOverLoopback, makeWebDist, SPA_MARKER } from '../test/loopback-http.ts';
import { seedDemo } from './seed-demo.ts';

/**
 * #9 item 3: the logins `npm run demo` prints are addresses that answer, on the configured
 * PORT (no PORTA_PUBLIC_URL), and its credentials sign in there. A real server listens on
 * that port; the demo is the second tenant, as after a real first start.
 */
let db: RunningDatabase;
let t: TestApp & { close(): Promise<void> };
let web: ReturnType<typeof makeWebDist>;
let port: number;

beforeAll(async () => {
  db = await startIsolatedDatabase(sharedDatabase());
  web = makeWebDist();
  port = await freePort();
  t = await createTestApp({ database: db.info, env: { PORT: String(port), PORTA_WEB_DIST: web.dir } });
  await t.app.listen({ port, host: '127.0.0.1' });
});

afterAll(async () => {
  await t?.close();
  await db?.stop();
  web?.remove();
});

describe('npm run demo (#9 item 3)', () => {
  it('prints console and portal addresses on the configured PORT that answer for the demo tenant, with logins that sign in there', async () => {
    const own = await makeTenant(t.ctx, { name: 'Our MSP' });
    const lines: string[] = [];
    await seedDemo(t.ctx, (line) => lines.push(line));

    const consoleUrl = /^Console\s+(\S+)\/console$/.exec(lines.find((l) => l.startsWith('Console')) ?? '')?.[1];
    const portalUrl = /^Portal\s+(\S+)\/$/.exec(lines.find((l) => l.startsWith('Portal')) ?? '')?.[1];
    expect(consoleUrl).toBe(`http://demo.localhost:${port}`);
    expect(portalUrl).toBe(`http://demo.localhost:${port}`);
    expect(lines.join('\n')).not.toContain(':3000');
    // The plain address stays the first tenant's, and the demo says so.
    expect(lines.at(-1)).toContain(`http://localhost:${port}/ stays the address of "${own.tenant.slug}"`);

    for (const address of [`${consoleUrl}/console`, `${portalUrl}/`]) {
      const page = await getOverLoopback(address);
      expect(page.status, address).toBe(200);
      expect(page.body).toContain(SPA_MARKER);
    }
    const tenant = await getOverLoopback(`${portalUrl}/api/v1/tenant`);
    expect(JSON.parse(tenant.body)).toMatchObject({ slug: 'demo', name: 'Demo MSP' });

    const host = new URL(portalUrl ?? '').host;
    const [adminEmail, adminPassword] = lines[lines.findIndex((l) => l.startsWith('Console')) + 1]?.trim().split(/\s+/) ?? [];
    const admin = await signInTechnician(t.app, host, adminEmail ?? '', adminPassword ?? '');
    expect((await admin.get('/api/v1/me')).json<{ user: { tenant: { slug: string } } }>().user.tenant.slug).toBe('demo');
    const contactLines = lines.slice(lines.findIndex((l) => l.startsWith('Portal')) + 1).filter((l) => /^\s{2}\S+\s+\S+\s+(primary|contact)\s/.test(l));
    expect(contactLines).toHaveLength(10);
    const [username, password] = contactLines[0]?.trim().split(/\s+/) ?? [];
    await signInContact(t.app, host, username ?? '', password ?? '');
  });
});
