import { apiKeyCreateSchema, apiKeyCreatedSchema, apiKeyListSchema, apiKeySchema, type ApiKey } from '@porta/contracts/api-keys';
import { idParamsSchema } from '@porta/contracts/common';
import type { AppContext } from '../../platform/context.ts';
import { technicianOf } from '../../platform/auth/guard.ts';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { AppError } from '../../platform/errors.ts';
import * as repo from './api-keys.repo.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';

const admin = { access: 'admin', apiKey: false } as const;
const tags = ['api-keys'];

function present(row: repo.ApiKeyView): ApiKey {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    prefix: row.prefix,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
    createdBy: row.created_by,
  };
}

async function mustFind(ctx: AppContext, tenantId: string, id: string) {
  const row = await repo.findApiKey(ctx.db, tenantId, id);
  if (!row) throw new AppError('API_KEY_NOT_FOUND');
  return row;
}

/** keys for integrations, shown once, stored as a hash, read-only or read-write, revocable. Managed only from a signed-in admin session. */
export function apiKeyRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/api-keys', { config: admin, schema: { tags, response: { 200: apiKeyListSchema } } }, async (req) => ({
    items: (await repo.listApiKeys(ctx.db, technicianOf(req).tenantId)).map(present),
  }));

  app.post('/api/v1/api-keys', { config: admin, schema: { tags, body: apiKeyCreateSchema, response: { 201: apiKeyCreatedSchema } } }, async (req, reply) => {
    const me = technicianOf(req);
    const secret = `porta_${randomToken(30)}`;
    const { id } = await repo.insertApiKey(ctx.db, me.tenantId, {
      technicianId: me.id,
      name: req.body.name,
      scope: req.body.scope,
      prefix: secret.slice(0, 12),
      secretHash: hashToken(secret),
    });
    return reply.status(201).send({ apiKey: present(await mustFind(ctx, me.tenantId, id)), secret });
  });

  app.delete('/api/v1/api-keys/:id', { config: admin, schema: { tags, params: idParamsSchema, response: { 200: apiKeySchema } } }, async (req) => {
    const tenantId = technicianOf(req).tenantId;
    await mustFind(ctx, tenantId, req.params.id);
    await repo.revokeApiKey(ctx.db, tenantId, req.params.id);
    const revoked = await mustFind(ctx, tenantId, req.params.id);
    // Live streams opened with the key end now on every node (they re-check it), not at their next ping.
    await sessionsChanged(ctx, tenantId, revoked.technician_id);
    return present(revoked);
  });
}
