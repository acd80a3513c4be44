import { z } from 'zod';
import { MAX_STATUS_DETAIL, PROTOCOL_VERSION } from './constants.ts';
import { refusalReasonSchema, signedCommandSchema } from './commands.ts';
import { inventorySchema } from './inventory.ts';
import { nonceSchema, publicKeyB64Schema, signatureB64Schema } from './patterns.ts';

/** `POST /api/v1/agent/enrol` body. */
export const enrolRequestSchema = z.strictObject({
  token: z.string().min(1).max(200),
  /** The agent's Ed25519 public key, base64url of the raw 32 bytes. */
  publicKey: publicKeyB64Schema,
  inventory: inventorySchema,
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

/** `POST /api/v1/agent/enrol` answer (201). */
export const enrolResponseSchema = z.strictObject({
  deviceId: z.uuid(),
  tenantId: z.uuid(),
  /** The server's command-signing public key, which the agent pins. */
  commandPublicKey: publicKeyB64Schema,
  serverTime: z.iso.datetime(),
});
export type EnrolResponse = z.infer<typeof enrolResponseSchema>;

// ---- WebSocket `GET /api/v1/agent/connect`, JSON text frames ----

export const challengeMessageSchema = z.strictObject({ type: z.literal('challenge'), nonce: nonceSchema });
export const welcomeMessageSchema = z.strictObject({ type: z.literal('welcome'), serverTime: z.iso.datetime() });
export const commandMessageSchema = z.strictObject({ type: z.literal('command'), command: signedCommandSchema });

/**
 * Server → agent. The `command` member is validated loosely here (`command: unknown`) so the
 * agent can still read the command id of a malformed command and report why it refused it;
 * `signedCommandSchema` then decides.
 */
export const serverMessageSchema = z.discriminatedUnion('type', [
  challengeMessageSchema,
  welcomeMessageSchema,
  z.strictObject({ type: z.literal('command'), command: z.unknown() }),
]);
export type ServerMessage =
  | z.infer<typeof challengeMessageSchema>
  | z.infer<typeof welcomeMessageSchema>
  | z.infer<typeof commandMessageSchema>;

export const helloMessageSchema = z.strictObject({
  type: z.literal('hello'),
  deviceId: z.uuid(),
  protocol: z.literal(PROTOCOL_VERSION),
  agentVersion: z.string().min(1).max(40),
  /** Ed25519 over `helloBytes(deviceId, nonce)`, base64url. */
  signature: signatureB64Schema,
});
export const heartbeatMessageSchema = z.strictObject({ type: z.literal('heartbeat') });
export const inventoryMessageSchema = z.strictObject({ type: z.literal('inventory'), inventory: inventorySchema });
export const ackMessageSchema = z.strictObject({ type: z.literal('ack'), commandId: z.uuid() });
export const commandStatusSchema = z.enum(['running', 'succeeded', 'failed', 'refused']);
export type AgentCommandStatus = z.infer<typeof commandStatusSchema>;
export const statusMessageSchema = z.strictObject({
  type: z.literal('status'),
  commandId: z.uuid(),
  status: commandStatusSchema,
  reason: refusalReasonSchema.optional(),
  detail: z.string().max(MAX_STATUS_DETAIL).optional(),
});

/** Agent → server. */
export const agentMessageSchema = z.discriminatedUnion('type', [
  helloMessageSchema,
  heartbeatMessageSchema,
  inventoryMessageSchema,
  ackMessageSchema,
  statusMessageSchema,
]);
export type AgentMessage = z.infer<typeof agentMessageSchema>;
export type HelloMessage = z.infer<typeof helloMessageSchema>;
export type StatusMessage = z.infer<typeof statusMessageSchema>;
