import type { EngineDevice } from '../engine/engine.types.ts';
import { listContactDevices } from '../../devices/devices.repo.ts';
import { refused, type ToolContext, type ToolResult } from './tool.types.ts';

/** The contact's own assigned devices (SS-2), as the engines see them; none when Self-service is off. */
export async function myDevices(t: ToolContext): Promise<EngineDevice[]> {
  if (!t.caller.sections.selfService) return [];
  const rows = await listContactDevices(t.ctx.db, t.caller.tenantId, t.caller.contact.id);
  return rows.map((r) => ({ id: r.id, name: r.hostname, os: r.os }));
}

/** A device named by id or name among the contact's own: anything else does not exist for them. */
export function pickDevice(devices: readonly EngineDevice[], ref: string | null | undefined): EngineDevice | null {
  if (!ref) return null;
  const want = ref.trim().toLowerCase();
  return devices.find((d) => d.id === ref || d.name.toLowerCase() === want) ?? null;
}

/** list_my_devices: what the portal's "My devices" shows the contact. */
export async function listMyDevices(t: ToolContext): Promise<ToolResult> {
  if (!t.caller.sections.selfService) return refused('NOT_FOUND');
  const devices = await myDevices(t);
  return { ok: true, data: { devices }, cards: [] };
}
