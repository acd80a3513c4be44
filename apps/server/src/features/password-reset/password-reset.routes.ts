import { okSchema } from '@porta/contracts/common';
import { forgotPasswordBodySchema, resetPasswordBodySchema } from '@porta/contracts/mail';
import type { AppContext } from '../../platform/context.ts';
import { tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { assertNotThrottled, recordFailure, type ThrottleRule } from '../../platform/auth/throttle.ts';
import { requestPasswordReset, resetPassword } from './password-reset.service.ts';

const open = { access: 'public' } as const;
const QUARTER_HOUR = 15 * 60_000;

/** Reset mails are capped per client IP (20 requests a quarter hour), so the form cannot be used to flood inboxes. */
const requestRules = (tenantId: string, ip: string): ThrottleRule[] => [{ key: `reset-ip:${tenantId}:${ip}`, limit: 20, windowMs: QUARTER_HOUR, blockMs: QUARTER_HOUR }];
const tags = ['portal'];

/** forgotten portal passwords. */
export function passwordResetRoutes(app: ZodApp, ctx: AppContext): void {
  app.post('/api/v1/portal/auth/forgot-password', { config: open, schema: { tags, body: forgotPasswordBodySchema, response: { 200: okSchema } } }, async (req) => {
    const rules = requestRules(tenantOf(req).id, req.ip);
    await assertNotThrottled(ctx, rules);
    await recordFailure(ctx, rules);
    await requestPasswordReset(ctx, tenantOf(req).id, req.body.login);
    return { ok: true as const };
  });
  app.post('/api/v1/portal/auth/reset-password', { config: open, schema: { tags, body: resetPasswordBodySchema, response: { 200: okSchema } } }, async (req) => {
    await resetPassword(ctx, tenantOf(req).id, req.body.token, req.body.newPassword);
    return { ok: true as const };
  });
}
