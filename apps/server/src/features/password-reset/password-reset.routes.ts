import { okSchema } from '@porta/contracts/common';
import { forgotPasswordBodySchema, resetPasswordBodySchema } from '@porta/contracts/mail';
import type { AppContext } from '../../platform/context.ts';
import { tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { requestPasswordReset, resetPassword } from './password-reset.service.ts';

const open = { access: 'public' } as const;
const tags = ['portal'];

/** forgotten portal passwords. */
export function passwordResetRoutes(app: ZodApp, ctx: AppContext): void {
  app.post('/api/v1/portal/auth/forgot-password', { config: open, schema: { tags, body: forgotPasswordBodySchema, response: { 200: okSchema } } }, async (req) => {
    await requestPasswordReset(ctx, tenantOf(req).id, req.body.login);
    return { ok: true as const };
  });
  app.post('/api/v1/portal/auth/reset-password', { config: open, schema: { tags, body: resetPasswordBodySchema, response: { 200: okSchema } } }, async (req) => {
    await resetPassword(ctx, tenantOf(req).id, req.body.token, req.body.newPassword);
    return { ok: true as const };
  });
}
