import { idParamsSchema } from '@porta/contracts/common';
import { customerActionPoliciesBodySchema, customerActionPoliciesSchema } from '@porta/contracts/self-service';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { customerActionPolicies, writeCustomerActionPolicies } from './action-policy.ts';

const tech = { access: 'technician' } as const;
const admin = { access: 'admin' } as const;
const tags = ['self-service'];

/**
 * Issue 13 item 5: a customer's override of the tenant's action modes (Console > customer page).
 * Technicians read it; admins change it (like the tenant defaults in /settings/self-service).
 */
export function actionPolicyRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/customers/:id/action-policies', { config: tech, schema: { tags, params: idParamsSchema, response: { 200: customerActionPoliciesSchema } } }, async (req) =>
    customerActionPolicies(ctx.db, technicianOf(req).tenantId, req.params.id),
  );

  app.put('/api/v1/customers/:id/action-policies', { config: admin, schema: { tags, params: idParamsSchema, body: customerActionPoliciesBodySchema, response: { 200: customerActionPoliciesSchema } } }, async (req) => {
    const t = technicianOf(req);
    await ctx.db.transaction().execute(async (trx) => {
      await writeCustomerActionPolicies(trx, t.tenantId, req.params.id, req.body.overrides);
      await appendAudit(trx, t.tenantId, { actor: `technician:${t.id}`, event: 'action-policies.changed', subject: `customer:${req.params.id}`, data: { overrides: req.body.overrides } });
    });
    return customerActionPolicies(ctx.db, t.tenantId, req.params.id);
  });
}
