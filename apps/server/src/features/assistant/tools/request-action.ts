import type { Action } from '@porta/agent-protocol';
import type { AssistantAction, AssistantCard } from '@porta/contracts/assistant';
import type { SelfServiceAction } from '@porta/contracts/self-service';
import { AppError } from '../../../platform/errors.ts';
import { requestAction as selfServiceRequest } from '../../self-service/self-service.service.ts';
import { asSelfServiceContact } from '../../self-service/self-service.policy.ts';
import type { EngineDevice } from '../engine/engine.types.ts';
import { myDevices, pickDevice } from './devices.ts';
import { refused, type ToolContext, type ToolResult } from './tool.types.ts';

/** The assistant API's action names → the agent protocol's. */
export const AGENT_ACTION: Record<AssistantAction, SelfServiceAction> = {
  restart: 'restart',
  lock: 'lock',
  shutdown: 'shutdown',
  reset_password: 'reset-password',
  logout: 'logout',
};

/**
 * The one way to act on a device (SS-4..SS-8, AI-6): self-service's requestAction, as the
 * contact. It sends the SMS code; nothing runs until the contact types that code into the card
 * (POST /api/v1/portal/actions/:id/confirm). The assistant can never confirm.
 */
export async function requestOnDevice(t: ToolContext, deviceRef: string | null | undefined, action: Action, pkg: { id: string; name: string } | null): Promise<ToolResult> {
  if (!t.caller.sections.selfService) return refused('NOT_FOUND');
  const devices = await myDevices(t);
  const device = pickDevice(devices, deviceRef);
  if (!device) return refused('DEVICE_NOT_FOUND', `${action}: device not found`);
  const what = pkg ? `${action} ${pkg.name}` : action;
  try {
    const req = await selfServiceRequest(t.ctx, t.caller.tenantId, asSelfServiceContact(t.caller.contact, t.caller.language), { deviceId: device.id, action: action as SelfServiceAction, ...(pkg && { packageId: pkg.id }) });
    const card: AssistantCard = { kind: 'action', deviceId: device.id, deviceName: device.name, action, packageId: pkg?.id ?? null, packageName: pkg?.name ?? null, requestId: req.id, state: req.status, commandStatus: null };
    return { ok: true, data: { requestId: req.id, device: device.name, action, status: req.status, note: NOTES[req.status] }, cards: [card], log: `${what} on ${device.name}: ${LOGS[req.status]} (request ${req.id})` };
  } catch (err) {
    if (err instanceof AppError) return refused(err.code, `${what} on ${device.name}: refused (${err.code})`);
    throw err;
  }
}

/** What the model is told per first state (issue 13 item 5: the tenant's mode for this action). */
const NOTES = {
  'awaiting-code': 'A code was sent by SMS to the contact; they type it into the card. Nothing runs before.',
  'awaiting-confirmation': 'The contact must first confirm the action in the card; the SMS code is sent then. Nothing runs before.',
  'awaiting-approval': "A primary contact of the contact's company must approve this first; the outcome appears in the card. Nothing runs before.",
} as const;
const LOGS = { 'awaiting-code': 'SMS code sent', 'awaiting-confirmation': 'waiting for the contact to confirm', 'awaiting-approval': "waiting for a primary contact's approval" } as const;

/** request_action(device, action): one of the five actions on one of the contact's devices. */
export async function requestActionTool(t: ToolContext, args: { device: string; action: AssistantAction }): Promise<ToolResult> {
  return requestOnDevice(t, args.device, AGENT_ACTION[args.action], null);
}

export type { EngineDevice };
