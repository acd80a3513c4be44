import type { ActionWithParams } from '@porta/agent-protocol';
import type { SelfServiceAction, SelfServiceActionView } from '@porta/contracts/self-service';
import { translate } from '@porta/i18n/translate';
import type { AppContext } from '../../platform/context.ts';
import type { Db } from '../../platform/db/db.ts';
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
import { PENDING_TTL_MS, policyFor } from './action-policy.ts';
import { assignedDevice, findVisibleRequest, listPendingRequests, listVisibleRequests, namesOf, type RequestRow } from './self-service.repo.ts';
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


/** The SMS code for one action on one device, to the requester's verified number (SS-6). */
async function sendActionCode(ctx: AppContext, trx: Db, tenantId: string, contact: SelfServiceContact, device: { id: string; hostname: string }, action: SelfServiceAction, to: { phone: string; company: string }): Promise<string> {
  const { phone, company } = to;
  const code = await issueCode(ctx, trx, tenantId, { contactId: contact.id, purpose: 'action', phone, deviceId: device.id, action });
  const words = { company, action: translate(contact.language, 'mail', `sms.actions.${action}`), device: device.hostname };
  await queueSms(ctx, trx, tenantId, {
    contactId: contact.id,
    to: phone,
    kind: 'action-code',
    text: translate(contact.language, 'mail', 'sms.actionCode', { ...words, code: code.code }),
    redacted: translate(contact.language, 'mail', 'sms.actionCode', { ...words, code: '••••••' }),
  });
  return code.id;
}

type OpenStatus = 'awaiting-confirmation' | 'awaiting-approval' | 'awaiting-code';

/**
 * Issue 13 item 5: the mode of the action for the contact's customer decides the first state.
 * `allowed` → the code is sent now; `confirm` → awaiting-confirmation (proceedAction sends it);
 * `approval` → awaiting-approval (a primary contact decides), except a primary contact's own
 * request, which needs only their confirmation.
 */
export async function requestAction(ctx: AppContext, tenantId: string, contact: SelfServiceContact, input: ActionInput): Promise<{ id: string; status: OpenStatus }> {
  const device = await assignedDevice(ctx.db, tenantId, contact.id, input.deviceId);
  if (!device) throw new AppError('DEVICE_NOT_FOUND');
  const sources = await assertNotPaused(ctx, tenantId);
  const phone = await verifiedPhone(ctx, tenantId, contact.id);
  // Checked now so the contact hears "not for this computer" before a code is spent.
  await planAction(ctx, tenantId, device, input, sources);
  const policy = await policyFor(ctx.db, tenantId, contact.customerId, input.action);
  const status: OpenStatus = policy === 'allowed' ? 'awaiting-code' : policy === 'approval' && !contact.isPrimary ? 'awaiting-approval' : 'awaiting-confirmation';
  const company = await companyName(ctx, tenantId);
  const id = await ctx.db.transaction().execute(async (trx) => {
    const codeId = status === 'awaiting-code' ? await sendActionCode(ctx, trx, tenantId, contact, device, input.action, { phone, company }) : null;
    const req = await trx
      .insertInto('self_service_requests')
      .values({
        tenant_id: tenantId,
        contact_id: contact.id,
        customer_id: contact.customerId,
        device_id: device.id,
        action: input.action,
        package_id: input.packageId ?? null,
        status,
        code_id: codeId,
        policy,
        expires_at: status === 'awaiting-code' ? null : new Date(Date.now() + PENDING_TTL_MS),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(trx, tenantId, { actor: `contact:${contact.id}`, event: 'action.requested', subject: `device:${device.id}`, data: { requestId: req.id, action: input.action, packageId: input.packageId ?? null, policy, status } });
    return req.id;
  });
  if (status !== 'awaiting-code') await ctx.bus.publish({ topic: 'self-service.request.changed', tenantId, actionId: id, status, contactId: contact.id, customerId: contact.customerId });
  return { id, status };
}

/** Requests whose confirmation or approval lapsed (PENDING_TTL_MS) end `expired`; their streams hear it. */
async function expireLapsed(ctx: AppContext, tenantId: string): Promise<void> {
  const lapsed = await ctx.db
    .updateTable('self_service_requests')
    .set({ status: 'expired' })
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['awaiting-confirmation', 'awaiting-approval'])
    .where('expires_at', '<', new Date())
    .returning(['id', 'contact_id', 'customer_id'])
    .execute();
  for (const r of lapsed) await ctx.bus.publish({ topic: 'self-service.request.changed', tenantId, actionId: r.id, status: 'expired', contactId: r.contact_id, customerId: r.customer_id });
}

/**
 * `confirm` (and `approval` once approved): the requester confirms ("Restart LAPTOP-12 now?")
 * and only then is the SMS code sent. Only the requester; once; not after it lapsed.
 */
export async function proceedAction(ctx: AppContext, tenantId: string, contact: SelfServiceContact, id: string): Promise<SelfServiceActionView> {
  await expireLapsed(ctx, tenantId);
  const req = await findVisibleRequest(ctx.db, tenantId, { ...contact, isPrimary: false }, id);
  if (!req) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  if (req.status !== 'awaiting-confirmation') throw new AppError('ACTION_CONFIRMATION_NOT_PENDING');
  await assertNotPaused(ctx, tenantId);
  const phone = await verifiedPhone(ctx, tenantId, contact.id);
  const device = await assignedDevice(ctx.db, tenantId, contact.id, req.device_id);
  if (!device) throw new AppError('DEVICE_NOT_FOUND');
  const company = await companyName(ctx, tenantId);
  const moved = await ctx.db.transaction().execute(async (trx) => {
    const claim = await trx.updateTable('self_service_requests').set({ status: 'awaiting-code', expires_at: null }).where('tenant_id', '=', tenantId).where('id', '=', req.id).where('status', '=', 'awaiting-confirmation').executeTakeFirst();
    if (claim.numUpdatedRows === 0n) return false;
    const codeId = await sendActionCode(ctx, trx, tenantId, contact, device, req.action as SelfServiceAction, { phone, company });
    await trx.updateTable('self_service_requests').set({ code_id: codeId }).where('tenant_id', '=', tenantId).where('id', '=', req.id).execute();
    await appendAudit(trx, tenantId, { actor: `contact:${contact.id}`, event: 'action.confirmed-by-contact', subject: `request:${req.id}`, data: { deviceId: req.device_id, action: req.action } });
    return true;
  });
  if (!moved) throw new AppError('ACTION_CONFIRMATION_NOT_PENDING');
  await ctx.bus.publish({ topic: 'self-service.request.changed', tenantId, actionId: req.id, status: 'awaiting-code', contactId: req.contact_id, customerId: req.customer_id });
  return getAction(ctx, tenantId, contact, req.id);
}

/**
 * `approval`: a primary contact of the requester's company approves (the requester then
 * confirms, which sends the code) or denies (the request ends `denied`, with the reason).
 * Anyone else: 404. Decided already, or lapsed: 409. Audited either way.
 */
export async function decideApproval(ctx: AppContext, tenantId: string, approver: SelfServiceContact, id: string, approve: boolean, reason: string | undefined): Promise<SelfServiceActionView> {
  if (!approver.isPrimary) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  await expireLapsed(ctx, tenantId);
  const req = await findVisibleRequest(ctx.db, tenantId, approver, id);
  if (!req || req.policy !== 'approval' || req.contact_id === approver.id) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  const next = approve ? 'awaiting-confirmation' : 'denied';
  const decided = await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('self_service_requests')
      .set({ status: next, decided_by: approver.id, decided_at: new Date(), decision_reason: reason && reason.length > 0 ? reason : null, expires_at: approve ? new Date(Date.now() + PENDING_TTL_MS) : null })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', req.id)
      .where('status', '=', 'awaiting-approval')
      .executeTakeFirst();
    if (r.numUpdatedRows === 0n) return false;
    await appendAudit(trx, tenantId, { actor: `contact:${approver.id}`, event: approve ? 'action.approved' : 'action.denied', subject: `request:${req.id}`, data: { deviceId: req.device_id, action: req.action, requestedBy: req.contact_id, reason: reason ?? null } });
    return true;
  });
  if (!decided) throw new AppError('APPROVAL_ALREADY_DECIDED');
  await ctx.bus.publish({ topic: 'self-service.request.changed', tenantId, actionId: req.id, status: next, contactId: req.contact_id, customerId: req.customer_id });
  return getAction(ctx, tenantId, approver, req.id);
}

/** The approvals waiting for a primary contact: their company's requests in `awaiting-approval` (others: none). */
export async function listPendingApprovals(ctx: AppContext, tenantId: string, contact: SelfServiceContact): Promise<SelfServiceActionView[]> {
  if (!contact.isPrimary) return [];
  await expireLapsed(ctx, tenantId);
  return present(ctx, tenantId, await listPendingRequests(ctx.db, tenantId, contact.customerId));
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
  const names = await namesOf(ctx.db, tenantId, rows);
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
      policy: r.policy === 'confirm' || r.policy === 'approval' ? r.policy : 'allowed',
      expiresAt: r.expires_at && (r.status === 'awaiting-confirmation' || r.status === 'awaiting-approval') ? new Date(r.expires_at).toISOString() : null,
      decision: r.decided_at ? { approved: r.status !== 'denied', by: (r.decided_by && names.contacts.get(r.decided_by)) ?? '', at: new Date(r.decided_at).toISOString(), reason: r.decision_reason } : null,
      deviceName: names.devices.get(r.device_id) ?? null,
      command: c
        ? { id: c.id, status: c.status, events: c.events.map((e) => ({ status: e.status, at: new Date(e.at).toISOString(), detail: e.detail })), resultDetail: c.resultDetail, refusalReason: c.refusalReason }
        : null,
    };
  });
}

/** The request and its command's lifecycle: the requester, or a primary contact of the same company. */
export async function getAction(ctx: AppContext, tenantId: string, contact: SelfServiceContact, id: string): Promise<SelfServiceActionView> {
  await expireLapsed(ctx, tenantId);
  const row = await findVisibleRequest(ctx.db, tenantId, contact, id);
  if (!row) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  const [view] = await present(ctx, tenantId, [row]);
  if (!view) throw new AppError('SELF_SERVICE_ACTION_NOT_FOUND');
  return view;
}

export async function listActions(ctx: AppContext, tenantId: string, contact: SelfServiceContact): Promise<SelfServiceActionView[]> {
  await expireLapsed(ctx, tenantId);
  return present(ctx, tenantId, await listVisibleRequests(ctx.db, tenantId, contact));
}

/** The tenant kill switch: open requests cancelled, queued commands cancelled (devices' cancelQueued). */
export async function cancelAllQueued(ctx: AppContext, tenantId: string, technicianId: string): Promise<{ requests: number; commands: number }> {
  const open = await ctx.db
    .updateTable('self_service_requests')
    .set({ status: 'cancelled' })
    .where('tenant_id', '=', tenantId)
    .where('status', 'in', ['awaiting-code', 'awaiting-confirmation', 'awaiting-approval'])
    .returning(['id', 'contact_id', 'customer_id'])
    .execute();
  const { cancelled } = await cancelQueued(ctx, tenantId);
  await appendAudit(ctx.db, tenantId, { actor: `technician:${technicianId}`, event: 'self-service.cancelled-all', subject: `tenant:${tenantId}`, data: { requests: open.length, commands: cancelled } });
  // The contacts waiting for a code see the request end at once (their commands' own events cover the rest).
  for (const r of open) await ctx.bus.publish({ topic: 'self-service.request.changed', tenantId, actionId: r.id, status: 'cancelled', contactId: r.contact_id, customerId: r.customer_id });
  return { requests: open.length, commands: cancelled };
}
