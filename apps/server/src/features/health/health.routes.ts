import { sql } from 'kysely';
import { tenantInfoSchema } from '@porta/contracts/portal';
import { z } from 'zod';
import type { Language } from '@porta/contracts/common';
import type { AppContext } from '../../platform/context.ts';
import { tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';

const healthSchema = z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) });

export function healthRoutes(app: ZodApp, ctx: AppContext): void {
  // Outside /api/v1: load balancers probe it without a tenant.
  app.get('/healthz', { schema: { tags: ['health'], response: { 200: healthSchema } } }, async () => {
    await sql`select 1`.execute(ctx.db);
    return { status: 'ok' as const, db: ctx.engine };
  });

  app.get('/api/v1/tenant', { config: { access: 'public' }, schema: { tags: ['tenant'], response: { 200: tenantInfoSchema } } }, async (req) => {
    const t = tenantOf(req);
    return { name: t.name, slug: t.slug, defaultLanguage: t.defaultLanguage as Language };
  });
}
