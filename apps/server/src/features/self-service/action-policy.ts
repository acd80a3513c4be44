import { type ActionPolicies, type ActionPoliciesPatch, type ActionPolicy, actionPoliciesPatchSchema, type SelfServiceAction } from '@porta/contracts/self-service';
import type { Db } from '../../platform/db/db.ts';
import { AppError } from '../../platform/errors.ts';

/**
 * Issue 13 item 5: per action kind, `allowed` | `confirm` | `approval`. The tenant sets the
 * default, a customer may override it. A missing key means `allowed` (today's behaviour).
 */
export const ACTION_KINDS: readonly SelfServiceAction[] = ['restart', 'lock', 'shutdown', 'reset-password', 'logout', 'install-software'];

/** How long a request waits for a confirmation or an approval before it lapses. */
export const PENDING_TTL_MS = 24 * 60 * 60 * 1000;

/** A stored map (jsonb) read defensively: unknown keys and values are ignored. */
export function readOverrides(raw: unknown): ActionPoliciesPatch {
  const parsed = actionPoliciesPatchSchema.safeParse(raw ?? {});
  if (parsed.success) return parsed.data;
  const out: ActionPoliciesPatch = {};
  if (raw && typeof raw === 'object') {
    for (const k of ACTION_KINDS) {
      const v = (raw as Record<string, unknown>)[k];
      if (v === 'allowed' || v === 'confirm' || v === 'approval') out[k] = v;
    }
  }
  return out;
}

export function withDefaults(raw: unknown, base?: ActionPolicies): ActionPolicies {
  const o = readOverrides(raw);
  const b = base ?? null;
  const pick = (k: SelfServiceAction): ActionPolicy => o[k] ?? b?.[k] ?? 'allowed';
  return { restart: pick('restart'), lock: pick('lock'), shutdown: pick('shutdown'), 'reset-password': pick('reset-password'), logout: pick('logout'), 'install-software': pick('install-software') };
}

async function tenantDefaults(db: Db, tenantId: string): Promise<ActionPolicies> {
  const row = await db.selectFrom('self_service_settings').select('action_policies').where('tenant_id', '=', tenantId).executeTakeFirst();
  return withDefaults(row?.action_policies);
}

export async function customerActionPolicies(db: Db, tenantId: string, customerId: string): Promise<{ overrides: ActionPoliciesPatch; effective: ActionPolicies; tenantDefaults: ActionPolicies }> {
  const row = await db.selectFrom('customers').select('action_policies').where('tenant_id', '=', tenantId).where('id', '=', customerId).executeTakeFirst();
  if (!row) throw new AppError('CUSTOMER_NOT_FOUND');
  const defaults = await tenantDefaults(db, tenantId);
  const overrides = readOverrides(row.action_policies);
  return { overrides, effective: withDefaults(overrides, defaults), tenantDefaults: defaults };
}

export async function writeCustomerActionPolicies(db: Db, tenantId: string, customerId: string, overrides: ActionPoliciesPatch): Promise<void> {
  const r = await db.updateTable('customers').set({ action_policies: JSON.stringify(overrides) }).where('tenant_id', '=', tenantId).where('id', '=', customerId).executeTakeFirst();
  if (r.numUpdatedRows === 0n) throw new AppError('CUSTOMER_NOT_FOUND');
}

/** The mode for one action of one customer's contact. */
export async function policyFor(db: Db, tenantId: string, customerId: string, action: SelfServiceAction): Promise<ActionPolicy> {
  return (await customerActionPolicies(db, tenantId, customerId)).effective[action];
}
