import { z } from 'zod';
import { idSchema, pageQuerySchema, pageSchema } from './common.ts';

/** Issue 12 (SS-1, SS-2, SS-7): devices running the Porta agent, their enrolment and commands. */

export const enrolmentTokenCreateSchema = z.strictObject({ customerId: idSchema });
export const enrolmentTokenCreatedSchema = z.object({
  id: idSchema,
  token: z.string(),
  expiresAt: z.iso.datetime(),
});
export type EnrolmentTokenCreated = z.infer<typeof enrolmentTokenCreatedSchema>;

export const enrolmentTokenListQuerySchema = z.strictObject({ customerId: idSchema });
export const enrolmentTokenSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  usedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export const enrolmentTokenListSchema = z.object({ items: z.array(enrolmentTokenSchema) });
export type EnrolmentToken = z.infer<typeof enrolmentTokenSchema>;

export const deviceOsSchema = z.enum(['windows', 'macos', 'linux']);

export const deviceListQuerySchema = pageQuerySchema.extend({ customerId: idSchema.optional() });
export type DeviceListQuery = z.infer<typeof deviceListQuerySchema>;

export const deviceSummarySchema = z.object({
  id: idSchema,
  customerId: idSchema,
  customerName: z.string(),
  hostname: z.string(),
  os: deviceOsSchema,
  osVersion: z.string(),
  loggedInUser: z.string().nullable(),
  online: z.boolean(),
  lastSeenAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});
export type DeviceSummary = z.infer<typeof deviceSummarySchema>;
export const devicePageSchema = pageSchema(deviceSummarySchema);

export const commandStatusSchema = z.enum(['queued', 'sent', 'acknowledged', 'running', 'succeeded', 'failed', 'refused', 'expired', 'cancelled']);
export type CommandStatus = z.infer<typeof commandStatusSchema>;

export const commandEventSchema = z.object({ status: commandStatusSchema, at: z.iso.datetime(), detail: z.string().nullable() });
export const deviceCommandSchema = z.object({
  id: idSchema,
  action: z.string(),
  status: commandStatusSchema,
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  resultDetail: z.string().nullable(),
  refusalReason: z.string().nullable(),
  events: z.array(commandEventSchema),
});
export type DeviceCommand = z.infer<typeof deviceCommandSchema>;

export const inventoryDiskSchema = z.object({ mount: z.string(), sizeBytes: z.number(), freeBytes: z.number() });
export const deviceInventorySchema = z.object({
  hostname: z.string(),
  os: deviceOsSchema,
  osVersion: z.string(),
  arch: z.string(),
  loggedInUser: z.string().nullable(),
  serial: z.string().nullable(),
  agentVersion: z.string(),
  uptimeSeconds: z.number(),
  disks: z.array(inventoryDiskSchema),
});

export const deviceContactSchema = z.object({ id: idSchema, name: z.string(), email: z.string() });
export const deviceDetailSchema = deviceSummarySchema.extend({
  inventory: deviceInventorySchema,
  contacts: z.array(deviceContactSchema),
  commands: z.array(deviceCommandSchema),
});
export type DeviceDetail = z.infer<typeof deviceDetailSchema>;

export const deviceUpdateSchema = z.strictObject({ contactIds: z.array(idSchema).max(100) });

/** The portal's "My devices": the contact's assigned devices and their state. */
export const portalDeviceSchema = z.object({
  id: idSchema,
  hostname: z.string(),
  os: deviceOsSchema,
  osVersion: z.string(),
  online: z.boolean(),
  lastSeenAt: z.iso.datetime().nullable(),
});
export type PortalDevice = z.infer<typeof portalDeviceSchema>;
export const portalDeviceListSchema = z.object({ items: z.array(portalDeviceSchema) });

/** What the console's "Add device" dialog offers for download (`dist/agent/` when built). */
export const agentDownloadsSchema = z.object({
  built: z.boolean(),
  files: z.array(z.object({ platform: z.string(), file: z.string(), sizeBytes: z.number() })),
});
export type AgentDownloads = z.infer<typeof agentDownloadsSchema>;
