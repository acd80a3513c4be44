import type { DeviceCommand, DeviceSummary, PortalDevice } from '@porta/contracts/devices';
import { deviceInventorySchema } from '@porta/contracts/devices';
import type { z } from 'zod';
import type { CommandView } from '../agent-commands/commands.service.ts';
import type { DeviceRow } from './devices.repo.ts';

type Inventory = z.infer<typeof deviceInventorySchema>;

/** The stored inventory as the API shows it (an unreadable one shows as empty fields, never an error). */
export function inventoryOf(raw: unknown, fallback: { hostname: string; os: string }): Inventory {
  const parsed = deviceInventorySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const os = fallback.os === 'windows' || fallback.os === 'macos' ? fallback.os : 'linux';
  return { hostname: fallback.hostname, os, osVersion: '', arch: '', loggedInUser: null, serial: null, agentVersion: '', uptimeSeconds: 0, disks: [] };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function presentDevice(r: DeviceRow): DeviceSummary {
  const inv = inventoryOf(r.inventory, r);
  return {
    id: r.id,
    customerId: r.customer_id,
    customerName: r.customer_name,
    hostname: r.hostname,
    os: inv.os,
    osVersion: inv.osVersion,
    loggedInUser: inv.loggedInUser,
    online: r.online && !r.revoked_at,
    lastSeenAt: iso(r.last_seen_at),
    revokedAt: iso(r.revoked_at),
    createdAt: r.created_at.toISOString(),
  };
}

export function presentCommand(c: CommandView): DeviceCommand {
  return {
    id: c.id,
    action: c.action,
    status: c.status,
    issuedAt: c.issuedAt.toISOString(),
    expiresAt: c.expiresAt.toISOString(),
    resultDetail: c.resultDetail,
    refusalReason: c.refusalReason,
    events: c.events.map((e) => ({ status: e.status, at: e.at.toISOString(), detail: e.detail })),
  };
}

export function presentPortalDevice(r: { id: string; hostname: string; os: string; inventory: unknown; online: boolean; last_seen_at: Date | null }): PortalDevice {
  const inv = inventoryOf(r.inventory, r);
  return { id: r.id, hostname: r.hostname, os: inv.os, osVersion: inv.osVersion, online: r.online, lastSeenAt: iso(r.last_seen_at) };
}
