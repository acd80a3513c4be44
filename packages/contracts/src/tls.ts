import { z } from 'zod';

/** D-3: how this Porta gets HTTPS certificates (PORTA_TLS). */
export const tlsModeSchema = z.enum(['off', 'acme', 'file']);
export type TlsMode = z.infer<typeof tlsModeSchema>;

/** One host's certificate, as the console shows it. `none`: not ordered yet. */
export const tlsHostStateSchema = z.object({
  host: z.string(),
  state: z.enum(['none', 'pending', 'valid', 'failed']),
  validUntil: z.iso.datetime().nullable(),
  failureReason: z.string().nullable(),
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type TlsHostState = z.infer<typeof tlsHostStateSchema>;

export const tlsStatusSchema = z.object({ mode: tlsModeSchema, hosts: z.array(tlsHostStateSchema) });
export type TlsStatus = z.infer<typeof tlsStatusSchema>;

export const tlsAllowedQuerySchema = z.object({ domain: z.string().min(1).max(253) });
export const tlsAllowedSchema = z.object({ allowed: z.literal(true) });
