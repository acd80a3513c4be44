import { idParamsSchema } from '@porta/contracts/common';
import { contactDetailSchema } from '@porta/contracts/contacts';
import {
  mailSettingsPatchSchema,
  mailSettingsSchema,
  outboxListQuerySchema,
  outboxMailDetailSchema,
  outboxPageSchema,
  welcomePreviewBodySchema,
  welcomePreviewSchema,
  welcomeSendBodySchema,
} from '@porta/contracts/mail';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { presentContact } from '../contacts/contacts.presenter.ts';
import { credentialsOf } from '../contacts/contacts.service.ts';
import { getMailSettings, updateMailSettings } from './mail-settings.service.ts';
import * as outbox from './outbox.repo.ts';
import { presentMail, presentMailDetail } from './outbox.presenter.ts';
import { previewWelcome, sendWelcomeAgain } from './welcome.ts';

const admin = { access: 'admin' } as const;
const tech = { access: 'technician' } as const;
const tags = ['mail'];

/** Issue 5: mail settings, the outbox (console "Outbox" page), the welcome mail. */
export function mailRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/settings/mail', { config: admin, schema: { tags, response: { 200: mailSettingsSchema } } }, async (req) => getMailSettings(ctx, technicianOf(req).tenantId));

  app.patch('/api/v1/settings/mail', { config: admin, schema: { tags, body: mailSettingsPatchSchema, response: { 200: mailSettingsSchema } } }, async (req) =>
    updateMailSettings(ctx, technicianOf(req).tenantId, req.body),
  );

  app.post('/api/v1/settings/portal/welcome-preview', { config: admin, schema: { tags, body: welcomePreviewBodySchema, response: { 200: welcomePreviewSchema } } }, async (req) =>
    previewWelcome(ctx, technicianOf(req).tenantId, req.body),
  );

  app.get('/api/v1/mail/outbox', { config: admin, schema: { tags, querystring: outboxListQuerySchema, response: { 200: outboxPageSchema } } }, async (req) => {
    const page = await outbox.listMails(ctx.db, technicianOf(req).tenantId, req.query);
    return { items: page.items.map(presentMail), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
  });

  app.get('/api/v1/mail/outbox/:id', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: outboxMailDetailSchema } } }, async (req) => {
    const row = await outbox.findMail(ctx.db, technicianOf(req).tenantId, req.params.id);
    if (!row) throw new AppError('OUTBOX_MAIL_NOT_FOUND');
    return presentMailDetail(ctx, row);
  });

  app.post('/api/v1/mail/outbox/:id/retry', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: outboxMailDetailSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    const row = await outbox.findMail(ctx.db, tenantId, req.params.id);
    if (!row) throw new AppError('OUTBOX_MAIL_NOT_FOUND');
    if (!(await outbox.requeueMail(ctx.db, tenantId, row.id))) throw new AppError('MAIL_NOT_RETRYABLE');
    const again = await outbox.findMail(ctx.db, tenantId, row.id);
    if (!again) throw new AppError('OUTBOX_MAIL_NOT_FOUND');
    return presentMailDetail(ctx, again);
  });

  app.post(
    '/api/v1/contacts/:id/welcome-email',
    { config: tech, schema: { tags: ['contacts'], params: idParamsSchema, body: welcomeSendBodySchema, response: { 200: contactDetailSchema } } },
    async (req) => {
      const row = await sendWelcomeAgain(ctx, technicianOf(req).tenantId, req.params.id, req.body?.regeneratePassword === true);
      return { contact: presentContact(row), credentials: credentialsOf(ctx, row) };
    },
  );
}
