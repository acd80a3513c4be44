import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../config.ts';
import { expectStatus } from '../../test/assertions.ts';
import { mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant } from '../../test/factories.ts';
import { multipartFile } from '../../test/multipart.ts';
import { openTicket } from '../../test/tickets.ts';
import { boot } from '../boot.ts';
import { backupEmbedded, BackupRefused, restoreEmbedded } from './backup.ts';
import { DataDirLockedError } from './data-dir-lock.ts';

const KEY = 'backup-drill-secret-key-0123456789abcdef';
const dirs: string[] = [];
const temp = (prefix: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

/** A real server on an embedded data directory (the CLI's configuration). */
async function serverOn(dataDir: string) {
  const config = loadConfig({ PORTA_DATA_DIR: dataDir, PORTA_SECRET_KEY: KEY, LOG_LEVEL: 'silent', PORTA_WEB_DIST: path.join(os.tmpdir(), 'porta-test-no-web-dist') });
  const booted = await boot(config);
  const { app } = await buildApp(booted.ctx, { logger: false });
  await app.ready();
  return {
    ...booted,
    app,
    async close() {
      await app.close();
      await booted.handle.close();
    },
  };
}

/** Issue 15 item 4: the restore drill. A backup restored into a new data directory holds every ticket, comment and attachment. */
describe('embedded backup and restore', () => {
  it('refuses while the server runs, then restores every ticket, comment and attachment into a new data directory, and never over a database', async () => {
    const original = temp('porta-backup-a-');
    const file = path.join(temp('porta-backup-file-'), 'porta.tar.gz');
    const a = await serverOn(original);
    const fx = await makeTenant(a.ctx);
    const customer = await makeCustomer(a.ctx, fx.tenant.id);
    const contact = await makeContact(a.ctx, fx.tenant.id, customer.id);
    const tech = await mintSession(a.app, a.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    const tickets = [];
    for (let i = 0; i < 3; i++) {
      const id = await openTicket(a.ctx, fx.tenant.id, contact.id, { subject: `Printer ${i}` });
      expectStatus(await tech.post(`/api/v1/tickets/${id}/comments`, { body: `Toner replaced ${i}` }), 201);
      tickets.push(id);
    }
    const bytes = Buffer.from(`%PDF-1.4 report ${'x'.repeat(5000)}`);
    const file0 = multipartFile('report.pdf', bytes, 'application/pdf');
    const uploaded = await tech.request('POST', `/api/v1/tickets/${tickets[0]}/attachments`, { body: file0.body, headers: file0.headers });
    expectStatus(uploaded, 201);
    const attachmentId = uploaded.json<{ id: string }>().id;

    await expect(backupEmbedded(original, a.ctx.config.attachmentsDir, file)).rejects.toBeInstanceOf(DataDirLockedError);
    expect(fs.existsSync(file)).toBe(false);
    await a.close();

    const made = await backupEmbedded(original, path.join(original, 'attachments'), file);
    expect(made.attachments).toBe(1);
    expect(fs.statSync(file).size).toBeGreaterThan(0);

    const restored = temp('porta-backup-b-');
    fs.rmSync(restored, { recursive: true });
    await restoreEmbedded(file, restored, path.join(restored, 'attachments'));
    await expect(restoreEmbedded(file, restored, path.join(restored, 'attachments'))).rejects.toBeInstanceOf(BackupRefused);

    const b = await serverOn(restored);
    try {
      const techB = await mintSession(b.app, b.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
      for (const [i, id] of tickets.entries()) {
        const ticket = await techB.get(`/api/v1/tickets/${id}`);
        expectStatus(ticket, 200);
        expect(ticket.json<{ subject: string }>().subject).toBe(`Printer ${i}`);
        const comments = await b.ctx.db.selectFrom('ticket_comments').select('body').where('tenant_id', '=', fx.tenant.id).where('ticket_id', '=', id).execute();
        expect(comments.map((c) => c.body)).toContain(`Toner replaced ${i}`);
      }
      const download = await techB.get(`/api/v1/tickets/${tickets[0]}/attachments/${attachmentId}`);
      expectStatus(download, 200);
      expect(download.body).toBe(bytes.toString('utf8'));
    } finally {
      await b.close();
    }
  }, 240_000);

  it('refuses a file that is not a Porta backup, writing nothing', async () => {
    const junk = path.join(temp('porta-backup-junk-'), 'junk.tar.gz');
    fs.writeFileSync(junk, 'not a tarball');
    const target = path.join(temp('porta-backup-c-'), 'data');
    await expect(restoreEmbedded(junk, target, path.join(target, 'attachments'))).rejects.toThrow();
    expect(fs.existsSync(path.join(target, 'pg'))).toBe(false);
  });
});
