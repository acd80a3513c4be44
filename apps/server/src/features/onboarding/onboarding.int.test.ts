import { describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { signInTechnician, type Client } from '../../test/client.ts';
import { makeCustomer, makeTenant, uniq } from '../../test/factories.ts';
import { writeArticle } from '../../test/kb.ts';
import { drainOutbox, useMailTestApp } from '../../test/mail.ts';

interface Onboarding {
  steps: { key: string; done: boolean }[];
  complete: boolean;
  portalUrl: string;
}
interface ContactAnswer {
  contact: { id: string; welcomeEmailSentAt: string | null };
}

/** Issue 9 item 5: the new-contact welcome flag and the console's first-run checklist. */
describe('welcome e-mail flag and first-run checklist', () => {
  const smtp = useMailTestApp();
  const t = smtp.t;

  async function setup(opts: { smtp?: boolean } = {}) {
    const fx = await makeTenant(t.ctx);
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    if (opts.smtp !== false) {
      expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false }, portalAddress: 'https://help.example.test' }), 200);
    }
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    return { fx, admin, customer };
  }

  async function create(admin: Client, customerId: string, sendWelcomeEmail: boolean | undefined) {
    const email = `flag-${uniq()}@customer.example`;
    const res = await admin.post('/api/v1/contacts', { customerId, firstName: 'Flag', lastName: 'Test', email, ...(sendWelcomeEmail !== undefined && { sendWelcomeEmail }) });
    expectStatus(res, 201);
    return { email, id: res.json<ContactAnswer>().contact.id };
  }

  const sentAt = async (admin: Client, id: string) => (await admin.get(`/api/v1/contacts/${id}`)).json<ContactAnswer>().contact.welcomeEmailSentAt;

  it('sendWelcomeEmail: true sends it although the tenant setting is off; false sends nothing although it is on; absent follows the setting', async () => {
    const { fx, admin, customer } = await setup();
    expect((await admin.get('/api/v1/contacts/defaults')).json()).toEqual({ sendWelcomeEmail: false });
    const forced = await create(admin, customer.id, true);
    const byDefaultOff = await create(admin, customer.id, undefined);
    expectStatus(await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: true } }), 200);
    expect((await admin.get('/api/v1/contacts/defaults')).json()).toEqual({ sendWelcomeEmail: true });
    const refused = await create(admin, customer.id, false);
    const byDefaultOn = await create(admin, customer.id, undefined);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    await smtp.sink.waitFor((m) => m.envelope.to.includes(forced.email));
    await smtp.sink.waitFor((m) => m.envelope.to.includes(byDefaultOn.email));
    expect(smtp.sink.to(refused.email)).toEqual([]);
    expect(smtp.sink.to(byDefaultOff.email)).toEqual([]);
    const welcomes = await t.ctx.db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', fx.tenant.id)
      .where('topic', '=', 'mail')
      .executeTakeFirstOrThrow();
    expect(Number(welcomes.n)).toBe(2);
    // The console knows which contacts got one: the button says "send again" for those.
    expect(await sentAt(admin, forced.id)).not.toBeNull();
    expect(await sentAt(admin, byDefaultOn.id)).not.toBeNull();
    expect(await sentAt(admin, refused.id)).toBeNull();
    expect(await sentAt(admin, byDefaultOff.id)).toBeNull();
  });

  it('"send the welcome e-mail" marks the contact as sent at once', async () => {
    const { admin, customer } = await setup();
    const { id } = await create(admin, customer.id, false);
    const res = await admin.post(`/api/v1/contacts/${id}/welcome-email`);
    expectStatus(res, 200);
    expect(await sentAt(admin, id)).not.toBeNull();
  });

  it('a flag that is not a boolean is refused and creates nothing', async () => {
    const { admin, customer } = await setup();
    const email = `bad-${uniq()}@customer.example`;
    expectStatus(await admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Bad', lastName: 'Flag', email, sendWelcomeEmail: 'yes' }), 400);
    expect(await t.ctx.db.selectFrom('contacts').select('id').where('email', '=', email).execute()).toEqual([]);
  });

  it('GET /api/v1/onboarding: each step from real data, in order; complete when all are done', async () => {
    const { fx, admin } = await setup({ smtp: false });
    const read = async () => {
      const res = await admin.get('/api/v1/onboarding');
      expectStatus(res, 200);
      return res.json<Onboarding>();
    };
    const doneKeys = (o: Onboarding) => o.steps.filter((s) => s.done).map((s) => s.key);
    let o = await read();
    expect(o.steps.map((s) => s.key)).toEqual(['mail', 'customer', 'contact', 'kbArticle', 'portalAddress']);
    // setup() made one customer; no mail server (no global relay in this test app), no contact, no article.
    expect(doneKeys(o)).toEqual(['customer']);
    expect(o.complete).toBe(false);
    // Not the default tenant: its own host, with the port of the test config's public URL (#9 item 3).
    expect(o.portalUrl).toBe(`http://${fx.tenant.slug}.localhost:3000/`);

    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false } }), 200);
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    await create(admin, customer.id, false);
    await writeArticle(admin, { en: { title: 'Draft only', body: 'x' } }, { status: 'draft' });
    o = await read();
    expect(doneKeys(o)).toEqual(['mail', 'customer', 'contact']);
    await writeArticle(admin, { en: { title: 'Reset your password', body: 'Steps.' } }, { status: 'published' });
    expect(doneKeys(await read())).toEqual(['mail', 'customer', 'contact', 'kbArticle']);

    const shared = await admin.post('/api/v1/onboarding/portal-address');
    expectStatus(shared, 200);
    expect(shared.json<Onboarding>().complete).toBe(true);
    o = await read();
    expect(o.complete).toBe(true);
    expect(o.steps.every((s) => s.done)).toBe(true);
  });

  it('one tenant\'s progress never shows in another\'s checklist', async () => {
    const { admin } = await setup();
    const other = await makeTenant(t.ctx);
    const otherAdmin = await signInTechnician(t.app, other.host, other.admin.email, other.admin.password);
    expectStatus(await admin.post('/api/v1/onboarding/portal-address'), 200);
    const o = (await otherAdmin.get('/api/v1/onboarding')).json<Onboarding>();
    expect(o.steps.filter((s) => s.done).map((s) => s.key)).toEqual([]);
  });
});
