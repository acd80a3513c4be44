import { smsOutboxPageSchema, smsOutboxQuerySchema, smsSettingsBodySchema, smsSettingsSchema, smsTestAnswerSchema, smsTestBodySchema } from '@porta/contracts/sms';
import { isLanguage } from '@porta/i18n/languages';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { getSmsSettings, updateSmsSettings } from './sms-settings.service.ts';
import { sendTestSms } from './sms-test.ts';
import { listSms } from './sms.repo.ts';
import { presentSms } from './sms.presenter.ts';

const admin = { access: 'admin' } as const;
const tech = { access: 'technician' } as const;
const tags = ['sms'];

/** SS-6: SMS provider settings (admins), a test send, and the SMS outbox (technicians). */
export function smsRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/settings/sms', { config: admin, schema: { tags, response: { 200: smsSettingsSchema } } }, async (req) => getSmsSettings(ctx, technicianOf(req).tenantId));

  app.put('/api/v1/settings/sms', { config: admin, schema: { tags, body: smsSettingsBodySchema, response: { 200: smsSettingsSchema } } }, async (req) =>
    updateSmsSettings(ctx, technicianOf(req).tenantId, req.body),
  );

  app.post('/api/v1/settings/sms/test', { config: admin, schema: { tags, body: smsTestBodySchema, response: { 200: smsTestAnswerSchema } } }, async (req) => {
    const tech = technicianOf(req);
    return sendTestSms(ctx, tech.tenantId, req.body.to, isLanguage(tech.language) ? tech.language : 'en');
  });

  app.get('/api/v1/sms-outbox', { config: tech, schema: { tags, querystring: smsOutboxQuerySchema, response: { 200: smsOutboxPageSchema } } }, async (req) => {
    const page = await listSms(ctx.db, technicianOf(req).tenantId, req.query);
    return { items: page.items.map((r) => presentSms(ctx, r)), total: page.total, page: req.query.page, pageSize: req.query.pageSize };
  });
}
