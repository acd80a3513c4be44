import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDatabase, startIsolatedDatabase } from '../../test/database.ts';
import { makeTenant, type TenantFixture, uniq } from '../../test/factories.ts';
import { createTestApp, sharedDatabase, type TestApp } from '../../test/harness.ts';
import { mailEnv, rawMail, sendRaw } from '../../test/mail.ts';
import { silentLog } from '../mail/worker-log.ts';
import { setDefaultTenant } from '../tenants/default-tenant.service.ts';
import { replaceInboundAddresses } from '../mail/mail-settings.repo.ts';
import { type SmtpReceiver, startSmtpReceiver } from './smtp-receiver.ts';
import { tenantOfRecipient } from './recipient-tenant.ts';

/**
 * Which tenant an inbound recipient reaches (T-9, #9 item 3 for mail): like hosts, anything that
 * is no tenant's own address goes to the default tenant, so a single-server install keeps its
 * mail after a second tenant exists; `porta tenant default none` refuses it at RCPT. The default
 * tenant is a platform setting: this file has a database of its own.
 */
let db: RunningDatabase;
let t: TestApp & { close(): Promise<void> };
let receiver: SmtpReceiver;
let first: TenantFixture;
let second: TenantFixture;

beforeAll(async () => {
  db = await startIsolatedDatabase(sharedDatabase());
  t = await createTestApp({ database: db.info, env: mailEnv(null) });
  receiver = await startSmtpReceiver(t.ctx, silentLog, 0, '127.0.0.1');
  first = await makeTenant(t.ctx);
});

afterAll(async () => {
  await receiver?.close();
  await t?.close();
  await db?.stop();
});

const send = (to: string) => sendRaw(receiver.port, { from: 'someone@customer.example', to: [to] }, rawMail({ from: 'someone@customer.example', to, subject: `Hello ${uniq()}`, messageId: `<${uniq()}@customer.example>` }, 'Body'));
const receivedBy = async (tenantId: string) => Number((await t.ctx.db.selectFrom('mail_inbound').select((eb) => eb.fn.countAll<string>().as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow()).n);

describe('the tenant an inbound recipient reaches', () => {
  it('with one tenant, any address reaches it', async () => {
    expect(await tenantOfRecipient(t.ctx, 'help@anything.example')).toBe(first.tenant.id);
    const before = await receivedBy(first.tenant.id);
    await send('help@anything.example');
    expect(await receivedBy(first.tenant.id)).toBe(before + 1);
  });

  it('after a second tenant exists, the first stays the default: its own addresses still reach each tenant', async () => {
    second = await makeTenant(t.ctx);
    expect(await tenantOfRecipient(t.ctx, 'help@anything.example')).toBe(first.tenant.id);
    expect(await tenantOfRecipient(t.ctx, `${second.tenant.slug}@mail.porta.test`)).toBe(second.tenant.id);
    expect(await tenantOfRecipient(t.ctx, `Support <${first.tenant.slug}@mail.porta.test>`)).toBe(first.tenant.id);
    const added = `desk-${uniq()}@second.example`;
    await replaceInboundAddresses(t.ctx.db, second.tenant.id, [added]);
    expect(await tenantOfRecipient(t.ctx, added)).toBe(second.tenant.id);
    const before = await receivedBy(first.tenant.id);
    await send(`unknown-${uniq()}@mail.porta.test`);
    expect(await receivedBy(first.tenant.id)).toBe(before + 1);
  });

  it('follows `porta tenant default <slug>`', async () => {
    await setDefaultTenant(t.ctx, second.tenant.slug);
    expect(await tenantOfRecipient(t.ctx, 'help@anything.example')).toBe(second.tenant.id);
  });

  it('with `porta tenant default none`, an address of no tenant is refused at RCPT and nothing is stored', async () => {
    await setDefaultTenant(t.ctx, 'none');
    expect(await tenantOfRecipient(t.ctx, 'help@anything.example')).toBeUndefined();
    const before = [await receivedBy(first.tenant.id), await receivedBy(second.tenant.id)];
    await expect(send(`nobody-${uniq()}@elsewhere.example`)).rejects.toThrow(/550|recipient/i);
    expect([await receivedBy(first.tenant.id), await receivedBy(second.tenant.id)]).toEqual(before);
    // A tenant's own address is still delivered.
    await send(`${first.tenant.slug}@mail.porta.test`);
    expect(await receivedBy(first.tenant.id)).toBe(before[0]! + 1);
  });
});
