import type { AppContext } from '../context.ts';

/** Tells every node that cached sessions of this person (or of the whole tenant, with null) are stale. */
export async function sessionsChanged(ctx: AppContext, tenantId: string, subjectId: string | null): Promise<void> {
  await ctx.bus.publish({ topic: 'sessions.changed', tenantId, subjectId });
}
