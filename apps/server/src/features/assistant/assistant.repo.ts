import type { AssistantCard, Interpretation } from '@porta/contracts/assistant';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/db.ts';

/** Sessions and messages (AI-1): every read is scoped to the tenant AND the owning contact. */
export interface SessionRow {
  id: string;
  title: string;
  ticket_id: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface MessageRow {
  id: string;
  role: 'contact' | 'assistant';
  text: string;
  cards: AssistantCard[];
  interpretation: Interpretation | null;
  created_at: Date;
}

const SESSION_COLUMNS = ['id', 'title', 'ticket_id', 'created_at', 'updated_at'] as const;

export function findSession(db: Db, tenantId: string, contactId: string, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('assistant_sessions').select(SESSION_COLUMNS).where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).where('id', '=', id).executeTakeFirst();
}

export function listSessions(db: Db, tenantId: string, contactId: string, limit = 50): Promise<SessionRow[]> {
  return db.selectFrom('assistant_sessions').select(SESSION_COLUMNS).where('tenant_id', '=', tenantId).where('contact_id', '=', contactId).orderBy('updated_at', 'desc').limit(limit).execute();
}

export function insertSession(db: Db, tenantId: string, s: { contactId: string; customerId: string; title: string }): Promise<SessionRow> {
  return db.insertInto('assistant_sessions').values({ tenant_id: tenantId, contact_id: s.contactId, customer_id: s.customerId, title: s.title }).returning(SESSION_COLUMNS).executeTakeFirstOrThrow();
}

export async function touchSession(db: Db, tenantId: string, id: string, ticketId?: string): Promise<void> {
  await db
    .updateTable('assistant_sessions')
    .set({ updated_at: new Date(), ...(ticketId !== undefined && { ticket_id: ticketId }) })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .execute();
}

/** The session's latest `limit` messages, oldest first. */
export async function listMessages(db: Db, tenantId: string, sessionId: string, limit = 200): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('assistant_messages')
    .select(['id', 'role', 'text', 'cards', 'interpretation', 'created_at'])
    .where('tenant_id', '=', tenantId)
    .where('session_id', '=', sessionId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse().map((r) => ({ ...r, cards: r.cards as AssistantCard[], interpretation: r.interpretation as Interpretation | null }));
}

export async function insertMessage(db: Db, tenantId: string, sessionId: string, m: { role: 'contact' | 'assistant'; text: string; cards?: AssistantCard[]; interpretation?: Interpretation | null }): Promise<MessageRow> {
  const row = await db
    .insertInto('assistant_messages')
    .values({ tenant_id: tenantId, session_id: sessionId, role: m.role, text: m.text, cards: JSON.stringify(m.cards ?? []), interpretation: m.interpretation ? JSON.stringify(m.interpretation) : null })
    .returning(['id', 'role', 'text', 'cards', 'interpretation', 'created_at'])
    .executeTakeFirstOrThrow();
  return { ...row, cards: row.cards as AssistantCard[], interpretation: row.interpretation as Interpretation | null };
}

export async function updateMessageCards(db: Db, tenantId: string, id: string, cards: AssistantCard[]): Promise<void> {
  await db.updateTable('assistant_messages').set({ cards: JSON.stringify(cards) }).where('tenant_id', '=', tenantId).where('id', '=', id).execute();
}

/** Sessions holding an action card for this self-service request, with their owner (the transcript follower). */
export function sessionsWithRequest(db: Db, tenantId: string, requestId: string) {
  return db
    .selectFrom('assistant_messages as m')
    .innerJoin('assistant_sessions as s', 's.id', 'm.session_id')
    .innerJoin('contacts as c', 'c.id', 's.contact_id')
    .select(['s.id', 's.title', 's.ticket_id', 'c.id as contact_id', 'c.customer_id', 'c.first_name', 'c.last_name', 'c.language'])
    .distinct()
    .where('m.tenant_id', '=', tenantId)
    .where('s.tenant_id', '=', tenantId)
    .where(sql<boolean>`m.cards @> ${JSON.stringify([{ requestId }])}::jsonb`)
    .execute();
}
