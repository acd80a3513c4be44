import { randomBytes, randomUUID } from 'node:crypto';
import { MAX_COMMAND_LIFETIME_MS, PROTOCOL_VERSION, actionWithParamsSchema, type ActionWithParams, type AgentCommandStatus, type CommandPayload, type RefusalReason } from '@porta/agent-protocol';
import type { CommandStatus } from '@porta/contracts/devices';
import type { AppContext } from '../../platform/context.ts';
import { encrypt } from '../../platform/crypto/keys.ts';
import { enqueue } from '../../platform/events/outbox.ts';
import { AppError } from '../../platform/errors.ts';
import { appendAudit } from '../audit/audit.repo.ts';
import * as devices from '../devices/devices.repo.ts';
import { agentRuntime } from '../agent-gateway/agent-runtime.ts';
import * as repo from './commands.repo.ts';

export type { CommandStatus };

export interface IssueCommandInput {
  deviceId: string;
  action: ActionWithParams['action'];
  params: ActionWithParams['params'];
  verificationId: string;
  requestedBy: { contactId?: string; technicianId?: string };
}

export interface CommandView {
  id: string;
  deviceId: string;
  action: string;
  status: CommandStatus;
  issuedAt: Date;
  expiresAt: Date;
  events: { status: CommandStatus; at: Date; detail: string | null }[];
  resultDetail: string | null;
  refusalReason: string | null;
}

/** Parameters that may be kept and shown: never the temporary password of reset-password. */
function publicParams(p: ActionWithParams): Record<string, unknown> {
  if (p.action === 'reset-password') return { username: p.params.username };
  return { ...p.params };
}

function actor(by: IssueCommandInput['requestedBy']): string {
  return by.contactId ? `contact:${by.contactId}` : by.technicianId ? `technician:${by.technicianId}` : 'system';
}

/**
 * Every transition goes out on the event bus (SS-7): the console's device page and, for a
 * self-service request, the requester's portal (and their company's primary contacts) follow it live.
 */
export async function announce(ctx: AppContext, changed: repo.Changed[]): Promise<void> {
  const byTenant = new Map<string, repo.Changed[]>();
  for (const c of changed) byTenant.set(c.tenant_id, [...(byTenant.get(c.tenant_id) ?? []), c]);
  await Promise.all(
    [...byTenant].map(async ([tenantId, rows]) => {
      const requesters = new Map((await repo.selfServiceRequesters(ctx.db, tenantId, rows.map((c) => c.id))).map((r) => [r.command_id, r]));
      await Promise.all(
        rows.map((c) => {
          const r = requesters.get(c.id);
          return ctx.bus.publish({ topic: 'agent-command.changed', tenantId, commandId: c.id, deviceId: c.device_id, status: c.status, actionId: r?.action_id ?? null, contactId: r?.contact_id ?? null, customerId: r?.customer_id ?? null });
        }),
      );
    }),
  );
}

/**
 * SS-8 (pinned interface, issue 12): the one way to send a command to an agent. Makes the id,
 * nonce and the 10-minute validity, has the signing worker sign it, stores it queued (the
 * signed form sealed, as it may carry a temporary password) and asks the node that holds the
 * device's connection to deliver it. A revoked device or another tenant's is refused.
 */
export async function issueCommand(ctx: AppContext, tenantId: string, input: IssueCommandInput): Promise<{ id: string; status: CommandStatus }> {
  const parsed = actionWithParamsSchema.safeParse({ action: input.action, params: input.params });
  if (!parsed.success) throw new AppError('VALIDATION_FAILED');
  const device = await devices.findDeviceKey(ctx.db, tenantId, input.deviceId);
  if (!device) throw new AppError('DEVICE_NOT_FOUND');
  if (device.revoked_at) throw new AppError('DEVICE_REVOKED');
  const issuedAt = new Date();
  const expiresAt = new Date(issuedAt.getTime() + MAX_COMMAND_LIFETIME_MS);
  const id = randomUUID();
  const nonce = randomBytes(16).toString('base64url');
  const payload: CommandPayload = {
    v: PROTOCOL_VERSION,
    id,
    tenantId,
    deviceId: input.deviceId,
    ...parsed.data,
    nonce,
    verificationId: input.verificationId,
    issuedAt: issuedAt.toISOString(),
    expiresAt: expiresAt.toISOString(),
  };
  const signed = await (await agentRuntime(ctx).signer()).sign(payload);
  // The command and its audit row commit together: one transaction, one WAL flush instead of two.
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertCommand(trx, tenantId, {
      id,
      deviceId: input.deviceId,
      action: parsed.data.action,
      paramsPublic: publicParams(parsed.data),
      nonce,
      verificationId: input.verificationId,
      requestedByContactId: input.requestedBy.contactId ?? null,
      requestedByTechnicianId: input.requestedBy.technicianId ?? null,
      signedEnc: encrypt(ctx.keys, JSON.stringify(signed)),
      issuedAt,
      expiresAt,
    });
    await appendAudit(trx, tenantId, { actor: actor(input.requestedBy), event: 'command.signed', subject: `command:${id}`, data: { deviceId: input.deviceId, action: parsed.data.action, params: publicParams(parsed.data), verificationId: input.verificationId, nonce, expiresAt: expiresAt.toISOString() } });
  });
  // Both notices in the same turn: the bus sends them as one NOTIFY statement (one round trip, not two in a row).
  await Promise.all([announce(ctx, [{ id, tenant_id: tenantId, device_id: input.deviceId, status: 'queued' }]), ctx.bus.publish({ topic: 'agent-command.queued', tenantId, deviceId: input.deviceId })]);
  return { id, status: 'queued' };
}

export async function getCommand(ctx: AppContext, tenantId: string, id: string): Promise<CommandView> {
  const row = await repo.findCommand(ctx.db, tenantId, id);
  if (!row) throw new AppError('COMMAND_NOT_FOUND');
  return (await withEvents(ctx, tenantId, [row]))[0]!;
}

type CommandRow = NonNullable<Awaited<ReturnType<typeof repo.findCommand>>>;

export async function withEvents(ctx: AppContext, tenantId: string, rows: CommandRow[]): Promise<CommandView[]> {
  const events = await repo.commandEvents(ctx.db, tenantId, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    deviceId: r.device_id,
    action: r.action,
    status: r.status as CommandStatus,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    resultDetail: r.result_detail,
    refusalReason: r.refusal_reason,
    events: events.filter((e) => e.command_id === r.id).map((e) => ({ status: e.status as CommandStatus, at: e.at, detail: e.detail })),
  }));
}

/** The tenant's kill switch (SS-7): every queued command is cancelled, none is delivered after. */
export async function cancelQueued(ctx: AppContext, tenantId: string): Promise<{ cancelled: number }> {
  const changed = await repo.cancelAllQueued(ctx.db, tenantId);
  await announce(ctx, changed);
  return { cancelled: changed.length };
}

/** The gateway handed these commands to the agent's socket. */
export async function sendClaimed(ctx: AppContext, claimed: repo.Changed[]): Promise<void> {
  for (const c of claimed) await appendAudit(ctx.db, c.tenant_id, { actor: `device:${c.device_id}`, event: 'command.delivered', subject: `command:${c.id}`, data: {} });
  await announce(ctx, claimed);
}

const FROM: Record<'acknowledged' | AgentCommandStatus, CommandStatus[]> = {
  acknowledged: ['sent'],
  running: ['sent', 'acknowledged'],
  succeeded: ['sent', 'acknowledged', 'running'],
  failed: ['sent', 'acknowledged', 'running'],
  refused: ['sent', 'acknowledged', 'running'],
};

/**
 * An ack or a status from an agent. Accepted only from the device the command is for and
 * only along the lifecycle (a late or repeated report changes nothing).
 */
export async function recordAgentReport(ctx: AppContext, tenantId: string, deviceId: string, r: { commandId: string; status: 'acknowledged' | AgentCommandStatus; reason?: RefusalReason; detail?: string }): Promise<boolean> {
  const final = r.status === 'succeeded' || r.status === 'failed' || r.status === 'refused';
  const changed = await ctx.db.transaction().execute(async (trx) => {
    const done = await repo.transition(trx, tenantId, r.commandId, { from: FROM[r.status], to: r.status, deviceId, detail: r.detail ?? null, refusalReason: r.status === 'refused' ? (r.reason ?? null) : null, final });
    // Issue 15: a finished action is an event (webhooks `device_action.finished`), written with the change.
    if (done && final) await enqueue(trx, tenantId, 'device_action.finished', { commandId: r.commandId, deviceId, status: r.status });
    return done;
  });
  if (!changed) return false;
  if (final) await appendAudit(ctx.db, tenantId, { actor: `device:${deviceId}`, event: 'command.result', subject: `command:${r.commandId}`, data: { status: r.status, reason: r.reason ?? null, detail: r.detail ?? null } });
  await announce(ctx, [changed]);
  return true;
}

/** Commands past their expiry that were never acknowledged become `expired` (run by every node's sweeper; the SQL guard makes it once). */
export async function sweepExpired(ctx: AppContext): Promise<number> {
  const changed = await repo.expireDue(ctx.db);
  await announce(ctx, changed);
  return changed.length;
}
