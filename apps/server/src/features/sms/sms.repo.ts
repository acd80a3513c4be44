import type { Db } from '../../platform/db/db.ts';
import { fetchPage, likePattern, pageWindow } from '../../platform/db/paging.ts';

const COLUMNS = ['id', 'to_e164', 'kind', 'body', 'body_enc', 'status', 'provider', 'error', 'created_at', 'sent_at'] as const;

/** The console "SMS outbox": every SMS of the tenant, newest first. */
export function listSms(db: Db, tenantId: string, q: { q?: string | undefined; page: number; pageSize: number }) {
  let base = db.selectFrom('sms_messages').where('tenant_id', '=', tenantId);
  if (q.q) base = base.where('to_e164', 'ilike', likePattern(q.q));
  const page = base.select(COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').$call(pageWindow(q)).execute();
  return fetchPage(page, base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
}
export type SmsRow = Awaited<ReturnType<typeof listSms>>['items'][number];
