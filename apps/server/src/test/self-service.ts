import { sql } from 'kysely';
import type { AppContext } from '../platform/context.ts';
import type { Client } from './client.ts';
import { drainOutbox } from './mail.ts';

/** Turns the portal's Self-service section off, on for all, or on for some customers (SS-3). */
export async function setSelfServiceSection(admin: Client, mode: 'off' | 'all' | 'selected', customerIds: string[] = []): Promise<void> {
  const res = await admin.patch('/api/v1/settings/portal', { sections: { selfService: { mode, customerIds } } });
  if (res.statusCode !== 200) throw new Error(`portal settings not saved: ${res.statusCode} ${res.body}`);
}

/** Delivers queued SMS (through the outbox worker) and answers the newest SMS text sent to `to` as the console outbox shows it. */
export async function lastSmsTo(ctx: AppContext, admin: Client, tenantId: string, to: string): Promise<string> {
  await drainOutbox(ctx, [tenantId]);
  const res = await admin.get(`/api/v1/sms-outbox?q=${encodeURIComponent(to)}`);
  const body = res.json<{ items: { body: string; to: string }[] }>();
  const first = body.items.find((m) => m.to === to);
  if (!first) throw new Error(`no SMS to ${to}`);
  return first.body;
}

export function codeIn(text: string): string {
  const m = /\b(\d{6})\b/.exec(text);
  if (!m?.[1]) throw new Error(`no code in "${text}"`);
  return m[1];
}

/** Moves a contact's codes back in time (expiry and hourly caps without waiting). */
export async function ageCodes(ctx: AppContext, tenantId: string, contactId: string, ms: number): Promise<void> {
  await sql`update sms_codes set created_at = created_at - make_interval(secs => ${ms / 1000}), expires_at = expires_at - make_interval(secs => ${ms / 1000}) where tenant_id = ${tenantId} and contact_id = ${contactId}`.execute(ctx.db);
}
