import { z } from 'zod';
import { MAX_COMMAND_LIFETIME_MS, PROTOCOL_VERSION } from './constants.ts';
import {
  brewRefSchema,
  nonceSchema,
  packageSourceSchema,
  signatureB64Schema,
  simplePackageRefSchema,
  temporaryPasswordSchema,
  usernameSchema,
} from './patterns.ts';

/** The closed action set (SS-8). */
export const ACTIONS = ['restart', 'lock', 'shutdown', 'logout', 'reset-password', 'install-software'] as const;
export const actionSchema = z.enum(ACTIONS);
export type Action = z.infer<typeof actionSchema>;

export const emptyParamsSchema = z.strictObject({});
export const resetPasswordParamsSchema = z.strictObject({
  /** The logged-in local account, read by the server from the device's last inventory. */
  username: usernameSchema,
  temporaryPassword: temporaryPasswordSchema,
});
export const packageManagerSchema = z.enum(['choco', 'brew', 'winget']);
export type PackageManager = z.infer<typeof packageManagerSchema>;
export const installSoftwareParamsSchema = z
  .strictObject({
    /** The catalogue entry the contact picked (for audit/display; the agent installs packageRef). */
    packageId: z.string().min(1).max(100),
    manager: packageManagerSchema,
    /** choco/winget: the package id; brew: `cask:<token>` or `formula:<name>`. */
    packageRef: z.string().min(1).max(200),
    /** choco: private source URL or name; brew: tap `owner/repo`; winget: not used. */
    source: packageSourceSchema.optional(),
  })
  .superRefine((p, ctx) => {
    const ok = p.manager === 'brew' ? brewRefSchema.safeParse(p.packageRef).success : simplePackageRefSchema.safeParse(p.packageRef).success;
    if (!ok) ctx.addIssue({ code: 'custom', path: ['packageRef'], message: `packageRef does not fit ${p.manager}` });
    if (p.manager === 'winget' && p.source !== undefined) ctx.addIssue({ code: 'custom', path: ['source'], message: 'winget takes no source' });
  });
export type ResetPasswordParams = z.infer<typeof resetPasswordParamsSchema>;
export type InstallSoftwareParams = z.infer<typeof installSoftwareParamsSchema>;

/** Action and params, as a discriminated union on `action`. */
export const actionWithParamsSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('restart'), params: emptyParamsSchema }),
  z.strictObject({ action: z.literal('lock'), params: emptyParamsSchema }),
  z.strictObject({ action: z.literal('shutdown'), params: emptyParamsSchema }),
  z.strictObject({ action: z.literal('logout'), params: emptyParamsSchema }),
  z.strictObject({ action: z.literal('reset-password'), params: resetPasswordParamsSchema }),
  z.strictObject({ action: z.literal('install-software'), params: installSoftwareParamsSchema }),
]);
export type ActionWithParams = z.infer<typeof actionWithParamsSchema>;

const isoSchema = z.iso.datetime();

const envelopeShape = {
  v: z.literal(PROTOCOL_VERSION),
  id: z.uuid(),
  tenantId: z.uuid(),
  deviceId: z.uuid(),
  nonce: nonceSchema,
  /** The SMS verification (self-service request) this command was confirmed with. */
  verificationId: z.uuid(),
  issuedAt: isoSchema,
  expiresAt: isoSchema,
};

/** Whether `issuedAt < expiresAt <= issuedAt + 10 min`. */
export function lifetimeOk(issuedAt: string, expiresAt: string): boolean {
  const span = Date.parse(expiresAt) - Date.parse(issuedAt);
  return Number.isFinite(span) && span > 0 && span <= MAX_COMMAND_LIFETIME_MS;
}

const payloadVariants = [
  z.strictObject({ ...envelopeShape, action: z.literal('restart'), params: emptyParamsSchema }),
  z.strictObject({ ...envelopeShape, action: z.literal('lock'), params: emptyParamsSchema }),
  z.strictObject({ ...envelopeShape, action: z.literal('shutdown'), params: emptyParamsSchema }),
  z.strictObject({ ...envelopeShape, action: z.literal('logout'), params: emptyParamsSchema }),
  z.strictObject({ ...envelopeShape, action: z.literal('reset-password'), params: resetPasswordParamsSchema }),
  z.strictObject({ ...envelopeShape, action: z.literal('install-software'), params: installSoftwareParamsSchema }),
] as const;

/**
 * The signed content of a command. Strict: unknown keys, unknown actions, params of another
 * action and a lifetime over 10 minutes are all rejected.
 */
export const commandPayloadSchema = z
  .discriminatedUnion('action', [...payloadVariants])
  .refine((p) => lifetimeOk(p.issuedAt, p.expiresAt), { message: 'expiresAt must be after issuedAt and at most 10 minutes later', path: ['expiresAt'] });
export type CommandPayload = z.infer<typeof commandPayloadSchema>;

export const signedCommandSchema = z.strictObject({
  payload: commandPayloadSchema,
  signature: signatureB64Schema,
});
export type SignedCommand = z.infer<typeof signedCommandSchema>;

export const REFUSAL_REASONS = [
  'bad-signature',
  'expired',
  'replayed',
  'wrong-device',
  'unknown-action',
  'bad-params',
  'not-supported-on-os',
  'executor-failed',
] as const;
export const refusalReasonSchema = z.enum(REFUSAL_REASONS);
export type RefusalReason = z.infer<typeof refusalReasonSchema>;
