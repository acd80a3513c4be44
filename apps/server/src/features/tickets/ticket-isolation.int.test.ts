import type { TicketSummary } from '@porta/contracts/tickets';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, client, mintSession, type Response } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { multipartFile } from '../../test/multipart.ts';
import { openEventStream } from '../../test/sse.ts';
import { attachmentCount, commentCount, openTicket, ticketRow } from '../../test/tickets.ts';

const t = useTestApp();

interface Page {
  items: TicketSummary[];
  total: number;
}

const SECRET_SUBJECT = 'Acme payroll server down';
const SECRET_COMMENT = 'Password for the payroll box is in the safe';
const SECRET_FILE = 'payroll-export.csv';

let T: TenantFixture;
let U: TenantFixture;
/** A ticket of Alice (customer Acme, not primary), with a public comment and a file. */
let target: { id: string; number: number; attachmentId: string };
let as: Record<'alice' | 'colleague' | 'primary' | 'otherCustomer' | 'technician' | 'foreignTech' | 'foreignContact' | 'foreignTechOnTargetHost', Client>;

beforeAll(async () => {
  T = await makeTenant(t.ctx);
  U = await makeTenant(t.ctx);
  const acme = await makeCustomer(t.ctx, T.tenant.id, { name: 'Acme' });
  const globex = await makeCustomer(t.ctx, T.tenant.id, { name: 'Globex' });
  const alice = await makeContact(t.ctx, T.tenant.id, acme.id);
  const colleague = await makeContact(t.ctx, T.tenant.id, acme.id);
  const primary = await makeContact(t.ctx, T.tenant.id, acme.id, { isPrimary: true });
  const otherCustomer = await makeContact(t.ctx, T.tenant.id, globex.id, { isPrimary: true });
  const foreignContact = await makeContact(t.ctx, U.tenant.id, (await makeCustomer(t.ctx, U.tenant.id)).id, { isPrimary: true });
  const session = (host: string, tenantId: string, kind: 'contact' | 'technician', id: string) => mintSession(t.app, t.ctx, host, tenantId, kind, id);
  const foreignTech = await session(U.host, U.tenant.id, 'technician', U.admin.id);
  as = {
    alice: await session(T.host, T.tenant.id, 'contact', alice.id),
    colleague: await session(T.host, T.tenant.id, 'contact', colleague.id),
    primary: await session(T.host, T.tenant.id, 'contact', primary.id),
    otherCustomer: await session(T.host, T.tenant.id, 'contact', otherCustomer.id),
    technician: await session(T.host, T.tenant.id, 'technician', T.admin.id),
    foreignTech,
    foreignContact: await session(U.host, U.tenant.id, 'contact', foreignContact.id),
    // U's admin session presented on T's host.
    foreignTechOnTargetHost: client(t.app, T.host, { cookie: foreignTech.cookie, csrfToken: foreignTech.csrfToken }),
  };
  const id = await openTicket(t.ctx, T.tenant.id, alice.id, { subject: SECRET_SUBJECT });
  expectStatus(await as.alice.post(`/api/v1/portal/tickets/${id}/comments`, { body: SECRET_COMMENT }), 201);
  const file = multipartFile(SECRET_FILE, 'name;salary');
  const up = await as.alice.request('POST', `/api/v1/portal/tickets/${id}/attachments`, { body: file.body, headers: file.headers });
  expectStatus(up, 201);
  target = { id, number: (await ticketRow(t.ctx, id)).number, attachmentId: up.json<{ id: string }>().id };
  // Each of the others has a ticket of their own, so their lists are not empty by accident.
  await openTicket(t.ctx, T.tenant.id, colleague.id, { subject: 'Colleague ticket' });
  await openTicket(t.ctx, T.tenant.id, otherCustomer.id, { subject: 'Globex ticket' });
  await openTicket(t.ctx, U.tenant.id, foreignContact.id, { subject: 'Foreign ticket' });
});

const snapshot = async () => ({ row: await ticketRow(t.ctx, target.id), comments: await commentCount(t.ctx, target.id), files: await attachmentCount(t.ctx, target.id) });

function leaksNothing(res: Response) {
  for (const secret of [SECRET_SUBJECT, SECRET_COMMENT, SECRET_FILE, target.id, target.attachmentId]) expect(res.body, res.body).not.toContain(secret);
}

/** Every portal read and write of the target ticket, as `c`: all 404, nothing leaked, nothing written. */
async function portalSeesNothing(c: Client) {
  const before = await snapshot();
  for (const scope of ['mine', 'company']) {
    const list = await c.get(`/api/v1/portal/tickets?scope=${scope}`);
    expectStatus(list, 200);
    leaksNothing(list);
  }
  for (const q of ['payroll', `%23${target.number}`, String(target.number)]) leaksNothing(await c.get(`/api/v1/portal/tickets?scope=company&q=${q}`));
  const base = `/api/v1/portal/tickets/${target.id}`;
  const file = multipartFile('x.txt', 'x');
  const answers = [
    await c.get(base),
    await c.patch(base, { priority: 'critical' }),
    await c.post(`${base}/comments`, { body: 'Let me in' }),
    await c.request('POST', `${base}/attachments`, { body: file.body, headers: file.headers }),
    await c.get(`${base}/attachments/${target.attachmentId}`),
  ];
  for (const res of answers) {
    expectError(res, 404, 'TICKET_NOT_FOUND');
    leaksNothing(res);
  }
  const stream = await openEventStream(t.app, c, `${base}/events`);
  stream.close();
  expect(stream.statusCode).toBe(404);
  expect(await snapshot()).toEqual(before);
}

describe('isolation between customers and people (issue 3, item 9; A-5, P-3)', () => {
  it('the requester sees the ticket, its comment and its file', async () => {
    const detail = await as.alice.get(`/api/v1/portal/tickets/${target.id}`);
    expectStatus(detail, 200);
    expect(detail.body).toContain(SECRET_COMMENT);
    expectStatus(await as.alice.get(`/api/v1/portal/tickets/${target.id}/attachments/${target.attachmentId}`), 200);
  });

  it("a primary contact of the same customer sees it too (company scope), file included", async () => {
    const list = await as.primary.get('/api/v1/portal/tickets?scope=company');
    expect(list.json<Page>().items.map((i) => i.id)).toContain(target.id);
    expect((await as.primary.get(`/api/v1/portal/tickets/${target.id}`)).body).toContain(SECRET_COMMENT);
    const download = await as.primary.get(`/api/v1/portal/tickets/${target.id}/attachments/${target.attachmentId}`);
    expectStatus(download, 200);
    expect(download.body).toBe('name;salary');
  });

  it("a non-primary colleague never sees it: list, search, detail, comments, file, live updates → 404, nothing written", async () => {
    await portalSeesNothing(as.colleague);
  });

  it("a contact of another customer (even a primary one) never sees it", async () => {
    await portalSeesNothing(as.otherCustomer);
  });

  it("a file of another customer's ticket cannot be fetched through one's own ticket", async () => {
    const own = (await as.otherCustomer.get('/api/v1/portal/tickets')).json<Page>().items[0]?.id ?? '';
    expectError(await as.otherCustomer.get(`/api/v1/portal/tickets/${own}/attachments/${target.attachmentId}`), 404, 'ATTACHMENT_NOT_FOUND');
  });

  it("another tenant's contact on their own portal gets 404 for the ticket and its file", async () => {
    await portalSeesNothing(as.foreignContact);
  });
});

describe("isolation between tenants in the console (issue 3, item 9; P-3)", () => {
  it("another tenant's technician gets 404 for the ticket, its file and changes; the queue and search show nothing of it", async () => {
    const before = await snapshot();
    const base = `/api/v1/tickets/${target.id}`;
    const file = multipartFile('x.txt', 'x');
    for (const res of [
      await as.foreignTech.get(base),
      await as.foreignTech.patch(base, { priority: 'critical', billed: true }),
      await as.foreignTech.post(`${base}/comments`, { body: 'hi', internal: true }),
      await as.foreignTech.request('POST', `${base}/attachments`, { body: file.body, headers: file.headers }),
    ]) {
      expectError(res, 404, 'TICKET_NOT_FOUND');
      leaksNothing(res);
    }
    expectError(await as.foreignTech.get(`${base}/attachments/${target.attachmentId}`), 404, 'ATTACHMENT_NOT_FOUND');
    for (const q of ['', '?q=payroll', `?q=${target.number}`]) {
      const list = await as.foreignTech.get(`/api/v1/tickets${q}`);
      expectStatus(list, 200);
      leaksNothing(list);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("another tenant's session is not accepted on this tenant's host", async () => {
    expectError(await as.foreignTechOnTargetHost.get(`/api/v1/tickets/${target.id}`), 401, 'UNAUTHENTICATED');
    expectError(await as.foreignTechOnTargetHost.get(`/api/v1/tickets/${target.id}/attachments/${target.attachmentId}`), 401, 'UNAUTHENTICATED');
  });

  it("this tenant's technician sees everything of it", async () => {
    const detail = await as.technician.get(`/api/v1/tickets/${target.id}`);
    expectStatus(detail, 200);
    expect(detail.body).toContain(SECRET_COMMENT);
    expectStatus(await as.technician.get(`/api/v1/tickets/${target.id}/attachments/${target.attachmentId}`), 200);
  });
});
