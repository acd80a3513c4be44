import type { TicketSummary } from '@porta/contracts/tickets';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { openTicket, setStatus } from '../../test/tickets.ts';

/**
 * Full-text ticket search (#9 item 8): words of the description and of comments, stemmed in
 * the requester's language; internal notes searchable in the console only; scope, customer
 * and status filters still apply; number and subject-piece search keep working.
 */
const t = useTestApp();

interface Page {
  items: TicketSummary[];
  total: number;
}

let fx: TenantFixture;
let tech: Client;
let alice: ContactFixture;
let carla: ContactFixture;
let asAlice: Client;
let asPam: Client;
let asCarla: Client;
let asGina: Client;
let tix: { printer: string; laptop: string; stampante: string; closedPrinter: string; bobPrinter: string; ginaPrinter: string };

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const acme = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Acme' });
  const globex = await makeCustomer(t.ctx, fx.tenant.id, { name: 'Globex' });
  alice = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Alice' });
  const bob = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Bob' });
  const pam = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Pam', isPrimary: true });
  carla = await makeContact(t.ctx, fx.tenant.id, acme.id, { firstName: 'Carla', language: 'it' });
  const gina = await makeContact(t.ctx, fx.tenant.id, globex.id, { firstName: 'Gina' });
  asAlice = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', alice.id);
  asPam = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', pam.id);
  asCarla = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', carla.id);
  asGina = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', gina.id);
  tix = {
    printer: await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: 'Cannot work', description: 'The office printer shows a paper jam warning.' }),
    laptop: await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: 'Laptop slow', description: 'It takes ages to start.' }),
    stampante: await openTicket(t.ctx, fx.tenant.id, carla.id, { subject: 'Problema', description: 'La stampante del secondo piano non funziona più.' }),
    closedPrinter: await openTicket(t.ctx, fx.tenant.id, alice.id, { subject: 'Old issue', description: 'The printer was fixed last year.' }),
    bobPrinter: await openTicket(t.ctx, fx.tenant.id, bob.id, { subject: 'Bob needs help', description: 'My printer is offline.' }),
    ginaPrinter: await openTicket(t.ctx, fx.tenant.id, gina.id, { subject: 'Globex help', description: 'Our printer prints blank pages; warning light on.' }),
  };
  await setStatus(t.ctx, fx.tenant.id, tix.closedPrinter, 'resolved');
  expectStatus(await tech.post(`/api/v1/tickets/${tix.laptop}/comments`, { body: 'Please run the defragmentation tool tonight.' }), 201);
  expectStatus(await tech.post(`/api/v1/tickets/${tix.laptop}/comments`, { body: 'Escalation: the customer owes three invoices (zebrafund).', internal: true }), 201);
  expectStatus(await asAlice.post(`/api/v1/portal/tickets/${tix.printer}/comments`, { body: 'Also the scanner beeps.' }), 201);
});

const ids = (res: { json: <T>() => T }) => res.json<Page>().items.map((i) => i.id);
const portal = async (c: Client, query: string) => {
  const res = await c.get(`/api/v1/portal/tickets?${query}`);
  expectStatus(res, 200);
  return ids(res);
};
const consoleIds = async (query: string) => {
  const res = await tech.get(`/api/v1/tickets?${query}`);
  expectStatus(res, 200);
  return ids(res);
};

describe('ticket search in the portal (#9 item 8)', () => {
  it('finds a word that appears only in the description, and its stemmed forms', async () => {
    expect(await portal(asAlice, 'q=warning')).toEqual([tix.printer]);
    expect(await portal(asAlice, 'q=warnings')).toEqual([tix.printer]);
    expect(await portal(asAlice, 'q=printers')).toEqual([tix.closedPrinter, tix.printer]);
  });

  it('finds an Italian ticket by another form of the word (the requester writes Italian)', async () => {
    expect(await portal(asCarla, 'q=stampanti')).toEqual([tix.stampante]);
    expect(await portal(asCarla, 'q=funzionare')).toEqual([tix.stampante]);
    expect(await portal(asCarla, 'q=piu')).toEqual([tix.stampante]);
  });

  it('finds a word of a public comment, from the technician or the contact', async () => {
    expect(await portal(asAlice, 'q=defragmentation')).toEqual([tix.laptop]);
    expect(await portal(asAlice, 'q=scanner')).toEqual([tix.printer]);
  });

  it('never finds a ticket by a word that is only in an internal note', async () => {
    expect(await portal(asAlice, 'q=zebrafund')).toEqual([]);
    expect(await portal(asAlice, 'q=escalation')).toEqual([]);
    expect(await portal(asAlice, 'q=invoices')).toEqual([]);
  });

  it("never finds another customer's ticket, nor a colleague's outside the company scope", async () => {
    expect(await portal(asAlice, 'q=blank')).toEqual([]);
    expect(await portal(asGina, 'q=printer')).toEqual([tix.ginaPrinter]);
    expect(await portal(asPam, 'q=printer')).toEqual([]);
    expect(await portal(asPam, 'q=printer&scope=company')).toEqual([tix.bobPrinter, tix.closedPrinter, tix.printer]);
  });

  it('keeps the status filter, the number and a piece of the subject', async () => {
    expect(await portal(asAlice, 'q=printer&status=open')).toEqual([tix.printer]);
    const number = (await asAlice.get(`/api/v1/portal/tickets/${tix.laptop}`)).json<{ number: number }>().number;
    expect(await portal(asAlice, `q=%23${number}`)).toEqual([tix.laptop]);
    expect(await portal(asAlice, 'q=lapt')).toEqual([tix.laptop]);
  });
});

describe('ticket search in the console (#9 item 8)', () => {
  it('finds description words, stemmed, in any of the five languages', async () => {
    expect(await consoleIds('q=printers')).toEqual([tix.ginaPrinter, tix.bobPrinter, tix.closedPrinter, tix.printer]);
    expect(await consoleIds('q=stampanti')).toEqual([tix.stampante]);
  });

  it('finds words of public comments and of internal notes', async () => {
    expect(await consoleIds('q=defragmentation')).toEqual([tix.laptop]);
    expect(await consoleIds('q=zebrafund')).toEqual([tix.laptop]);
    expect(await consoleIds('q=invoice')).toEqual([tix.laptop]);
  });

  it('combines the words with the status and customer filters', async () => {
    expect(await consoleIds('q=printer&status=resolved')).toEqual([tix.closedPrinter]);
    const globex = (await tech.get(`/api/v1/tickets/${tix.ginaPrinter}`)).json<{ customer: { id: string } }>().customer.id;
    expect(await consoleIds(`q=printer&customerId=${globex}`)).toEqual([tix.ginaPrinter]);
    const page = (await tech.get('/api/v1/tickets?q=warning')).json<Page>();
    expect(page.items.map((i) => i.id)).toEqual([tix.ginaPrinter, tix.printer]);
    expect(page.total).toBe(2);
  });

  it("does not find another tenant's tickets", async () => {
    const other = await makeTenant(t.ctx);
    const otherCustomer = await makeCustomer(t.ctx, other.tenant.id);
    const otherContact = await makeContact(t.ctx, other.tenant.id, otherCustomer.id);
    await openTicket(t.ctx, other.tenant.id, otherContact.id, { description: 'A printer with a warning.' });
    expect(await consoleIds('q=printers')).toHaveLength(4);
  });

  it('an edited description is searched by its new words only', async () => {
    expectStatus(await tech.patch(`/api/v1/tickets/${tix.laptop}`, { description: 'The keyboard rattles.' }), 200);
    expect(await consoleIds('q=rattle')).toEqual([tix.laptop]);
    expect(await consoleIds('q=ages')).toEqual([]);
    expect(await consoleIds('q=defragmentation')).toEqual([tix.laptop]);
    expect(await portal(asAlice, 'q=zebrafund')).toEqual([]);
  });
});
