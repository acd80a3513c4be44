import fs from 'node:fs';
import path from 'node:path';
import type { PortalTicketDetail } from '@porta/contracts/tickets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession, type Response } from '../../test/client.ts';
import { type ContactFixture, makeContact, makeCustomer, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { createTestApp, type TestApp, useTestApp } from '../../test/harness.ts';
import { multipartFile } from '../../test/multipart.ts';
import { attachmentCount, openTicket } from '../../test/tickets.ts';

// A 1 MB limit, so the size check is tested with small files.
const t = useTestApp({ env: { PORTA_ATTACHMENT_MAX_MB: '1' } });

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex'),
]);

interface Attachment {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  commentId: string | null;
  url: string;
}

let fx: TenantFixture;
let tech: Client;
let contact: ContactFixture;
let asContact: Client;
let ticketId: string;

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  contact = await makeContact(t.ctx, fx.tenant.id, customer.id);
  asContact = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
  ticketId = await openTicket(t.ctx, fx.tenant.id, contact.id);
});

function upload(c: Client, url: string, filename: string, content: string | Buffer, contentType?: string): Promise<Response> {
  const file = multipartFile(filename, content, contentType);
  return c.request('POST', url, { body: file.body, headers: file.headers });
}
const portalUrl = (id = ticketId) => `/api/v1/portal/tickets/${id}/attachments`;

const filesOnDisk = () => {
  const dir = path.join(t.ctx.config.attachmentsDir, fx.tenant.id);
  return fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
};
const rowOf = (id: string) => t.ctx.db.selectFrom('ticket_attachments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('ticket attachments (issue 3, item 1)', () => {
  it('a contact uploads a file; it is listed on the ticket and downloads as an attachment with nosniff', async () => {
    const res = await upload(asContact, portalUrl(), 'error log.txt', 'Error 0x80070005 at boot');
    expectStatus(res, 201);
    const a = res.json<Attachment>();
    expect(a).toMatchObject({ filename: 'error log.txt', size: 24, commentId: null, url: `/api/v1/portal/tickets/${ticketId}/attachments/${a.id}` });
    expect(a.contentType).toMatch(/^text\/plain/);
    const detail = (await asContact.get(`/api/v1/portal/tickets/${ticketId}`)).json<PortalTicketDetail>();
    expect(detail.attachments.map((x) => x.id)).toContain(a.id);

    const download = await asContact.get(a.url);
    expectStatus(download, 200);
    expect(download.body).toBe('Error 0x80070005 at boot');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="error log.txt"; filename*=UTF-8''error%20log.txt`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toMatch(/^text\/plain/);
    expect(download.headers['content-security-policy']).toContain('sandbox');
    // The technician downloads the same file through the console.
    const console = await tech.get(`/api/v1/tickets/${ticketId}/attachments/${a.id}`);
    expect(console.body).toBe('Error 0x80070005 at boot');
    expect(console.headers['content-disposition']).toMatch(/^attachment;/);
  });

  it('ids and storage keys are random UUIDs, never derived from the file name', async () => {
    const one = (await upload(asContact, portalUrl(), '../../../etc/passwd', 'x')).json<Attachment>();
    const two = (await upload(asContact, portalUrl(), '../../../etc/passwd', 'x')).json<Attachment>();
    expect(one.id).toMatch(UUID_V4);
    expect(two.id).toMatch(UUID_V4);
    expect(one.id).not.toBe(two.id);
    for (const a of [one, two]) {
      const row = await rowOf(a.id);
      const [tenantPart, key] = row.storage_key.split('/');
      expect(tenantPart).toBe(fx.tenant.id);
      expect(key).toMatch(UUID_V4);
      expect(fs.existsSync(path.join(t.ctx.config.attachmentsDir, row.storage_key))).toBe(true);
    }
    // The name is kept only as a label, and sent back safely quoted.
    const download = await asContact.get(one.url);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="[^"/\\]*passwd"/);
  });

  it('the type comes from the content: a PNG sent as text/plain is served as image/png, text sent as image/png as text/plain', async () => {
    const png = (await upload(asContact, portalUrl(), 'screenshot.txt', PNG, 'text/plain')).json<Attachment>();
    expect(png.contentType).toBe('image/png');
    const pngDownload = await asContact.get(png.url);
    expect(pngDownload.headers['content-type']).toBe('image/png');
    expect(pngDownload.headers['x-content-type-options']).toBe('nosniff');

    const text = (await upload(asContact, portalUrl(), 'photo.png', 'just words, not a picture', 'image/png')).json<Attachment>();
    expect(text.contentType).toMatch(/^text\/plain/);
    expect((await asContact.get(text.url)).headers['content-type']).toMatch(/^text\/plain/);

    // HTML is never served as a page.
    const html = (await upload(asContact, portalUrl(), 'page.html', '<script>alert(1)</script>', 'text/html')).json<Attachment>();
    const htmlDownload = await asContact.get(html.url);
    expect(htmlDownload.headers['content-type']).not.toMatch(/html/);
    expect(htmlDownload.headers['content-disposition']).toMatch(/^attachment;/);

    const binary = (await upload(asContact, portalUrl(), 'blob.bin', Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 0]), 'image/jpeg')).json<Attachment>();
    expect(binary.contentType).toBe('application/octet-stream');
  });

  it('a file over the limit is refused with 413 ATTACHMENT_TOO_LARGE; no row and no file are kept', async () => {
    const before = { rows: await attachmentCount(t.ctx, ticketId), files: filesOnDisk() };
    const big = Buffer.alloc(1.5 * 1024 * 1024, 'a');
    const res = await upload(asContact, portalUrl(), 'big.txt', big);
    const err = expectError(res, 413, 'ATTACHMENT_TOO_LARGE');
    expect(err.message).toContain('1 MB');
    expectError(await upload(tech, `/api/v1/tickets/${ticketId}/attachments`, 'big.txt', big), 413, 'ATTACHMENT_TOO_LARGE');
    expect({ rows: await attachmentCount(t.ctx, ticketId), files: filesOnDisk() }).toEqual(before);
    // Just under the limit is fine.
    const fits = await upload(asContact, portalUrl(), 'fits.txt', Buffer.alloc(1024 * 1024 - 1024, 'b'));
    expectStatus(fits, 201);
    expect(fits.json<Attachment>().size).toBe(1024 * 1024 - 1024);
  });

  it('keeps a non-ASCII file name and sends it back encoded (RFC 6266)', async () => {
    const a = (await upload(asContact, portalUrl(), 'résumé 2024.txt', 'cv')).json<Attachment>();
    expect(a.filename).toBe('résumé 2024.txt');
    const download = await asContact.get(a.url);
    expect(download.headers['content-disposition']).toBe(`attachment; filename="r_sum_ 2024.txt"; filename*=UTF-8''r%C3%A9sum%C3%A9%202024.txt`);
  });

  it('an upload without a file is refused with ATTACHMENT_MISSING', async () => {
    const before = await attachmentCount(t.ctx, ticketId);
    expectError(await asContact.post(portalUrl(), { file: 'not multipart' }), 400, 'ATTACHMENT_MISSING');
    expect(await attachmentCount(t.ctx, ticketId)).toBe(before);
  });

  describe('a malformed upload is a 400 ATTACHMENT_MALFORMED and leaves no row and no file (issue 10, item 1)', () => {
    const fileHead = (b: string, name = 'file', filename = 'a.txt') =>
      `--${b}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n`;
    const field = (b: string, name: string, value: string) => `--${b}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const big = 'x'.repeat(300 * 1024);
    const cases: { name: string; contentType: string; body: string; code: 'ATTACHMENT_MALFORMED' | 'ATTACHMENT_MISSING' }[] = [
      { name: 'no boundary', contentType: 'multipart/form-data', body: `${fileHead('x')}hello\r\n--x--\r\n`, code: 'ATTACHMENT_MALFORMED' },
      { name: 'a body cut off before any part', contentType: 'multipart/form-data; boundary=x', body: '--x\r\nbroken', code: 'ATTACHMENT_MALFORMED' },
      // Cut off while the file streams to disk: the partial file must go.
      { name: 'a body cut off inside the file', contentType: 'multipart/form-data; boundary=x', body: `${fileHead('x')}${big}`, code: 'ATTACHMENT_MALFORMED' },
      { name: 'a complete file, then a broken part', contentType: 'multipart/form-data; boundary=x', body: `${fileHead('x')}${big}\r\n--x\r\nbroken`, code: 'ATTACHMENT_MALFORMED' },
      { name: 'two files', contentType: 'multipart/form-data; boundary=x', body: `${fileHead('x')}one\r\n${fileHead('x', 'file', 'b.txt')}two\r\n--x--\r\n`, code: 'ATTACHMENT_MALFORMED' },
      {
        name: 'too many fields',
        contentType: 'multipart/form-data; boundary=x',
        body: `${[1, 2, 3, 4, 5, 6, 7].map((n) => field('x', `f${n}`, 'v')).join('')}${fileHead('x')}one\r\n--x--\r\n`,
        code: 'ATTACHMENT_MALFORMED',
      },
      { name: 'a boundary over 256 characters', contentType: `multipart/form-data; boundary=${'b'.repeat(300)}`, body: `${fileHead('b'.repeat(300))}one\r\n--${'b'.repeat(300)}--\r\n`, code: 'ATTACHMENT_MALFORMED' },
      { name: 'a __proto__ part', contentType: 'multipart/form-data; boundary=x', body: `${fileHead('x', '__proto__')}one\r\n--x--\r\n`, code: 'ATTACHMENT_MALFORMED' },
      { name: 'a field where the file should be', contentType: 'multipart/form-data; boundary=x', body: `${field('x', 'file', 'not a file')}--x--\r\n`, code: 'ATTACHMENT_MISSING' },
      { name: 'only the closing boundary', contentType: 'multipart/form-data; boundary=x', body: '--x--\r\n', code: 'ATTACHMENT_MISSING' },
      { name: 'an empty body', contentType: 'multipart/form-data; boundary=x', body: '', code: 'ATTACHMENT_MISSING' },
    ];
    for (const c of cases) {
      it(`${c.name}: ${c.code}, on the portal and the console`, async () => {
        const before = { rows: await attachmentCount(t.ctx, ticketId), files: filesOnDisk() };
        for (const [who, url] of [[asContact, portalUrl()], [tech, `/api/v1/tickets/${ticketId}/attachments`]] as const) {
          const res = await who.request('POST', url, { body: c.body, headers: { 'content-type': c.contentType } });
          expectError(res, 400, c.code);
        }
        expect({ rows: await attachmentCount(t.ctx, ticketId), files: filesOnDisk() }).toEqual(before);
      });
    }

    it('the message is localised', async () => {
      const res = await tech.request('POST', `/api/v1/tickets/${ticketId}/attachments`, { body: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=x', 'accept-language': 'it' } });
      expect(expectError(res, 400, 'ATTACHMENT_MALFORMED').message).toMatch(/caricamento/);
    });
  });

  it("a file is served only through its own ticket: another ticket's URL answers 404", async () => {
    const other = await openTicket(t.ctx, fx.tenant.id, contact.id);
    const a = (await upload(asContact, portalUrl(), 'mine.txt', 'mine')).json<Attachment>();
    expectError(await asContact.get(`/api/v1/portal/tickets/${other}/attachments/${a.id}`), 404, 'ATTACHMENT_NOT_FOUND');
    expectError(await tech.get(`/api/v1/tickets/${other}/attachments/${a.id}`), 404, 'ATTACHMENT_NOT_FOUND');
    expectError(await asContact.get(`/api/v1/portal/tickets/${ticketId}/attachments/00000000-0000-4000-8000-000000000000`), 404, 'ATTACHMENT_NOT_FOUND');
  });
});

describe('the default attachment limit (25 MB)', () => {
  let node: TestApp & { close(): Promise<void> };
  beforeAll(async () => {
    node = await createTestApp();
  });
  afterAll(async () => {
    await node.close();
  });

  it('takes a file of several megabytes: no smaller request-body limit gets in the way', async () => {
    expect(node.ctx.config.attachmentMaxBytes).toBe(25 * 1024 * 1024);
    const c = await mintSession(node.app, node.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
    const res = await upload(c, portalUrl(), 'disk-image.txt', Buffer.alloc(3 * 1024 * 1024, 'c'));
    expectStatus(res, 201);
    expect(res.json<Attachment>().size).toBe(3 * 1024 * 1024);
  });
});
