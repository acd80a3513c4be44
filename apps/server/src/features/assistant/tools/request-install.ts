import type { CataloguePackage } from '../engine/engine.types.ts';
import { listPackages } from '../../software/software.repo.ts';
import { requestOnDevice } from './request-action.ts';
import { refused, type ToolContext, type ToolResult } from './tool.types.ts';

/** The tenant's software catalogue (SS-5): the only software a contact may ask for. */
export async function catalogue(t: ToolContext): Promise<CataloguePackage[]> {
  if (!t.caller.sections.selfService) return [];
  return (await listPackages(t.ctx.db, t.caller.tenantId)).map((p) => ({ id: p.id, name: p.name, aliases: p.aliases }));
}

/** A package named by id or exact name (case-insensitive); nothing outside the catalogue. */
export function pickPackage(items: readonly CataloguePackage[], ref: string): CataloguePackage | null {
  const want = ref.trim().toLowerCase();
  return items.find((p) => p.id === ref || p.name.toLowerCase() === want || p.aliases.some((a) => a.toLowerCase() === want)) ?? null;
}

/** request_install(device, package): a catalogue package on one of the contact's devices, through the same SMS-verified request. */
export async function requestInstallTool(t: ToolContext, args: { device: string; package: string }): Promise<ToolResult> {
  if (!t.caller.sections.selfService) return refused('NOT_FOUND');
  const pkg = pickPackage(await catalogue(t), args.package);
  if (!pkg) return refused('SOFTWARE_PACKAGE_NOT_FOUND', `install ${args.package.slice(0, 80)}: not in the catalogue`);
  return requestOnDevice(t, args.device, 'install-software', { id: pkg.id, name: pkg.name });
}
