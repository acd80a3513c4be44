import { brandingImageBodySchema, brandingImageKindSchema, brandingPatchSchema, brandingSchema } from '@porta/contracts/branding';
import { z } from 'zod';
import { technicianOf, tenantOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { readImage } from './branding.repo.ts';
import { getBranding, removeImage, setImage, updateBranding } from './branding.service.ts';

const admin = { access: 'admin' } as const;
const tags = ['settings'];
const kindParams = z.strictObject({ kind: brandingImageKindSchema });
const imageParams = z.strictObject({ kind: brandingImageKindSchema, hash: z.string().regex(/^[0-9a-f]{32}$/) });

/** D-1, D-4: the portal address and the tenant's branding (Admin > Customer portal), and its images. */
export function brandingRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/settings/branding', { config: admin, schema: { tags, response: { 200: brandingSchema } } }, async (req) => getBranding(ctx, technicianOf(req).tenantId));
  app.patch('/api/v1/settings/branding', { config: admin, schema: { tags, body: brandingPatchSchema, response: { 200: brandingSchema } } }, async (req) =>
    updateBranding(ctx, technicianOf(req).tenantId, req.body),
  );
  app.put('/api/v1/settings/branding/:kind', { config: admin, schema: { tags, params: kindParams, body: brandingImageBodySchema, response: { 200: brandingSchema } } }, async (req) =>
    setImage(ctx, technicianOf(req).tenantId, req.params.kind, req.body.data),
  );
  app.delete('/api/v1/settings/branding/:kind', { config: admin, schema: { tags, params: kindParams, response: { 200: brandingSchema } } }, async (req) =>
    removeImage(ctx, technicianOf(req).tenantId, req.params.kind),
  );

  // Public (the sign-in page shows the logo), but only the Host's tenant's image: another
  // tenant's hash is a 404. The hash names the content, so the answer never changes.
  app.get('/api/v1/branding/:kind/:hash', { config: { access: 'public' }, schema: { tags: ['tenant'], params: imageParams } }, async (req, reply) => {
    const image = await readImage(ctx.db, tenantOf(req).id, req.params.kind, req.params.hash);
    if (!image) throw new AppError('NOT_FOUND');
    const etag = `"${req.params.hash}"`;
    reply
      .header('content-type', image.type)
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('etag', etag);
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.send(image.bytes);
  });
}
