import { z } from 'zod';

export const CUSTOM_FIELD_TYPES = ['text', 'longText', 'number', 'date', 'dropdown', 'checkbox'] as const;
export const customFieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES);

export const customFieldKeySchema = z
  .string()
  .trim()
  .min(2)
  .max(40)
  .regex(/^[a-z][a-zA-Z0-9_]*$/, 'letters, digits and _; starts with a lowercase letter');

export const customFieldSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  label: z.string(),
  type: customFieldTypeSchema,
  options: z.array(z.string()),
  position: z.number().int(),
});
export type CustomField = z.infer<typeof customFieldSchema>;
export const customFieldListSchema = z.object({ items: z.array(customFieldSchema) });

export const customFieldCreateSchema = z
  .strictObject({
    key: customFieldKeySchema,
    label: z.string().trim().min(1).max(80),
    type: customFieldTypeSchema,
    options: z.array(z.string().trim().min(1).max(80)).max(100).default([]),
  })
  .refine((f) => f.type !== 'dropdown' || f.options.length > 0, { message: 'a dropdown needs options', path: ['options'] });
export const customFieldUpdateSchema = z.strictObject({
  label: z.string().trim().min(1).max(80).optional(),
  options: z.array(z.string().trim().min(1).max(80)).max(100).optional(),
  position: z.number().int().min(0).max(1000).optional(),
});
