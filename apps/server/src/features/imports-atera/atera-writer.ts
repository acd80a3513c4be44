import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { emailSchema } from '@porta/contracts/common';
import { domainSchema } from '@porta/contracts/customers';
import type { z } from 'zod';
import type { AppContext } from '../../platform/context.ts';
import { encrypt } from '../../platform/crypto/keys.ts';
import { generatePassword, hashPassword } from '../../platform/crypto/passwords.ts';
import type { Db } from '../../platform/db/db.ts';
import { nextFreeUsername, usernameBase } from '../contacts/username.ts';
import { usernamesLike } from '../contacts/contacts.repo.ts';
import { htmlToText } from '../mail-inbound/html-to-text.ts';
import { ateraDate, cut, portaPriority, portaStatusKey, portaType } from './atera-map.ts';
import { type AteraContact, ateraArticleSchema, ateraCommentSchema, ateraContactSchema, ateraCustomerSchema, ateraTicketSchema } from './atera-shapes.ts';
import * as repo from './imports-atera.repo.ts';

/** What one page did. */
export interface Tally {
  imported: number;
  matched: number;
  skipped: number;
}

const emptyTally = (): Tally => ({ imported: 0, matched: 0, skipped: 0 });

/** Items of a page that parse; the others are counted as skipped. */
function parseAll<S extends z.ZodType>(schema: S, items: unknown[], tally: Tally): z.infer<S>[] {
  const ok: z.infer<S>[] = [];
  for (const item of items) {
    const r = schema.safeParse(item);
    if (r.success) ok.push(r.data);
    else tally.skipped++;
  }
  return ok;
}

function validEmail(raw: string | null | undefined): string | null {
  const r = emailSchema.safeParse(raw ?? '');
  return r.success ? r.data : null;
}

/** Atera's editor writes HTML; Porta keeps text (rendered as Markdown without raw HTML). */
export function plainText(raw: string | null | undefined): string {
  const s = (raw ?? '').trim();
  return /<[a-z!/][^>]*>/i.test(s) ? htmlToText(s).trim() : s;
}

interface Secret {
  password_hash: string;
  initial_password_enc: string;
}

/**
 * New contacts get generated credentials, as the console's do (shown on the contact page, sent
 * with the welcome e-mail when an admin chooses). Hashing costs ~22 ms each, so the secrets a
 * page will need are made before its transaction opens; one more is made inside if a guess fell short.
 */
export class SecretPool {
  private constructor(
    private readonly ctx: AppContext,
    private readonly ready: Secret[],
  ) {}

  static async of(ctx: AppContext, n: number): Promise<SecretPool> {
    return new SecretPool(ctx, await Promise.all(Array.from({ length: n }, () => makeSecret(ctx))));
  }

  async take(): Promise<Secret> {
    return this.ready.pop() ?? makeSecret(this.ctx);
  }
}

async function makeSecret(ctx: AppContext): Promise<Secret> {
  const password = generatePassword();
  return { password_hash: await hashPassword(password), initial_password_enc: encrypt(ctx.keys, password) };
}

export interface PageWriter {
  /** Reads what it can before the transaction (and makes the secrets it will need). */
  prepare(db: Db): Promise<void>;
  write(trx: Db): Promise<Tally>;
}

export function customersWriter(tenantId: string, items: unknown[]): PageWriter {
  const tally = emptyTally();
  const customers = parseAll(ateraCustomerSchema, items, tally);
  return {
    prepare: async () => {},
    async write(trx) {
      const known = await repo.mapped(trx, tenantId, 'customer', customers.map((c) => c.CustomerID));
      for (const c of customers) {
        if (known.has(c.CustomerID)) {
          tally.matched++;
          continue;
        }
        const { id } = await trx.insertInto('customers').values({ tenant_id: tenantId, name: cut(c.CustomerName, 120) }).returning('id').executeTakeFirstOrThrow();
        const domain = domainSchema.safeParse((c.Domain ?? '').trim().toLowerCase());
        if (domain.success) {
          // A domain another customer already holds stays with that customer.
          await sql`insert into customer_domains (tenant_id, customer_id, domain) values (${tenantId}, ${id}, ${domain.data}) on conflict do nothing`.execute(trx);
        }
        await repo.remember(trx, tenantId, 'customer', c.CustomerID, id);
        known.set(c.CustomerID, id);
        tally.imported++;
      }
      return tally;
    },
  };
}

async function insertContact(trx: Db, tenantId: string, language: string, secret: Secret, c: { customerId: string; email: string; firstName: string; lastName: string; phone: string | null; isPrimary: boolean }): Promise<string> {
  const firstName = cut(c.firstName.trim(), 120) || cut(c.email.split('@')[0] ?? '', 120);
  const lastName = cut(c.lastName.trim(), 120);
  const base = usernameBase(firstName, lastName, c.email);
  const username = nextFreeUsername(base, await usernamesLike(trx, tenantId, base));
  const { id } = await trx
    .insertInto('contacts')
    .values({
      tenant_id: tenantId,
      customer_id: c.customerId,
      first_name: firstName,
      last_name: lastName,
      email: c.email,
      username,
      is_primary: c.isPrimary,
      language,
      phone: c.phone ? cut(c.phone.trim(), 50) : null,
      welcome_sent_at: null,
      password_changed_at: null,
      ...secret,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export function contactsWriter(ctx: AppContext, tenantId: string, language: string, items: unknown[]): PageWriter {
  const tally = emptyTally();
  const contacts = parseAll(ateraContactSchema, items, tally);
  let secrets: SecretPool;
  return {
    async prepare(db) {
      const known = await repo.mapped(db, tenantId, 'contact', contacts.map((c) => c.id));
      const emails = await repo.contactsByEmail(db, tenantId, contacts.map((c) => validEmail(c.email)).filter((e) => e !== null));
      secrets = await SecretPool.of(ctx, contacts.filter((c) => !known.has(c.id) && validEmail(c.email) && !emails.has(validEmail(c.email) as string)).length);
    },
    async write(trx) {
      const known = await repo.mapped(trx, tenantId, 'contact', contacts.map((c) => c.id));
      const customers = await repo.mapped(trx, tenantId, 'customer', contacts.map((c) => c.customerId));
      const byEmail = await repo.contactsByEmail(trx, tenantId, contacts.map((c) => validEmail(c.email)).filter((e) => e !== null));
      for (const c of contacts) {
        if (known.has(c.id)) {
          tally.matched++;
          continue;
        }
        const email = validEmail(c.email);
        const customerId = customers.get(c.customerId);
        if (!email || !customerId) {
          tally.skipped++;
          continue;
        }
        // Porta knows this address already (typed in by hand, or another Atera contact with it): the same person.
        const existing = byEmail.get(email);
        if (existing) {
          await repo.remember(trx, tenantId, 'contact', c.id, existing);
          known.set(c.id, existing);
          tally.matched++;
          continue;
        }
        const id = await insertContact(trx, tenantId, language, await secrets.take(), { ...contactFields(c), customerId, email });
        await repo.remember(trx, tenantId, 'contact', c.id, id);
        known.set(c.id, id);
        byEmail.set(email, id);
        tally.imported++;
      }
      return tally;
    },
  };
}

function contactFields(c: AteraContact) {
  return { firstName: c.firstName, lastName: c.lastName, phone: c.phone, isPrimary: c.isPrimary };
}

type AteraTicket = z.infer<typeof ateraTicketSchema>;

/** The requester of an Atera ticket: its contact, else a contact with its e-mail, else a new contact of its customer. */
async function requesterOf(trx: Db, tenantId: string, language: string, t: AteraTicket, secrets: SecretPool, cache: Map<string, string>): Promise<string | null> {
  if (t.EndUserID) {
    const id = (await repo.mapped(trx, tenantId, 'contact', [t.EndUserID])).get(t.EndUserID);
    if (id) return id;
  }
  const email = validEmail(t.EndUserEmail);
  if (!email) return null;
  const cached = cache.get(email) ?? (await repo.contactsByEmail(trx, tenantId, [email])).get(email);
  if (cached) return cached;
  const customerId = t.CustomerID ? (await repo.mapped(trx, tenantId, 'customer', [t.CustomerID])).get(t.CustomerID) : undefined;
  if (!customerId) return null;
  const id = await insertContact(trx, tenantId, language, await secrets.take(), {
    customerId,
    email,
    firstName: t.EndUserFirstName ?? '',
    lastName: t.EndUserLastName ?? '',
    phone: null,
    isPrimary: false,
  });
  if (t.EndUserID) await repo.remember(trx, tenantId, 'contact', t.EndUserID, id);
  cache.set(email, id);
  return id;
}

export function ticketsWriter(ctx: AppContext, tenantId: string, language: string, items: unknown[]): PageWriter {
  const tally = emptyTally();
  const tickets = parseAll(ateraTicketSchema, items, tally);
  let secrets: SecretPool;
  return {
    async prepare(db) {
      const known = await repo.mapped(db, tenantId, 'ticket', tickets.map((t) => t.TicketID));
      const contacts = await repo.mapped(db, tenantId, 'contact', tickets.flatMap((t) => (t.EndUserID ? [t.EndUserID] : [])));
      const emails = await repo.contactsByEmail(db, tenantId, tickets.map((t) => validEmail(t.EndUserEmail)).filter((e) => e !== null));
      const missing = new Set(
        tickets
          .filter((t) => !known.has(t.TicketID) && !(t.EndUserID && contacts.has(t.EndUserID)))
          .map((t) => validEmail(t.EndUserEmail))
          .filter((e): e is string => e !== null && !emails.has(e)),
      );
      secrets = await SecretPool.of(ctx, missing.size);
    },
    async write(trx) {
      const known = await repo.mapped(trx, tenantId, 'ticket', tickets.map((t) => t.TicketID));
      const created = new Map<string, string>();
      for (const t of tickets) {
        if (known.has(t.TicketID)) {
          tally.matched++;
          continue;
        }
        const requesterId = await requesterOf(trx, tenantId, language, t, secrets, created);
        if (!requesterId) {
          tally.skipped++;
          continue;
        }
        const when = ateraDate(t.TicketCreatedDate) ?? new Date();
        const subject = cut(t.TicketTitle.trim(), 200) || `Atera #${t.TicketID}`;
        const r = await sql<{ id: string }>`
          insert into tickets (tenant_id, number, customer_id, requester_id, status_id, subject, description, priority, type, impact, created_at, updated_at)
          select ${tenantId}, nextval(ticket_number_sequence(${tenantId}::uuid)::regclass), rq.customer_id, rq.id, st.id,
                 ${subject}, ${cut(plainText(t.FirstComment), 50_000)}, ${portaPriority(t.TicketPriority)}, ${portaType(t.TicketType)}, 'low', ${when}, ${when}
          from contacts rq join ticket_statuses st on st.tenant_id = rq.tenant_id and st.key = ${portaStatusKey(t.TicketStatus)}
          where rq.tenant_id = ${tenantId} and rq.id = ${requesterId}
          returning id`.execute(trx);
        const id = r.rows[0]?.id;
        if (!id) {
          tally.skipped++;
          continue;
        }
        await repo.remember(trx, tenantId, 'ticket', t.TicketID, id);
        known.set(t.TicketID, id);
        tally.imported++;
      }
      return tally;
    },
  };
}

/** Atera gives comments no id: one is made from the ticket, the time and the text, the same on every read. */
export function commentKey(ticketId: string, at: string | null | undefined, text: string): string {
  return `${ticketId}:${at ?? ''}:${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;
}

export function commentsWriter(tenantId: string, ticket: { externalId: string; portaId: string }, items: unknown[]): PageWriter {
  const tally = emptyTally();
  const comments = parseAll(ateraCommentSchema, items, tally);
  return {
    prepare: async () => {},
    async write(trx) {
      const keys = comments.map((c) => commentKey(ticket.externalId, c.CommentTimestampUTC, c.CommentText));
      const known = await repo.mapped(trx, tenantId, 'comment', keys);
      const row = await trx.selectFrom('tickets').select('description').where('tenant_id', '=', tenantId).where('id', '=', ticket.portaId).executeTakeFirst();
      if (!row) {
        // The imported ticket was deleted in Porta since: its comments have nowhere to go.
        tally.skipped += comments.length;
        return tally;
      }
      for (const [i, c] of comments.entries()) {
        const key = keys[i] as string;
        const body = cut(plainText(c.CommentText), 50_000);
        // Atera's first comment is the ticket's description, already imported as such.
        if (known.has(key) || (body !== '' && body === row.description)) {
          tally.matched++;
          continue;
        }
        if (body === '') {
          tally.skipped++;
          continue;
        }
        const endUser = c.EndUserID ?? c.EnduserID ?? null;
        let author = endUser ? (await repo.mapped(trx, tenantId, 'contact', [endUser])).get(endUser) : undefined;
        const email = validEmail(c.Email);
        if (!author && email) author = (await repo.contactsByEmail(trx, tenantId, [email])).get(email);
        // A technician's comment: Porta has no account for Atera's technicians, so the name goes in the text.
        const who = [c.FirstName, c.LastName].filter(Boolean).join(' ').trim();
        const text = author || !who ? body : `**${who}** (Atera):\n\n${body}`;
        const { id } = await trx
          .insertInto('ticket_comments')
          .values({
            tenant_id: tenantId,
            ticket_id: ticket.portaId,
            author_contact_id: author ?? null,
            author_technician_id: null,
            internal: c.IsInternal === true,
            body: text,
            created_at: ateraDate(c.CommentTimestampUTC) ?? new Date(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await repo.remember(trx, tenantId, 'comment', key, id);
        known.set(key, id);
        tally.imported++;
      }
      return tally;
    },
  };
}

export function articlesWriter(tenantId: string, language: string, authorId: string | null, items: unknown[], created: string[]): PageWriter {
  const tally = emptyTally();
  const articles = parseAll(ateraArticleSchema, items, tally);
  return {
    prepare: async () => {},
    async write(trx) {
      const known = await repo.mapped(trx, tenantId, 'article', articles.map((a) => a.KBID));
      for (const a of articles) {
        if (known.has(a.KBID)) {
          tally.matched++;
          continue;
        }
        const body = cut(plainText(a.KBContext), 100_000);
        const title = cut((a.KBProduct ?? '').trim() || body.split('\n')[0]?.trim() || `Atera KB ${a.KBID}`, 200);
        const tags = [...new Set((a.KBKeywords ?? '').split(/[,;]/).map((s) => s.trim().toLowerCase()).filter((s) => s && s.length <= 40))].slice(0, 20);
        const internal = a.KBInternal === true;
        const { id } = await trx
          .insertInto('kb_articles')
          .values({ tenant_id: tenantId, category_id: null, status: internal ? 'draft' : 'published', tags, author_id: authorId, published_at: internal ? null : new Date(), audience_customer_ids: [] })
          .returning('id')
          .executeTakeFirstOrThrow();
        await trx.insertInto('kb_translations').values({ article_id: id, tenant_id: tenantId, language, title, body, updated_at: new Date() }).execute();
        await repo.remember(trx, tenantId, 'article', a.KBID, id);
        known.set(a.KBID, id);
        created.push(id);
        tally.imported++;
      }
      return tally;
    },
  };
}
