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

export const actionStatusSchema = z.enum(['awaiting-code', 'confirmed', 'cancelled', 'expired']);

export const selfServiceActionSchema = z.object({
  id: z.uuid(),
  deviceId: z.uuid(),
  action: actionSchema,
  packageId: z.uuid().nullable(),
  status: actionStatusSchema,
  createdAt: z.string(),
  confirmedAt: z.string().nullable(),
  requestedBy: z.object({ contactId: z.uuid(), name: z.string() }),
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
export const actionCreatedSchema = z.object({ id: z.uuid(), status: z.literal('awaiting-code') });
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
