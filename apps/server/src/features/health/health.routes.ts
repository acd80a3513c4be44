import { sql } from 'kysely';
import { tenantInfoSchema } from '@porta/contracts/portal';
import { z } from 'zod';
import type { Language } from '@porta/contracts/common';
import type { AppContext } from '../../platform/context.ts';
import { tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { migrationsCurrent } from '../../platform/db/migrate.ts';

const engineSchema = z.enum(['pglite', 'postgres']);
const healthSchema = z.object({ status: z.literal('ok'), db: engineSchema });
const unhealthySchema = z.object({ status: z.literal('unavailable'), db: engineSchema });
const readySchema = z.object({ status: z.literal('ready'), db: engineSchema });
const notReadySchema = z.object({ status: z.literal('not-ready'), db: engineSchema, reason: z.enum(['database', 'migrations']), pending: z.array(z.string()), unknown: z.array(z.string()) });

export function healthRoutes(app: ZodApp, ctx: AppContext): void {
  // Outside /api/v1: load balancers probe it without a tenant.
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: healthSchema, 503: unhealthySchema } } }, async (req, reply) => {
    try {
      await sql`select 1`.execute(ctx.db);
    } catch (err) {
      req.log.error({ err }, 'health check: database unreachable');
      return reply.status(503).send({ status: 'unavailable' as const, db: ctx.engine });
    }
    return { status: 'ok' as const, db: ctx.engine };
  });

  // Readiness (issue 15 item 3): the database answers and its schema is this code's (migrations
  // are applied at start; a node older than the database, or one still migrating, is not ready).
  app.get('/readyz', { schema: { tags: ['health'], response: { 200: readySchema, 503: notReadySchema } } }, async (req, reply) => {
    let state: Awaited<ReturnType<typeof migrationsCurrent>>;
    try {
      state = await migrationsCurrent(ctx.db);
    } catch (err) {
      req.log.error({ err }, 'readiness: database unreachable');
      return reply.status(503).send({ status: 'not-ready' as const, db: ctx.engine, reason: 'database' as const, pending: [], unknown: [] });
    }
    if (!state.current) return reply.status(503).send({ status: 'not-ready' as const, db: ctx.engine, reason: 'migrations' as const, pending: state.pending, unknown: state.unknown });
    return { status: 'ready' as const, db: ctx.engine };
  });

  app.get('/api/v1/tenant', { config: { access: 'public' }, schema: { tags: ['tenant'], response: { 200: tenantInfoSchema } } }, async (req) => {
    const t = tenantOf(req);
    return { name: t.name, slug: t.slug, defaultLanguage: t.defaultLanguage as Language };
  });
}
