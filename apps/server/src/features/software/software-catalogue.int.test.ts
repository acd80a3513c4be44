import { beforeAll, describe, expect, it } from 'vitest';
import type { SoftwarePackage } from '@porta/contracts/software';
import { expectError } from '../../test/assertions.ts';
import { type Client, signInTechnician } from '../../test/client.ts';
import { makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { STARTER_PACKAGES } from './starter-packages.ts';

const t = useTestApp();
let fx: TenantFixture;
let other: TenantFixture;
let admin: Client;
let otherAdmin: Client;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  other = await makeTenant(t.ctx);
  admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
  otherAdmin = await signInTechnician(t.app, other.host, other.admin.email, other.admin.password);
});

/** Issue 13 item 6 (SS-5, AI-5a): the pinned catalogue API with aliases and one Homebrew field. */
describe('software catalogue API (/api/v1/software-catalogue)', () => {
  it('creates with aliases and homebrewId (a cask by default), and the old path serves the same catalogue', async () => {
    const res = await admin.post('/api/v1/software-catalogue', { name: 'Adobe Acrobat Reader', aliases: [' adobe reader ', 'PDF reader', 'pdf reader', 'Adobe Acrobat Reader'], homebrewId: 'adobe-acrobat-reader', wingetId: 'Adobe.Acrobat.Reader.64-bit' });
    expect(res.statusCode).toBe(200);
    const pkg = res.json<SoftwarePackage>();
    expect(pkg).toMatchObject({ name: 'Adobe Acrobat Reader', aliases: ['adobe reader', 'PDF reader'], homebrewCask: 'adobe-acrobat-reader', homebrewFormula: null, homebrewId: 'adobe-acrobat-reader', os: ['windows', 'macos'] });
    const row = await t.ctx.db.selectFrom('software_packages').select(['aliases', 'tenant_id']).where('id', '=', pkg.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ aliases: ['adobe reader', 'PDF reader'], tenant_id: fx.tenant.id });
    const viaOld = (await admin.get('/api/v1/software')).json<{ items: SoftwarePackage[] }>().items;
    const viaNew = (await admin.get('/api/v1/software-catalogue')).json<{ items: SoftwarePackage[] }>().items;
    expect(viaNew).toEqual(viaOld);
    expect(viaNew.find((p) => p.id === pkg.id)?.aliases).toEqual(['adobe reader', 'PDF reader']);
  });

  it('homebrewId formula:<name> and cask:<name>; PATCH edits aliases; DELETE removes', async () => {
    const git = (await admin.post('/api/v1/software-catalogue', { name: 'Git', homebrewId: 'formula:git' })).json<SoftwarePackage>();
    expect(git).toMatchObject({ homebrewFormula: 'git', homebrewCask: null, homebrewId: 'formula:git', aliases: [], os: ['macos'] });
    const patched = (await admin.patch(`/api/v1/software-catalogue/${git.id}`, { aliases: ['git scm'], homebrewId: 'cask:git-gui' })).json<SoftwarePackage>();
    expect(patched).toMatchObject({ name: 'Git', aliases: ['git scm'], homebrewFormula: null, homebrewCask: 'git-gui', homebrewId: 'git-gui' });
    expect((await admin.patch(`/api/v1/software/${git.id}`, { aliases: [] })).json<SoftwarePackage>().aliases).toEqual([]);
    expect((await admin.delete(`/api/v1/software-catalogue/${git.id}`)).json()).toEqual({ ok: true });
    expectError(await admin.delete(`/api/v1/software-catalogue/${git.id}`), 404, 'SOFTWARE_PACKAGE_NOT_FOUND');
  });

  it('bad input: a stable code, nothing written', async () => {
    const before = await t.ctx.db.selectFrom('software_packages').select('id').where('tenant_id', '=', fx.tenant.id).execute();
    expectError(await admin.post('/api/v1/software-catalogue', { name: 'Nothing', aliases: ['x'] }), 400, 'SOFTWARE_PACKAGE_NO_MANAGER');
    expect((await admin.post('/api/v1/software-catalogue', { name: 'Both', homebrewId: 'x', homebrewCask: 'y' })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/software-catalogue', { name: 'Bad', homebrewId: 'tap:evil' })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/software-catalogue', { name: 'Long', wingetId: 'A.B', aliases: ['a'.repeat(61)] })).statusCode).toBe(400);
    expect((await admin.post('/api/v1/software-catalogue', { name: 'Many', wingetId: 'A.B', aliases: Array.from({ length: 21 }, (_, i) => `a${i}`) })).statusCode).toBe(400);
    const after = await t.ctx.db.selectFrom('software_packages').select('id').where('tenant_id', '=', fx.tenant.id).execute();
    expect(after).toEqual(before);
  });

  it("another tenant's admin cannot see or change the package", async () => {
    const pkg = (await admin.post('/api/v1/software-catalogue', { name: 'Slack', aliases: ['slack app'], wingetId: 'SlackTechnologies.Slack' })).json<SoftwarePackage>();
    expect((await otherAdmin.get('/api/v1/software-catalogue')).json<{ items: SoftwarePackage[] }>().items.map((p) => p.id)).not.toContain(pkg.id);
    expectError(await otherAdmin.patch(`/api/v1/software-catalogue/${pkg.id}`, { aliases: ['stolen'] }), 404, 'SOFTWARE_PACKAGE_NOT_FOUND');
    expectError(await otherAdmin.delete(`/api/v1/software-catalogue/${pkg.id}`), 404, 'SOFTWARE_PACKAGE_NOT_FOUND');
    const row = await t.ctx.db.selectFrom('software_packages').select('aliases').where('id', '=', pkg.id).executeTakeFirstOrThrow();
    expect(row.aliases).toEqual(['slack app']);
  });

  it('the starter list carries aliases', async () => {
    const items = (await admin.get('/api/v1/software/starter')).json<{ items: Array<{ key: string; aliases: string[] }> }>().items;
    expect(items.find((s) => s.key === 'acrobat-reader')?.aliases).toEqual(expect.arrayContaining(['adobe reader', 'pdf reader']));
    expect(items.find((s) => s.key === 'chrome')?.aliases).toEqual(expect.arrayContaining(['google chrome', 'chrome browser']));
    expect(items.length).toBe(STARTER_PACKAGES.length);
  });
});
