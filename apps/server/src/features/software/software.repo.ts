import type { ActionPolicies } from '@porta/contracts/self-service';
import type { Db } from '../../platform/db/db.ts';
import { withDefaults } from '../self-service/action-policy.ts';

export interface PackageFields {
  name: string;
  chocolateyId: string | null;
  homebrewFormula: string | null;
  homebrewCask: string | null;
  wingetId: string | null;
  aliases: string[];
}

const COLUMNS = ['id', 'name', 'chocolatey_id', 'homebrew_formula', 'homebrew_cask', 'winget_id', 'aliases'] as const;

function columns(p: Partial<PackageFields>) {
  return {
    ...(p.name !== undefined && { name: p.name }),
    ...(p.chocolateyId !== undefined && { chocolatey_id: p.chocolateyId }),
    ...(p.homebrewFormula !== undefined && { homebrew_formula: p.homebrewFormula }),
    ...(p.homebrewCask !== undefined && { homebrew_cask: p.homebrewCask }),
    ...(p.wingetId !== undefined && { winget_id: p.wingetId }),
    ...(p.aliases !== undefined && { aliases: p.aliases }),
  };
}

export function listPackages(db: Db, tenantId: string) {
  return db.selectFrom('software_packages').select(COLUMNS).where('tenant_id', '=', tenantId).orderBy('name').limit(1000).execute();
}
export type PackageRow = Awaited<ReturnType<typeof listPackages>>[number];

export function findPackage(db: Db, tenantId: string, id: string) {
  return db.selectFrom('software_packages').select(COLUMNS).where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
}

export function insertPackage(db: Db, tenantId: string, p: PackageFields) {
  return db.insertInto('software_packages').values({ tenant_id: tenantId, ...columns(p), name: p.name }).returning(COLUMNS).executeTakeFirstOrThrow();
}

export function updatePackage(db: Db, tenantId: string, id: string, p: Partial<PackageFields>) {
  return db.updateTable('software_packages').set({ ...columns(p), updated_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', id).returning(COLUMNS).executeTakeFirst();
}

export async function deletePackage(db: Db, tenantId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('software_packages').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}

export async function readSelfServiceSettings(db: Db, tenantId: string) {
  const row = await db.selectFrom('self_service_settings').select(['chocolatey_source', 'homebrew_tap', 'paused', 'action_policies']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return { chocolateySource: row?.chocolatey_source ?? null, homebrewTap: row?.homebrew_tap ?? null, paused: row?.paused ?? false, actionPolicies: withDefaults(row?.action_policies) };
}

export async function writeSelfServiceSettings(db: Db, tenantId: string, s: { chocolateySource: string | null; homebrewTap: string | null; paused: boolean; actionPolicies: ActionPolicies }) {
  const values = { chocolatey_source: s.chocolateySource, homebrew_tap: s.homebrewTap, paused: s.paused, action_policies: JSON.stringify(s.actionPolicies), updated_at: new Date() };
  await db
    .insertInto('self_service_settings')
    .values({ tenant_id: tenantId, ...values })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(values))
    .execute();
}
