import type { z } from 'zod';
import type { unknownSenderPolicySchema } from '@porta/contracts/mail';

/** A server Porta connects to, as stored (the password sealed with AES-GCM). */
export interface StoredServer {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  passwordEnc: string | null;
}

/** `mail_settings.settings` for one tenant. */
export interface StoredMailSettings {
  portalAddress: string | null;
  fromName: string | null;
  fromAddress: string | null;
  smtp: StoredServer | null;
  imap: (StoredServer & { mailbox: string }) | null;
  unknownSenders: z.infer<typeof unknownSenderPolicySchema>;
  /** The customer that holds tickets from unknown domains (created on first use). */
  triageCustomerId: string | null;
}

export function defaultMailSettings(): StoredMailSettings {
  return { portalAddress: null, fromName: null, fromAddress: null, smtp: null, imap: null, unknownSenders: 'triage', triageCustomerId: null };
}

export function resolveMailSettings(stored: unknown): StoredMailSettings {
  const base = defaultMailSettings();
  if (!stored || typeof stored !== 'object') return base;
  return { ...base, ...(stored as Partial<StoredMailSettings>) };
}
