import type { DeviceDetail } from '@porta/contracts/devices';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { announce, withEvents } from '../agent-commands/commands.service.ts';
import * as commands from '../agent-commands/commands.repo.ts';
import { cancelAllQueued } from '../agent-commands/commands.repo.ts';
import { inventoryOf, presentCommand, presentDevice } from './devices.presenter.ts';
import * as repo from './devices.repo.ts';

export async function deviceDetail(ctx: AppContext, tenantId: string, id: string): Promise<DeviceDetail> {
  const row = await repo.findDevice(ctx.db, tenantId, id);
  if (!row) throw new AppError('DEVICE_NOT_FOUND');
  const [contacts, cmds] = await Promise.all([repo.deviceContacts(ctx.db, tenantId, id), commands.deviceCommands(ctx.db, tenantId, id)]);
  const history = await withEvents(ctx, tenantId, cmds);
  return {
    ...presentDevice(row),
    inventory: inventoryOf(row.inventory, row),
    contacts: contacts.map((c) => ({ id: c.id, name: `${c.first_name} ${c.last_name}`.trim(), email: c.email })),
    commands: history.map(presentCommand),
  };
}

/** SS-2: the device's contacts, replaced; only contacts of the device's customer (another's answers 404). */
export async function assignContacts(ctx: AppContext, tenantId: string, id: string, contactIds: string[]): Promise<void> {
  const device = await repo.findDevice(ctx.db, tenantId, id);
  if (!device) throw new AppError('DEVICE_NOT_FOUND');
  const unique = [...new Set(contactIds)];
  if ((await repo.countCustomerContacts(ctx.db, tenantId, device.customer_id, unique)) !== unique.length) throw new AppError('CONTACT_NOT_FOUND');
  await repo.setDeviceContacts(ctx.db, tenantId, id, unique);
}

/** SS-2: a revoked device's key stops working at once: its live socket is closed on whichever node holds it, its queued commands are cancelled. */
export async function revokeDevice(ctx: AppContext, tenantId: string, id: string): Promise<void> {
  if (!(await repo.revokeDevice(ctx.db, tenantId, id))) throw new AppError('DEVICE_NOT_FOUND');
  const cancelled = await cancelAllQueued(ctx.db, tenantId, id);
  await ctx.bus.publish({ topic: 'device.revoked', tenantId, deviceId: id });
  await announce(ctx, cancelled);
}
