import { idParamsSchema } from '@porta/contracts/common';
import { inboundListQuerySchema, inboundPageSchema } from '@porta/contracts/mail';
import { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import type { WorkerLog } from '../mail/worker-log.ts';
import { reprocessFailed } from './inbound.service.ts';
import * as repo from './inbound.repo.ts';

const admin = { access: 'admin' } as const;
const tags = ['mail'];

/** T-9: what arrived by mail, and the failed-mail store's "process again". */
export function inboundRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/mail/inbound', { config: admin, schema: { tags, querystring: inboundListQuerySchema, response: { 200: inboundPageSchema } } }, async (req) => {
    const page = await repo.listInbound(ctx.db, technicianOf(req).tenantId, req.query);
    return {
      items: page.items.map((r) => ({
        id: r.id,
        from: r.from_address,
        subject: r.subject,
        messageId: r.message_id,
        status: r.status,
        reason: r.reason,
        ticketId: r.ticket_id,
        receivedAt: r.received_at.toISOString(),
      })),
      total: page.total,
      page: req.query.page,
      pageSize: req.query.pageSize,
    };
  });

  app.post(
    '/api/v1/mail/inbound/:id/reprocess',
    { config: admin, schema: { tags, params: idParamsSchema, response: { 200: z.object({ outcome: z.enum(['ticket', 'comment', 'ignored', 'rejected', 'failed', 'duplicate']) }) } } },
    async (req) => {
      const outcome = await reprocessFailed(ctx, req.log as WorkerLog, technicianOf(req).tenantId, req.params.id);
      if (!outcome) throw new AppError('INBOUND_MAIL_NOT_FOUND');
      return { outcome };
    },
  );
}
