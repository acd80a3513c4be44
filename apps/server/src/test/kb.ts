import type { KbArticle } from '@porta/contracts/kb';
import type { Client } from './client.ts';

type Translations = Partial<Record<'en' | 'fr' | 'de' | 'es' | 'it', { title: string; body: string }>>;

/** Writes an article through the console API (published unless told), answering its id. */
export async function writeArticle(
  tech: Client,
  translations: Translations,
  opts: { status?: 'draft' | 'published'; categoryId?: string; audience?: { customerIds: string[] } | null; tags?: string[] } = {},
): Promise<string> {
  const res = await tech.post('/api/v1/kb/articles', { status: opts.status ?? 'published', translations, ...(opts.categoryId && { categoryId: opts.categoryId }), ...(opts.audience !== undefined && { audience: opts.audience }), ...(opts.tags && { tags: opts.tags }) });
  if (res.statusCode !== 201) throw new Error(`article not created: ${res.statusCode} ${res.body}`);
  return res.json<KbArticle>().id;
}

/** The ids a portal KB list or search answered, in order. */
export const itemIds = (res: { json: <T>() => T }) => res.json<{ items: Array<{ id: string }> }>().items.map((i) => i.id);

/** Sets the tenant's Knowledge base section (KB-2) as its admin would. */
export async function setKbSection(admin: Client, mode: 'off' | 'all' | 'selected', customerIds: string[] = []): Promise<void> {
  const res = await admin.patch('/api/v1/settings/portal', { sections: { kb: { mode, customerIds } } });
  if (res.statusCode !== 200) throw new Error(`portal settings not saved: ${res.statusCode} ${res.body}`);
}
