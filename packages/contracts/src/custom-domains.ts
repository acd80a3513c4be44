import { z } from 'zod';

/** D-2: the state of a custom portal domain. `failed` carries a reason. */
export const customDomainStateSchema = z.enum(['pending', 'verified', 'failed']);
export type CustomDomainState = z.infer<typeof customDomainStateSchema>;

/** Why a DNS check failed (stable codes; the console words them). */
export const customDomainFailureSchema = z.enum(['no_record', 'wrong_target', 'dns_error']);
export type CustomDomainFailure = z.infer<typeof customDomainFailureSchema>;

export const customDomainSchema = z.object({
  id: z.uuid(),
  /** Lower case, IDN in punycode (`xn--…`). */
  name: z.string(),
  state: customDomainStateSchema,
  failureReason: customDomainFailureSchema.nullable(),
  /** What the record should say: a CNAME from `name` to `target` (the tenant's generated host). */
  record: z.object({ type: z.literal('CNAME'), name: z.string(), target: z.string() }),
  checkedAt: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type CustomDomain = z.infer<typeof customDomainSchema>;

export const customDomainListSchema = z.object({
  /** The tenant's generated host, the target of every CNAME. */
  target: z.string(),
  domains: z.array(customDomainSchema),
});
export type CustomDomainList = z.infer<typeof customDomainListSchema>;

export const customDomainCreateSchema = z.strictObject({ name: z.string().min(1).max(300) });
export type CustomDomainCreate = z.infer<typeof customDomainCreateSchema>;

/** At most this many custom domains per tenant. */
export const MAX_CUSTOM_DOMAINS = 5;
