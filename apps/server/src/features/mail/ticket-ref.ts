import type { Keys } from '../../platform/crypto/keys.ts';
import { hmac, safeEqual } from '../../platform/crypto/tokens.ts';

/**
 * The ticket reference in mail subjects, `[#1042-k3J9xQ2mZa]`: the number people read and
 * an HMAC of tenant and ticket, so a subject naming someone else's ticket cannot be forged (T-9).
 */
function signature(keys: Keys, tenantId: string, ticketId: string): string {
  return hmac(keys.mailRef, `${tenantId}:${ticketId}`).slice(0, 10);
}

export function ticketRef(keys: Keys, tenantId: string, ticket: { id: string; number: number }): string {
  return `[#${ticket.number}-${signature(keys, tenantId, ticket.id)}]`;
}

/** The reference a subject carries, if any (the signature is checked once the ticket is found). */
export function parseTicketRef(subject: string): { number: number; signature: string } | null {
  const m = /\[#(\d{1,9})-([A-Za-z0-9_-]{10})\]/.exec(subject);
  return m ? { number: Number(m[1]), signature: m[2] ?? '' } : null;
}

export function refMatches(keys: Keys, tenantId: string, ticketId: string, sig: string): boolean {
  return safeEqual(signature(keys, tenantId, ticketId), sig);
}

/** The Message-ID every notification about a ticket refers to, so mail clients thread them. */
export function threadRoot(ticketId: string, domain: string): string {
  return `<ticket-${ticketId}@${domain}>`;
}
