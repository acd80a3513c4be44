import { z } from 'zod';

export const osSchema = z.enum(['windows', 'macos', 'linux']);
export type AgentOs = z.infer<typeof osSchema>;

export const diskSchema = z.strictObject({
  mount: z.string().min(1).max(500),
  sizeBytes: z.number().int().nonnegative(),
  freeBytes: z.number().int().nonnegative(),
});
export type Disk = z.infer<typeof diskSchema>;

/** What the agent reports at enrolment, on change and every 24 h. */
export const inventorySchema = z.strictObject({
  hostname: z.string().min(1).max(255),
  os: osSchema,
  osVersion: z.string().max(200),
  arch: z.string().max(40),
  loggedInUser: z.string().max(100).nullable(),
  serial: z.string().max(200).nullable(),
  agentVersion: z.string().max(40),
  uptimeSeconds: z.number().int().nonnegative(),
  disks: z.array(diskSchema).max(64),
});
export type Inventory = z.infer<typeof inventorySchema>;
