import { describe, expect, it } from 'vitest';
import { makeCustomer, makeTenant, uniq } from '../../test/factories.ts';
import { signInContact, signInTechnician } from '../../test/client.ts';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { drainOutbox, useMailTestApp } from '../../test/mail.ts';

interface Created {
  contact: { id: string };
  credentials: { username: string; password: string };
}

/** the welcome e-mail, through a real loopback SMTP relay. */
describe('welcome e-mail', () => {
  const smtp = useMailTestApp();
  const t = smtp.t;

  async function setup() {
    const fx = await makeTenant(t.ctx, { name: `Acme IT ${uniq(3)}` });
    const admin = await signInTechnician(t.app, fx.host, fx.admin.email, fx.admin.password);
    expectStatus(await admin.patch('/api/v1/settings/mail', { smtp: { host: '127.0.0.1', port: smtp.sink.port, secure: false }, portalAddress: 'https://help.acme.example' }), 200);
    const customer = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Globex' });
    return { fx, admin, customer };
  }

  it('is off by default: creating a contact sends nothing', async () => {
    const { fx, admin, customer } = await setup();
    const email = `off-${uniq()}@globex.example`;
    expectStatus(await admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Olga', lastName: 'Off', email }), 201);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    expect(smtp.sink.to(email)).toEqual([]);
  });

  it('on: the new contact gets it in their language with portal address and credentials that sign in', async () => {
    const { fx, admin, customer } = await setup();
    expectStatus(await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: true } }), 200);
    const email = `fr-${uniq()}@globex.example`;
    const res = await admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Élodie', lastName: 'Durand', email, language: 'fr' });
    expectStatus(res, 201);
    const { credentials } = res.json<Created>();
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const mail = await smtp.sink.waitFor((m) => m.envelope.to.includes(email));
    expect(mail.parsed.subject).toBe(`Votre accès au portail d’assistance de ${fx.tenant.name}`);
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Bonjour Élodie Durand');
    expect(text).toContain('https://help.acme.example/');
    expect(text).toContain(`Nom d’utilisateur : ${credentials.username}`);
    expect(text).toContain(`Mot de passe : ${credentials.password}`);
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.parsed.messageId).toMatch(/^<[0-9a-f-]{36}@mail\.porta\.test>$/);
    // The credentials in the mail are real.
    const password = /Mot de passe : (\S+)/.exec(text)?.[1] ?? '';
    await signInContact(t.app, fx.host, credentials.username, password);
  });

  it('an edited template with placeholders is used and previewed; unknown placeholders stay visible', async () => {
    const { fx, admin, customer } = await setup();
    const template = { subject: 'Hi {{contact.firstName}} from {{company.name}}', body: 'User {{credentials.username}} / {{credentials.password}} at {{portal.url}} for {{customer.name}} {{nope.nothing}}' };
    expectStatus(await admin.patch('/api/v1/settings/portal', { welcomeEmail: { enabled: true, templates: { de: template } } }), 200);
    const preview = await admin.post('/api/v1/settings/portal/welcome-preview', { language: 'de' });
    expectStatus(preview, 200);
    expect(preview.json()).toEqual({
      subject: `Hi Alex from ${fx.tenant.name}`,
      body: 'User alex.martin / Xq7-example-Pw4 at https://help.acme.example/ for Example Customer {{nope.nothing}}',
    });
    const draft = await admin.post('/api/v1/settings/portal/welcome-preview', { language: 'de', subject: 'Draft {{contact.lastName}}', body: 'x' });
    expect(draft.json()).toEqual({ subject: 'Draft Martin', body: 'x' });
    const email = `de-${uniq()}@globex.example`;
    const { credentials } = (await admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Hans', lastName: 'Huber', email, language: 'de' })).json<Created>();
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const mail = await smtp.sink.waitFor((m) => m.envelope.to.includes(email));
    expect(mail.parsed.subject).toBe(`Hi Hans from ${fx.tenant.name}`);
    expect(mail.parsed.text?.trim()).toBe(`User ${credentials.username} / ${credentials.password} at https://help.acme.example/ for Globex {{nope.nothing}}`);
  });

  it('"send again": as is while the generated password stands; after the contact changed it, only with confirmation, which regenerates it and ends their sessions', async () => {
    const { fx, admin, customer } = await setup();
    const email = `again-${uniq()}@globex.example`;
    const { contact, credentials } = (await admin.post('/api/v1/contacts', { customerId: customer.id, firstName: 'Ana', lastName: 'Again', email })).json<Created>();
    expectStatus(await admin.post(`/api/v1/contacts/${contact.id}/welcome-email`), 200);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const first = await smtp.sink.waitFor((m) => m.envelope.to.includes(email));
    expect(first.parsed.text).toContain(credentials.password);

    const portal = await signInContact(t.app, fx.host, credentials.username, credentials.password);
    expectStatus(await portal.post('/api/v1/portal/me/password', { currentPassword: credentials.password, newPassword: 'my-own-password-123' }), 200);
    expectError(await admin.post(`/api/v1/contacts/${contact.id}/welcome-email`, {}), 409, 'WELCOME_NEEDS_NEW_PASSWORD');
    const again = await admin.post(`/api/v1/contacts/${contact.id}/welcome-email`, { regeneratePassword: true });
    expectStatus(again, 200);
    const newPassword = again.json<{ credentials: { password: string } }>().credentials.password;
    expect(newPassword).not.toBe(credentials.password);
    expect((await portal.get('/api/v1/portal/me')).statusCode).toBe(401);
    await drainOutbox(t.ctx, [fx.tenant.id]);
    const second = await smtp.sink.waitFor((m) => m.envelope.to.includes(email) && (m.parsed.text ?? '').includes(newPassword));
    expect(second.parsed.messageId).not.toBe(first.parsed.messageId);
    await signInContact(t.app, fx.host, credentials.username, newPassword);
  });

  it('refuses an unknown contact (404) and a template without a subject (400), changing nothing', async () => {
    const { admin } = await setup();
    expectError(await admin.post('/api/v1/contacts/00000000-0000-4000-8000-000000000000/welcome-email'), 404, 'CONTACT_NOT_FOUND');
    const before = (await admin.get('/api/v1/settings/portal')).json();
    expectError(await admin.patch('/api/v1/settings/portal', { welcomeEmail: { templates: { en: { subject: '', body: 'x' } } } }), 400, 'VALIDATION_FAILED');
    expect((await admin.get('/api/v1/settings/portal')).json()).toEqual(before);
  });
});
