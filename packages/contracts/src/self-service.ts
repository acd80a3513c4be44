import { actionSchema } from '@porta/agent-protocol';
import { z } from 'zod';
import { pageQuerySchema, pageSchema } from './common.ts';
import { commandStatusSchema } from './devices.ts';

export { actionSchema };
export type SelfServiceAction = z.infer<typeof actionSchema>;

/** SS-6: enrolment of the contact's mobile number. */
export const phoneBodySchema = z.strictObject({ phone: z.string().trim().min(3).max(40) });
export const phoneAnswerSchema = z.object({ phone: z.string(), status: z.literal('code-sent') });
export const codeBodySchema = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) });
export const phoneStateSchema = z.object({ phone: z.string().nullable(), verified: z.boolean() });

/** `POST /api/v1/portal/devices/:id/actions` (issue 12 item 9). */
export const actionRequestBodySchema = z.strictObject({ action: actionSchema, packageId: z.uuid().optional() });

/**
 * Issue 13 item 5: what an action kind needs before its SMS code is sent, per tenant (default)
 * and per customer (override). `allowed`: the request sends the code. `confirm`: the request
 * waits until the requester confirms it (POST /portal/actions/:id/proceed), which sends the code.
 * `approval`: a primary contact of the company approves or denies first; once approved, the
 * requester confirms as under `confirm`. A primary contact's own request skips the approval.
 */
export const actionPolicySchema = z.enum(['allowed', 'confirm', 'approval']);
export type ActionPolicy = z.infer<typeof actionPolicySchema>;
/** Every action kind → its mode (the tenant's defaults, or a customer's effective modes). */
export const actionPoliciesSchema = z.strictObject({
  restart: actionPolicySchema,
  lock: actionPolicySchema,
  shutdown: actionPolicySchema,
  'reset-password': actionPolicySchema,
  logout: actionPolicySchema,
  'install-software': actionPolicySchema,
});
export type ActionPolicies = z.infer<typeof actionPoliciesSchema>;
/** A partial map: keys present replace (tenant PATCH) or override (customer PUT); absent keys inherit. */
export const actionPoliciesPatchSchema = actionPoliciesSchema.partial();
export type ActionPoliciesPatch = z.infer<typeof actionPoliciesPatchSchema>;
/** `GET|PUT /api/v1/customers/:id/action-policies`: the override and the resulting modes. */
export const customerActionPoliciesBodySchema = z.strictObject({ overrides: actionPoliciesPatchSchema });
export const customerActionPoliciesSchema = z.object({ overrides: actionPoliciesPatchSchema, effective: actionPoliciesSchema, tenantDefaults: actionPoliciesSchema });

export const actionStatusSchema = z.enum(['awaiting-confirmation', 'awaiting-approval', 'awaiting-code', 'confirmed', 'cancelled', 'expired', 'denied']);

export const selfServiceActionSchema = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  action: actionSchema,
  packageId: z.uuid().nullable(),
  status: actionStatusSchema,
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  requestedBy: z.object({ contactId: z.uuid(), name: z.string() }),
  /** The mode that applied when it was requested. */
  policy: actionPolicySchema,
  /** When a request still waiting for confirmation or approval lapses (else null). */
  expiresAt: z.string().nullable(),
  /** The primary contact's decision (approval mode), else null. */
  decision: z.object({ approved: z.boolean(), by: z.string(), at: z.string(), reason: z.string().nullable() }).nullable(),
  deviceName: z.string().nullable(),
  command: z
    .object({
      id: z.uuid(),
      status: commandStatusSchema,
      events: z.array(z.object({ status: commandStatusSchema, at: z.string(), detail: z.string().nullable() })),
      resultDetail: z.string().nullable(),
      refusalReason: z.string().nullable(),
    })
    .nullable(),
});
export type SelfServiceActionView = z.infer<typeof selfServiceActionSchema>;
export const actionCreatedSchema = z.object({ id: z.uuid(), status: z.enum(['awaiting-confirmation', 'awaiting-approval', 'awaiting-code']) });
/** Approve or deny (a primary contact), with an optional reason shown to the requester. */
export const approvalDecisionBodySchema = z.strictObject({ reason: z.string().trim().max(500).optional() });
export const cancelAllAnswerSchema = z.object({ requests: z.number().int(), commands: z.number().int() });
export const portalActionListSchema = z.object({ items: z.array(selfServiceActionSchema) });

/** Software a contact may install on one device (only its OS's packages). */
export const portalDeviceSoftwareSchema = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) });

export const auditQuerySchema = pageQuerySchema.extend({ subject: z.string().max(200).optional(), event: z.string().max(100).optional() });
export const auditEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  event: z.string(),
  subject: z.string(),
  data: z.unknown(),
  /** Who `actor` and `subject` name today (a person's name, a hostname, an action on a device); null when unknown or gone. */
  actorLabel: z.string().nullable(),
  subjectLabel: z.string().nullable(),
});
export const auditPageSchema = pageSchema(auditEntrySchema);
/** SS-7: the tenant's hash chain checked end to end (the console's "chain verified" mark). */
export const auditChainSchema = z.object({ ok: z.boolean(), rows: z.number().int(), brokenAt: z.number().int().nullable() });
