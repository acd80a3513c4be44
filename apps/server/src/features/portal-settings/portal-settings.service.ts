import { DEFAULT_TICKET_FIELDS, type PortalSettings, type portalSettingsPatchSchema } from '@porta/contracts/portal-settings';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';
import { sessionsChanged } from '../../platform/auth/sessions-changed.ts';
import { listStatuses } from '../ticket-statuses/ticket-statuses.repo.ts';
import { resolvePortalSettings } from './portal-settings.model.ts';
import { nextAssistantOptions } from '../assistant/assistant-options.service.ts';
import { readStoredSettings, writeSettings } from './portal-settings.repo.ts';

export async function getPortalSettings(ctx: AppContext, tenantId: string): Promise<PortalSettings> {
  return resolvePortalSettings(await readStoredSettings(ctx.db, tenantId));
}

type Patch = z.infer<typeof portalSettingsPatchSchema>;

/** Checks references (customers, statuses, fields) belong to the tenant, then saves; no partial write. */
export async function updatePortalSettings(ctx: AppContext, tenantId: string, patch: Patch): Promise<PortalSettings> {
  const saved = await ctx.db.transaction().execute(async (trx) => {
    const current = await withoutStaleReferences(trx, tenantId, resolvePortalSettings(await readStoredSettings(trx, tenantId)));
    const sections = { ...current.sections, ...patch.sections };
    const customerIds = [...new Set(Object.values(sections).flatMap((s) => s.customerIds))];
    if (customerIds.length > 0) {
      const found = await trx.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', 'in', customerIds).execute();
      if (found.length !== customerIds.length) throw new AppError('CUSTOMER_NOT_FOUND');
    }
    const tickets = { ...current.tickets, ...patch.tickets };
    const statusKeys = new Set((await listStatuses(trx, tenantId)).map((s) => s.key));
    const unknownStatus = tickets.visibleStatuses.find((k) => !statusKeys.has(k));
    if (unknownStatus) throw new AppError('STATUS_NOT_FOUND');
    const fieldVisibility = { ...current.fieldVisibility, ...patch.fieldVisibility };
    await assertFieldKeys(trx, tenantId, fieldVisibility);
    const welcomeEmail = {
      enabled: patch.welcomeEmail?.enabled ?? current.welcomeEmail.enabled,
      templates: { ...current.welcomeEmail.templates, ...patch.welcomeEmail?.templates },
    };
    const assistant = await nextAssistantOptions(ctx, trx, tenantId, current.assistant, patch.assistant);
    const next: PortalSettings = { sections, tickets: { ...tickets, visibleStatuses: [...new Set(tickets.visibleStatuses)] }, fieldVisibility, welcomeEmail, assistant };
    await writeSettings(trx, tenantId, next);
    return next;
  });
  // Contacts carry the settings in their cached sessions: the change applies at their next request.
  await sessionsChanged(ctx, tenantId, null);
  return saved;
}

const DEFAULT_FIELDS = new Set<string>(DEFAULT_TICKET_FIELDS);

/**
 * The stored settings without what the tenant has since deleted (a selected customer, a visible
 * status, a custom field's visibility): only what a patch names itself is refused when unknown,
 * so a deletion elsewhere never locks the settings page.
 */
async function withoutStaleReferences(db: Db, tenantId: string, s: PortalSettings): Promise<PortalSettings> {
  const ids = [...new Set(Object.values(s.sections).flatMap((x) => x.customerIds))];
  const customers = new Set(ids.length === 0 ? [] : (await db.selectFrom('customers').select('id').where('tenant_id', '=', tenantId).where('id', 'in', ids).execute()).map((r) => r.id));
  const statuses = new Set((await listStatuses(db, tenantId)).map((x) => x.key));
  const fields = new Set((await db.selectFrom('custom_fields').select('key').where('tenant_id', '=', tenantId).execute()).map((r) => `custom.${r.key}`));
  const sections = { ...s.sections };
  for (const key of Object.keys(sections) as (keyof PortalSettings['sections'])[]) {
    sections[key] = { ...sections[key], customerIds: sections[key].customerIds.filter((id) => customers.has(id)) };
  }
  return {
    ...s,
    sections,
    tickets: { ...s.tickets, visibleStatuses: s.tickets.visibleStatuses.filter((k) => statuses.has(k)) },
    fieldVisibility: Object.fromEntries(Object.entries(s.fieldVisibility).filter(([k]) => DEFAULT_FIELDS.has(k) || fields.has(k))),
  };
}

/** T-6: default fields take edit/readonly/hidden; custom fields (`custom.<key>`) only edit/hidden. */
async function assertFieldKeys(db: Db, tenantId: string, visibility: Record<string, string>) {
  const customKeys = Object.keys(visibility).filter((k) => !DEFAULT_FIELDS.has(k));
  const wanted = customKeys.map((k) => k.replace(/^custom\./, ''));
  const notCustom = customKeys.find((k) => !k.startsWith('custom.'));
  if (notCustom) throw new AppError('CUSTOM_FIELD_NOT_FOUND', { field: notCustom });
  if (customKeys.some((k) => visibility[k] === 'readonly')) throw new AppError('FIELD_VISIBILITY_INVALID');
  if (wanted.length === 0) return;
  const found = await db.selectFrom('custom_fields').select('key').where('tenant_id', '=', tenantId).where('key', 'in', wanted).execute();
  const known = new Set(found.map((f) => f.key));
  const unknown = wanted.find((k) => !known.has(k));
  if (unknown !== undefined) throw new AppError('CUSTOM_FIELD_NOT_FOUND', { field: unknown });
}
