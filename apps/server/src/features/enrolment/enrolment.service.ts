import type { EnrolRequest, EnrolResponse } from '@porta/agent-protocol';
import { publicKeyFromRaw } from '@porta/agent-protocol/sign';
import type { AppContext } from '../../platform/context.ts';
import { hashToken, randomToken } from '../../platform/crypto/tokens.ts';
import { AppError } from '../../platform/errors.ts';
import { customerExists } from '../customers/customers.repo.ts';
import * as devices from '../devices/devices.repo.ts';
import { agentRuntime } from '../agent-gateway/agent-runtime.ts';
import * as repo from './enrolment.repo.ts';

/** An enrolment token lives a day: long enough for a roll-out, short enough to be worthless soon after. */
export const TOKEN_LIFETIME_MS = 24 * 3_600_000;

/** SS-1: a fresh enrolment token for one customer; only its hash is stored. */
export async function createEnrolmentToken(ctx: AppContext, tenantId: string, customerId: string, technicianId: string | null) {
  if (!(await customerExists(ctx.db, tenantId, customerId))) throw new AppError('CUSTOMER_NOT_FOUND');
  const token = `pe_${randomToken(32)}`;
  const row = await repo.insertToken(ctx.db, tenantId, { customerId, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + TOKEN_LIFETIME_MS), createdBy: technicianId });
  return { id: row.id, token, expiresAt: row.expires_at };
}

/**
 * SS-1: an agent enrols with a live token of this tenant (multi-use until it expires or is
 * revoked), registers its public key and inventory, and pins the command-signing key.
 */
export async function enrolDevice(ctx: AppContext, tenantId: string, body: EnrolRequest): Promise<EnrolResponse> {
  try {
    publicKeyFromRaw(body.publicKey);
  } catch {
    throw new AppError('VALIDATION_FAILED');
  }
  const token = await repo.useToken(ctx.db, tenantId, hashToken(body.token));
  if (!token) throw new AppError('ENROLMENT_TOKEN_INVALID');
  const signer = await agentRuntime(ctx).signer();
  const { id } = await devices.insertDevice(ctx.db, tenantId, { customerId: token.customer_id, publicKey: body.publicKey, hostname: body.inventory.hostname, os: body.inventory.os, inventory: body.inventory });
  return { deviceId: id, tenantId, commandPublicKey: signer.publicKey, serverTime: new Date().toISOString() };
}
