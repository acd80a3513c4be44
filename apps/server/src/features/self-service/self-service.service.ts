import type { ActionWithParams } from '@porta/agent-protocol';
import type { SelfServiceAction, SelfServiceActionView } from '@porta/contracts/self-service';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { cancelQueued, withEvents } from '../agent-commands/commands.service.ts';
import { issueCommand } from '../agent-commands/commands.service.ts';
import { findCommand } from '../agent-commands/commands.repo.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import { checkCode, issueCode, throwCodeFailure } from '../phone-verification/sms-codes.ts';
import { queueSms } from '../sms/sms.queue.ts';
import { findPackage, readSelfServiceSettings } from '../software/software.repo.ts';
import { type DeviceOs, installParams } from '../software/software.model.ts';
import type { SelfServiceContact } from './self-service.policy.ts';
import { assignedDevice, findVisibleRequest, listVisibleRequests, type RequestRow } from './self-service.repo.ts';
import { temporaryPassword } from './temporary-password.ts';

/**
 * SS-4..SS-8: the ONE way to request an action on a device (the portal today, the assistant
 * next): request → SMS code bound to contact + device + action → confirm → signed command →
 * tracked lifecycle. Every step lands in the audit log.
 */

interface ActionInput {
  deviceId: string;
  action: SelfServiceAction;
  packageId?: string | undefined;
}

function loggedInUser(inventory: unknown): string | null {
  const u = (inventory as { loggedInUser?: unknown } | null)?.loggedInUser;
  return typeof u === 'string' && u.length > 0 ? u : null;
}

async function verifiedPhone(ctx: AppContext, tenantId: string, contactId: string): Promise<string> {
  const row = await ctx.db.selectFrom('contacts').select(['phone_e164', 'phone_verified_at']).where('tenant_id', '=', tenantId).where('id', '=', contactId).executeTakeFirst();
  if (!row?.phone_e164 || !row.phone_verified_at) throw new AppError('PHONE_NOT_VERIFIED');
  return row.phone_e164;
}

async function assertNotPaused(ctx: AppContext, tenantId: string): Promise<Awaited<ReturnType<typeof readSelfServiceSettings>>> {
  const settings = await readSelfServiceSettings(ctx.db, tenantId);
  if (settings.paused) throw new AppError('SELF_SERVICE_PAUSED');
  return settings;
}

/** The action and its agent parameters; `secret` is the temporary password (reset-password), never stored or shown. */
async function planAction(ctx: AppContext, tenantId: string, device: { os: string; inventory: unknown }, input: ActionInput, sources: { chocolateySource: string | null; homebrewTap: string | null }): Promise<{ command: ActionWithParams; secret: string | null }> {
  if (input.action !== 'install-software' && input.packageId !== undefined) throw new AppError('VALIDATION_FAILED');
  switch (input.action) {
    case 'install-software': {
      if (!input.packageId) throw new AppError('VALIDATION_FAILED');
      const pkg = await findPackage(ctx.db, tenantId, input.packageId);
      if (!pkg) throw new AppError('SOFTWARE_PACKAGE_NOT_FOUND');
      const params = installParams(pkg, device.os as DeviceOs, sources);
      if (!params) throw new AppError('SOFTWARE_NOT_FOR_OS');
      return { command: { action: 'install-software', params }, secret: null };
    }
    case 'reset-password': {
      const username = loggedInUser(device.inventory);
      if (!username) throw new AppError('ACTION_NOT_AVAILABLE');
      const secret = temporaryPassword();
      return { command: { action: 'reset-password', params: { username, temporaryPassword: secret } }, secret };
    }
    default:
      return { command: { action: input.action, params: {} }, secret: null };
  }
}

async function companyName(ctx: AppContext, tenantId: string): Promise<string> {
  return (await ctx.db.selectFrom('tenants').select('name').where('id', '=', tenantId).executeTakeFirstOrThrow()).name;
}

export async function requestAction(ctx: AppContext, tenantId: string, contact: SelfServiceContact, input: ActionInput): Promise<{ id: string; status: 'awaiting-code' }> {
  const device = await assignedDevice(ctx.db, tenantId, contact.id, input.deviceId);
  if (!device) throw new AppError('DEVICE_NOT_FOUND');
  const sources = await assertNotPaused(ctx, tenantId);
  const phone = await verifiedPhone(ctx, tenantId, contact.id);
  // Checked now so the contact hears "not for this computer" before a code is spent.
  await planAction(ctx, tenantId, device, input, sources);
  const company = await companyName(ctx, tenantId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const code = await issueCode(ctx, trx, tenantId, { contactId: contact.id, purpose: 'action', phone, deviceId: device.id, action: input.action });
    const req = await trx
      .insertInto('self_service_requests')
      .values({ tenant_id: tenantId, contact_id: contact.id, customer_id: contact.customerId, device_id: device.id, action: input.action, package_id: input.packageId ?? null, status: 'awaiting-code', code_id: code.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    const words = { company, action: translate(contact.language, 'mail', `sms.actions.${input.action}`), device: device.hostname };
    await queueSms(ctx, trx, tenantId, {
      contactId: contact.id,
      to: phone,
      kind: 'action-code',
      text: translate(contact.language, 'mail', 'sms.actionCode', { ...words, code: code.code }),
      redacted: translate(contact.language, 'mail', 'sms.actionCode', { ...words, code: '••••••' }),
    });
    await appendAudit(trx, tenantId, { actor: `contact:${contact.id}`, event: 'action.requested', subject: `device:${device.id}`, data: { requestId: req.id, action: input.action, packageId: input.packageId ?? null } });
    return req.id;
  });
  return { id, status: 'awaiting-code' };
}

export async function confirmAction(ctx: AppContext, tenantId: string, contact: SelfServiceContact, id: string, code: string): Promise<SelfServiceActionView> {
  // Only the requester confirms (a primary contact sees colleagues' requests but cannot confirm them).
  const req = await findVisibleRequest(ctx.db, tenantId, { ...contact, isPrimary: false }, id);
  if (!req) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  if (req.status !== 'awaiting-code' || !req.code_id) throw new AppError('SMS_CODE_EXPIRED');
  const sources = await assertNotPaused(ctx, tenantId);
  const check = await checkCode(ctx, tenantId, req.code_id, { contactId: contact.id, purpose: 'action', deviceId: req.device_id, action: req.action }, code);
  if (!check.ok) {
    await appendAudit(ctx.db, tenantId, { actor: `contact:${contact.id}`, event: 'action.code-rejected', subject: `request:${req.id}`, data: { reason: check.reason } });
    throwCodeFailure(check.reason);
  }
  const device = await assignedDevice(ctx.db, tenantId, contact.id, req.device_id);
  if (!device) throw new AppError('DEVICE_NOT_FOUND');
  const plan = await planAction(ctx, tenantId, device, { deviceId: req.device_id, action: req.action as SelfServiceAction, packageId: req.package_id ?? undefined }, sources);
  const claimed = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx.updateTable('self_service_requests').set({ status: 'confirmed', confirmed_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', req.id).where('status', '=', 'awaiting-code').executeTakeFirst();
    if (r.numUpdatedRows === 0n) return false;
    await appendAudit(trx, tenantId, { actor: `contact:${contact.id}`, event: 'action.verified', subject: `request:${req.id}`, data: { deviceId: req.device_id, action: req.action } });
    return true;
  });
  if (!claimed) throw new AppError('SMS_CODE_EXPIRED');
  const command = await issueCommand(ctx, tenantId, { deviceId: req.device_id, action: plan.command.action, params: plan.command.params, verificationId: req.id, requestedBy: { contactId: contact.id } });
  const company = await companyName(ctx, tenantId);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('self_service_requests').set({ command_id: command.id }).where('tenant_id', '=', tenantId).where('id', '=', req.id).execute();
    if (plan.secret !== null && plan.command.action === 'reset-password') {
      // SS-6: the temporary password goes to the verified number by SMS only.
      const words = { company, username: plan.command.params.username, device: device.hostname };
      await queueSms(ctx, trx, tenantId, {
        contactId: contact.id,
        to: check.phone,
        kind: 'temporary-password',
        text: translate(contact.language, 'mail', 'sms.temporaryPassword', { ...words, password: plan.secret }),
        redacted: translate(contact.language, 'mail', 'sms.temporaryPassword', { ...words, password: '••••••••' }),
      });
    }
  });
  return getAction(ctx, tenantId, contact, req.id);
}

async function present(ctx: AppContext, tenantId: string, rows: RequestRow[]): Promise<SelfServiceActionView[]> {
  const commandRows = (await Promise.all(rows.filter((r) => r.command_id).map((r) => findCommand(ctx.db, tenantId, r.command_id ?? '')))).filter((c) => c !== undefined);
  const commands = new Map((await withEvents(ctx, tenantId, commandRows)).map((c) => [c.id, c]));
  return rows.map((r) => {
    const c = r.command_id ? commands.get(r.command_id) : undefined;
    return {
      id: r.id,
      deviceId: r.device_id,
      action: r.action as SelfServiceAction,
      packageId: r.package_id,
      status: r.status,
      createdAt: new Date(r.created_at).toISOString(),
      confirmedAt: r.confirmed_at ? new Date(r.confirmed_at).toISOString() : null,
      requestedBy: { contactId: r.contact_id, name: `${r.first_name} ${r.last_name}`.trim() },
      command: c
        ? { id: c.id, status: c.status, events: c.events.map((e) => ({ status: e.status, at: new Date(e.at).toISOString(), detail: e.detail })), resultDetail: c.resultDetail, refusalReason: c.refusalReason }
        : null,
    };
  });
}

/** The request and its command's lifecycle: the requester, or a primary contact of the same company. */
export async function getAction(ctx: AppContext, tenantId: string, contact: SelfServiceContact, id: string): Promise<SelfServiceActionView> {
  const row = await findVisibleRequest(ctx.db, tenantId, contact, id);
  if (!row) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  const [view] = await present(ctx, tenantId, [row]);
  if (!view) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  return view;
}

export async function listActions(ctx: AppContext, tenantId: string, contact: SelfServiceContact): Promise<SelfServiceActionView[]> {
  return present(ctx, tenantId, await listVisibleRequests(ctx.db, tenantId, contact));
}

/** The tenant kill switch: open requests cancelled, queued commands cancelled (devices' cancelQueued). */
export async function cancelAllQueued(ctx: AppContext, tenantId: string, technicianId: string): Promise<{ requests: number; commands: number }> {
  const open = await ctx.db
    .updateTable('self_service_requests')
    .set({ status: 'cancelled' })
    .where('tenant_id', '=', tenantId)
    .where('status', '=', 'awaiting-code')
    .returning(['id', 'contact_id', 'customer_id'])
    .execute();
  const { cancelled } = await cancelQueued(ctx, tenantId);
  await appendAudit(ctx.db, tenantId, { actor: `technician:${technicianId}`, event: 'self-service.cancelled-all', subject: `tenant:${tenantId}`, data: { requests: open.length, commands: cancelled } });
  // The contacts waiting for a code see the request end at once (their commands' own events cover the rest).
  for (const r of open) await ctx.bus.publish({ topic: 'self-service.request.changed', tenantId, actionId: r.id, status: 'cancelled', contactId: r.contact_id, customerId: r.customer_id });
  return { requests: open.length, commands: cancelled };
}
