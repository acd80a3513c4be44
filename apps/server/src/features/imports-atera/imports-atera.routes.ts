import { ateraImportResumeSchema, ateraImportStartSchema, ateraImportStatusSchema } from '@porta/contracts/imports-atera';
import { technicianOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { cancelImport, importStatus, resumeImport, startImport } from './imports-atera.service.ts';

const admin = { access: 'admin' } as const;
const tags = ['imports'];
const base = '/api/v1/imports/atera';
const response = { 200: ateraImportStatusSchema };

/** Issue 15 item 5: Admin > Import from Atera. Admins only: the import writes customers, contacts, tickets and articles. */
export function ateraImportRoutes(app: ZodApp, ctx: AppContext): void {
  app.get(base, { config: admin, schema: { tags, response } }, async (req) => importStatus(ctx, technicianOf(req).tenantId, req.lang));

  app.post(base, { config: admin, schema: { tags, body: ateraImportStartSchema, response } }, async (req) => {
    const me = technicianOf(req);
    return startImport(ctx, me.tenantId, me.id, req.body, req.lang);
  });

  app.post(`${base}/resume`, { config: admin, schema: { tags, body: ateraImportResumeSchema, response } }, async (req) => resumeImport(ctx, technicianOf(req).tenantId, req.body, req.lang));

  app.post(`${base}/cancel`, { config: admin, schema: { tags, response } }, async (req) => cancelImport(ctx, technicianOf(req).tenantId, req.lang));
}
