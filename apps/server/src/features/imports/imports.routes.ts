import { IMPORT_MAX_BYTES, importPreviewBodySchema, importPreviewSchema, importReportSchema, importRunBodySchema } from '@porta/contracts/imports';
import type { Language } from '@porta/contracts/common';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import * as service from './imports.service.ts';
import { streamImport, wantsStream } from './import-stream.ts';

const tech = { access: 'technician' } as const;
const tags = ['imports'];
/** The file travels as a JSON string: escaped quotes and line breaks can double its size. */
const bodyLimit = 2 * IMPORT_MAX_BYTES + 1024 * 1024;

/** Issue 15 item 5: CSV imports of customers and contacts (docs/IMPORTS.md), for technicians as the customer and contact routes. */
export function importRoutes(app: ZodApp, ctx: AppContext): void {
  app.post('/api/v1/imports/preview', { config: tech, bodyLimit, schema: { tags, body: importPreviewBodySchema, response: { 200: importPreviewSchema } } }, async (req) => {
    technicianOf(req);
    return service.previewImport(req.body);
  });

  app.post(
    '/api/v1/imports',
    {
      config: tech,
      bodyLimit,
      schema: {
        tags,
        description:
          'Dry run (`dryRun: true`, the default) or import in one transaction. A real run asked with `Accept: application/x-ndjson` answers a stream of `{"type":"progress","done","total"}` lines and one `{"type":"result","report"}` (or `{"type":"error","code","message"}`) line.',
        body: importRunBodySchema,
        response: { 200: importReportSchema },
      },
    },
    async (req, reply) => {
      const tenant = { id: technicianOf(req).tenantId, defaultLanguage: tenantOf(req).defaultLanguage as Language };
      const lang = req.lang;
      if (req.body.dryRun || !wantsStream(req)) return service.runImport(ctx, tenant, req.body, lang);
      return streamImport(req, reply, lang, (progress) => service.runImport(ctx, tenant, req.body, lang, progress));
    },
  );
}
