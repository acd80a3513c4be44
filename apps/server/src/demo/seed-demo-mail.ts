import type { AppContext } from '../platform/context.ts';
import { receiveMail } from '../features/mail-inbound/inbound.service.ts';
import { silentLog } from '../features/mail/worker-log.ts';
import { updatePortalSettings } from '../features/portal-settings/portal-settings.service.ts';

const mail = (from: string, to: string, subject: string, id: string, body: string, extra: string[] = []) =>
  Buffer.from(
    [`From: ${from}`, `To: ${to}`, `Subject: ${subject}`, `Message-ID: <${id}@demo.example>`, 'Date: Mon, 02 Nov 2026 09:15:00 +0100', ...extra, 'Content-Type: text/plain; charset=utf-8', '', body, ''].join('\r\n'),
  );

/**
 * Issue 5 in the demo: welcome e-mails on (kept in the Outbox when no SMTP is configured), and
 * received mail through the real inbound pipeline: a new colleague at a customer's domain opens a
 * ticket (and becomes a contact), an out-of-office reply is ignored.
 */
export async function seedDemoMail(ctx: AppContext, tenantId: string, inbound: string): Promise<void> {
  await updatePortalSettings(ctx, tenantId, { welcomeEmail: { enabled: true } });
  await receiveMail(
    ctx,
    silentLog,
    tenantId,
    mail('Paola Neri <paola.neri@rossicostruzioni.example>', inbound, 'Scanner in the site office does not save to the share', 'demo-scan-1', 'Since this morning the scanner says "access denied" when saving to \\\\server\\scans.\n\nPaola'),
    'paola.neri@rossicostruzioni.example',
  );
  await receiveMail(
    ctx,
    silentLog,
    tenantId,
    mail('Jean Dupont <jean@dupont-fils.example>', inbound, 'Absence: back on Monday', 'demo-ooo-1', 'I am out of the office until Monday.', ['Auto-Submitted: auto-replied']),
    'jean@dupont-fils.example',
  );
}
