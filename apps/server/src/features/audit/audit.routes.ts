import { auditChainSchema, auditPageSchema, auditQuerySchema } from '@porta/contracts/self-service';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { auditLabels } from './audit-labels.ts';
import { listAudit } from './audit.repo.ts';
import { verifyChain } from './audit-verify.ts';

/** SS-7: technicians read the whole audit log of their tenant. */
export function auditRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/audit', { config: { access: 'technician' }, schema: { tags: ['audit'], querystring: auditQuerySchema, response: { 200: auditPageSchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    const page = await listAudit(ctx.db, tenantId, req.query);
    const labels = await auditLabels(ctx.db, tenantId, page.items.flatMap((r) => [r.actor, r.subject]));
    return {
      items: page.items.map((r) => ({
        seq: Number(r.seq),
        at: new Date(r.at).toISOString(),
        actor: r.actor,
        event: r.event,
        subject: r.subject,
        data: r.data,
        actorLabel: labels.get(r.actor) ?? null,
        subjectLabel: labels.get(r.subject) ?? null,
      })),
      total: page.total,
      page: req.query.page,
      pageSize: req.query.pageSize,
    };
  });

  app.get('/api/v1/audit/verify', { config: { access: 'technician' }, schema: { tags: ['audit'], response: { 200: auditChainSchema } } }, async (req) => {
    const report = await verifyChain(ctx.db, technicianOf(req).tenantId);
    return { ok: report.ok, rows: report.rows, brokenAt: report.ok ? null : report.brokenAt };
  });
}
