import { enrolRequestSchema, enrolResponseSchema } from '@porta/agent-protocol';
import { idParamsSchema } from '@porta/contracts/common';
import { enrolmentTokenCreateSchema, enrolmentTokenCreatedSchema, enrolmentTokenListQuerySchema, enrolmentTokenListSchema } from '@porta/contracts/devices';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import { assertNotThrottled, recordFailure, type ThrottleRule } from '../../platform/auth/throttle.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import * as repo from './enrolment.repo.ts';
import { createEnrolmentToken, enrolDevice } from './enrolment.service.ts';

const tech = { access: 'technician' } as const;
const QUARTER_HOUR = 15 * 60_000;

/**
 * Enrolment is open to anyone holding a token, so it is rate limited per client IP in the
 * database (holds across nodes): 120 enrolments a quarter hour (a roll-out behind one NAT),
 * and 10 refused tokens a quarter hour (guessing).
 */
const enrolRules = (tenantId: string, ip: string): ThrottleRule[] => [{ key: `enrol-ip:${tenantId}:${ip}`, limit: 120, windowMs: QUARTER_HOUR, blockMs: QUARTER_HOUR }];
const refusedRules = (tenantId: string, ip: string): ThrottleRule[] => [{ key: `enrol-refused:${tenantId}:${ip}`, limit: 10, windowMs: QUARTER_HOUR, blockMs: QUARTER_HOUR }];

/** SS-1: per-customer enrolment tokens (technicians) and the agents' enrolment. */
export function enrolmentRoutes(app: ZodApp, ctx: AppContext): void {
  app.post('/api/v1/enrolment-tokens', { config: tech, schema: { tags: ['devices'], body: enrolmentTokenCreateSchema, response: { 201: enrolmentTokenCreatedSchema } } }, async (req, reply) => {
    const me = technicianOf(req);
    const made = await createEnrolmentToken(ctx, me.tenantId, req.body.customerId, me.id);
    return reply.status(201).send({ id: made.id, token: made.token, expiresAt: made.expiresAt.toISOString() });
  });

  app.get('/api/v1/enrolment-tokens', { config: tech, schema: { tags: ['devices'], querystring: enrolmentTokenListQuerySchema, response: { 200: enrolmentTokenListSchema } } }, async (req) => {
    const rows = await repo.listTokens(ctx.db, technicianOf(req).tenantId, req.query.customerId);
    const iso = (d: Date | null) => (d ? d.toISOString() : null);
    return { items: rows.map((r) => ({ id: r.id, customerId: r.customer_id, expiresAt: r.expires_at.toISOString(), revokedAt: iso(r.revoked_at), usedAt: iso(r.used_at), createdAt: r.created_at.toISOString() })) };
  });

  app.delete('/api/v1/enrolment-tokens/:id', { config: tech, schema: { tags: ['devices'], params: idParamsSchema } }, async (req, reply) => {
    if (!(await repo.revokeToken(ctx.db, technicianOf(req).tenantId, req.params.id))) throw new AppError('ENROLMENT_TOKEN_NOT_FOUND');
    return reply.status(204).send();
  });

  app.post('/api/v1/agent/enrol', { config: { access: 'public' }, schema: { tags: ['agent'], body: enrolRequestSchema, response: { 201: enrolResponseSchema } } }, async (req, reply) => {
    const tenantId = tenantOf(req).id;
    const rules = [...enrolRules(tenantId, req.ip), ...refusedRules(tenantId, req.ip)];
    await assertNotThrottled(ctx, rules);
    await recordFailure(ctx, enrolRules(tenantId, req.ip));
    try {
      return reply.status(201).send(await enrolDevice(ctx, tenantId, req.body));
    } catch (err) {
      if (err instanceof AppError && err.code === 'ENROLMENT_TOKEN_INVALID') await recordFailure(ctx, refusedRules(tenantId, req.ip));
      throw err;
    }
  });
}
