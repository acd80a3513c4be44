import { z } from 'zod';
import { nameSchema, pageQuerySchema, pageSchema } from './common.ts';

export const domainSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .regex(/^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'a domain such as example.com');

export const customerSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  domains: z.array(z.string()),
  contactCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Customer = z.infer<typeof customerSchema>;

export const customerCreateSchema = z.strictObject({
  name: nameSchema,
  domains: z.array(domainSchema).max(50).default([]),
});
export const customerUpdateSchema = z.strictObject({
  name: nameSchema.optional(),
  domains: z.array(domainSchema).max(50).optional(),
});
export const customerListQuerySchema = pageQuerySchema;
export const customerPageSchema = pageSchema(customerSchema);
