import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { ACTIONS, lifetimeOk, signedCommandSchema, type CommandPayload, type RefusalReason } from '@porta/agent-protocol';
import { verifyCommand } from '@porta/agent-protocol/sign';
import type { NonceStore } from '../state/nonces.ts';

/** How far in the future a command's issuedAt may be (device clock behind the server's). */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

export interface VerifyContext {
  deviceId: string;
  tenantId: string;
  commandPublicKey: KeyObject;
  nonces: NonceStore;
  now: number;
}

export type Verdict = { ok: true; payload: CommandPayload } | { ok: false; commandId: string | null; reason: RefusalReason; detail: string };

const uuid = z.uuid();

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The command id of whatever arrived, when it has a readable one (to report the refusal against). */
export function commandIdOf(raw: unknown): string | null {
  if (!isRecord(raw) || !isRecord(raw.payload)) return null;
  const id = uuid.safeParse(raw.payload.id);
  return id.success ? id.data : null;
}

/**
 * Decides whether a command may run (SS-8). Order: signature (anything unsigned or tampered),
 * action in the closed set, strict shape, device and tenant, time window, nonce. Nothing here
 * runs anything or records anything.
 */
export function verifyIncoming(raw: unknown, ctx: VerifyContext): Verdict {
  const commandId = commandIdOf(raw);
  const refuse = (reason: RefusalReason, detail: string): Verdict => ({ ok: false, commandId, reason, detail });

  if (!isRecord(raw) || !isRecord(raw.payload) || typeof raw.signature !== 'string') return refuse('bad-signature', 'unsigned command');
  if (!verifyCommand({ payload: raw.payload, signature: raw.signature }, ctx.commandPublicKey)) return refuse('bad-signature', 'signature does not match the pinned key');

  const action = raw.payload.action;
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) return refuse('unknown-action', `action ${JSON.stringify(action)} is not in the action set`);

  const parsed = signedCommandSchema.safeParse(raw);
  if (!parsed.success) {
    const p = raw.payload;
    if (typeof p.issuedAt === 'string' && typeof p.expiresAt === 'string' && !lifetimeOk(p.issuedAt, p.expiresAt)) {
      return refuse('bad-params', 'lifetime is not within 10 minutes');
    }
    const issue = parsed.error.issues[0];
    return refuse('bad-params', `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`.slice(0, 500));
  }
  const payload = parsed.data.payload;

  if (payload.deviceId !== ctx.deviceId || payload.tenantId !== ctx.tenantId) return refuse('wrong-device', 'command is for another device or tenant');

  const expires = Date.parse(payload.expiresAt);
  const issued = Date.parse(payload.issuedAt);
  if (ctx.now > expires) return refuse('expired', `expired at ${payload.expiresAt} (device time ${new Date(ctx.now).toISOString()})`);
  if (issued > ctx.now + MAX_CLOCK_AHEAD_MS) return refuse('expired', `issued in the future (${payload.issuedAt}; device time ${new Date(ctx.now).toISOString()})`);

  const seen = ctx.nonces.get(payload.nonce);
  if (seen) return refuse('replayed', `nonce already used by command ${seen.commandId} (${seen.outcome})`);

  return { ok: true, payload };
}
