import { z } from 'zod';
import { pageQuerySchema } from './common.ts';

export const PRIORITIES = ['low', 'medium', 'high', 'critical'] as const;
export const TICKET_TYPES = ['question', 'incident', 'problem', 'request'] as const;
export const IMPACTS = ['low', 'medium', 'high'] as const;
export const prioritySchema = z.enum(PRIORITIES);
export const ticketTypeSchema = z.enum(TICKET_TYPES);
export const impactSchema = z.enum(IMPACTS);
export type Priority = z.infer<typeof prioritySchema>;

/** Status keys: `open`, `pending`, `resolved`, `closed` by default, plus the tenant's own. */
export const statusKeySchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9-]*$/);
export const statusCategorySchema = z.enum(['open', 'closed']);

export const ticketStatusSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  /** The tenant's name for its own statuses; default statuses are named by the UI catalogue (`ticketStatus.<key>`). */
  name: z.string().nullable(),
  category: statusCategorySchema,
  isDefault: z.boolean(),
  position: z.number().int(),
});
export type TicketStatus = z.infer<typeof ticketStatusSchema>;
export const ticketStatusListSchema = z.object({ items: z.array(ticketStatusSchema) });
export const ticketStatusCreateSchema = z.strictObject({
  key: statusKeySchema,
  name: z.string().trim().min(1).max(60),
  category: statusCategorySchema,
});
export const ticketStatusUpdateSchema = z.strictObject({
  name: z.string().trim().min(1).max(60).optional(),
  category: statusCategorySchema.optional(),
  position: z.number().int().min(0).max(1000).optional(),
});

/** Custom field values: text, long text, number, date (YYYY-MM-DD), dropdown (an option), checkbox. */
export const customFieldValueSchema = z.union([z.string().max(10_000), z.number().finite(), z.boolean(), z.null()]);
export const customFieldValuesSchema = z.record(z.string().max(60), customFieldValueSchema);

const markdown = z.string().max(50_000);

export const personRefSchema = z.object({ id: z.uuid(), name: z.string() });

export const ticketSummarySchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  subject: z.string(),
  status: ticketStatusSchema,
  priority: prioritySchema.optional(),
  type: ticketTypeSchema.optional(),
  impact: impactSchema.optional(),
  customer: personRefSchema,
  requester: personRefSchema.extend({ email: z.string() }),
  assignee: personRefSchema.nullable().optional(),
  dueAt: z.string().nullable().optional(),
  billed: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

export const attachmentSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  commentId: z.uuid().nullable(),
  createdAt: z.string(),
  url: z.string(),
});

export const commentSchema = z.object({
  id: z.uuid(),
  body: z.string(),
  internal: z.boolean(),
  author: z.object({ kind: z.enum(['contact', 'technician', 'system']), id: z.uuid().nullable(), name: z.string() }),
  createdAt: z.string(),
});
export type TicketComment = z.infer<typeof commentSchema>;

export const ticketDetailSchema = ticketSummarySchema.extend({
  description: z.string(),
  billedMinutes: z.number().int().optional(),
  customFields: customFieldValuesSchema,
  comments: z.array(commentSchema),
  attachments: z.array(attachmentSchema),
});
export type TicketDetail = z.infer<typeof ticketDetailSchema>;

export const ticketListQuerySchema = pageQuerySchema.extend({
  status: z.string().max(40).optional(),
  customerId: z.uuid().optional(),
  assigneeId: z.union([z.uuid(), z.literal('none')]).optional(),
  priority: prioritySchema.optional(),
  type: ticketTypeSchema.optional(),
  sort: z.enum(['newest', 'oldest', 'updated', 'priority', 'due']).default('newest'),
});
export const ticketPageSchema = z.object({
  items: z.array(ticketSummarySchema),
  /** How many match; with `totalExact` false, a lower bound: the server counts 1,000 past the page's first row at most. */
  total: z.number().int(),
  totalExact: z.boolean(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** A due date: an ISO instant with its offset; null clears it (console and portal alike). */
const dueAtSchema = z.iso.datetime({ offset: true }).nullable();

export const ticketCreateSchema = z.strictObject({
  contactId: z.uuid(),
  subject: z.string().trim().min(1).max(200),
  description: markdown.default(''),
  priority: prioritySchema.default('medium'),
  type: ticketTypeSchema.default('incident'),
  impact: impactSchema.default('low'),
  assigneeId: z.uuid().nullable().optional(),
  dueAt: dueAtSchema.optional(),
  customFields: customFieldValuesSchema.optional(),
});
export const ticketUpdateSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200).optional(),
  description: markdown.optional(),
  status: z.string().max(40).optional(),
  priority: prioritySchema.optional(),
  type: ticketTypeSchema.optional(),
  impact: impactSchema.optional(),
  assigneeId: z.uuid().nullable().optional(),
  dueAt: dueAtSchema.optional(),
  billed: z.boolean().optional(),
  billedMinutes: z.number().int().min(0).max(100_000).optional(),
  customFields: customFieldValuesSchema.optional(),
});
export const commentCreateSchema = z.strictObject({ body: z.string().trim().min(1).max(50_000), internal: z.boolean().default(false) });

/** Portal: the contact writes only what field visibility allows. */
export const portalTicketCreateSchema = z.strictObject({
  subject: z.string().trim().min(1).max(200),
  description: markdown.default(''),
  priority: prioritySchema.optional(),
  type: ticketTypeSchema.optional(),
  impact: impactSchema.optional(),
  /** A technician of the tenant (offered by the ticket form when assignee is editable); null for none. */
  assigneeId: z.uuid().nullable().optional(),
  dueAt: dueAtSchema.optional(),
  customFields: customFieldValuesSchema.optional(),
});
export const portalTicketUpdateSchema = z.strictObject({
  priority: prioritySchema.optional(),
  type: ticketTypeSchema.optional(),
  impact: impactSchema.optional(),
  /** null unassigns. */
  assigneeId: z.uuid().nullable().optional(),
  /** null clears the due date. */
  dueAt: dueAtSchema.optional(),
  /** `resolved` to resolve, `open` to reopen (when the tenant allows it). */
  status: z.enum(['resolved', 'open']).optional(),
  customFields: customFieldValuesSchema.optional(),
});
export const portalCommentCreateSchema = z.strictObject({ body: z.string().trim().min(1).max(50_000) });
export const portalTicketListQuerySchema = pageQuerySchema.extend({
  scope: z.enum(['mine', 'company']).default('mine'),
  status: z.string().max(40).optional(),
});

/** What the signed-in contact may do with a ticket, computed by the server from the portal settings. */
export const portalPermissionsSchema = z.object({
  /** Field keys the contact may change: `priority`, `type`, `impact`, `assignee`, `dueDate`, `custom.<key>`. */
  editable: z.array(z.string()),
  canComment: z.boolean(),
  canResolve: z.boolean(),
  canReopen: z.boolean(),
  /** Why the ticket is read-only for the contact, if it is (T-5). */
  readOnlyReason: z.enum(['billed']).nullable(),
});
export const portalTicketDetailSchema = ticketDetailSchema.extend({ permissions: portalPermissionsSchema });
export type PortalTicketDetail = z.infer<typeof portalTicketDetailSchema>;

/** The portal's ticket form and filters: only fields the contact may see, with how they may use them. */
export const portalTicketFormSchema = z.object({
  fields: z.array(
    z.object({
      key: z.string(),
      kind: z.enum(['default', 'custom']),
      type: z.enum(['text', 'longText', 'number', 'date', 'dropdown', 'checkbox', 'priority', 'type', 'impact', 'assignee', 'dueDate']),
      label: z.string().nullable(),
      options: z.array(z.string()),
      visibility: z.enum(['edit', 'readonly']),
      /** The technicians a contact may assign: only on the `assignee` field, and only when it is editable. */
      choices: z.array(personRefSchema).optional(),
    }),
  ),
  statuses: z.array(ticketStatusSchema),
  allowReopen: z.boolean(),
});
export type PortalTicketForm = z.infer<typeof portalTicketFormSchema>;
