import type { KbArticle, KbArticleSummary, KbCategory } from '@porta/contracts/kb';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectError, expectStatus } from '../../test/assertions.ts';
import { type Client, mintSession } from '../../test/client.ts';
import { makeCustomer, makeTechnician, makeTenant, type TenantFixture } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { writeArticle } from '../../test/kb.ts';

const t = useTestApp();

let fx: TenantFixture;
let other: TenantFixture;
let admin: Client;
let tech: Client;
let outsider: Client;
let categories: { network: string; printing: string };

interface Page {
  items: KbArticleSummary[];
  total: number;
}
const ids = (res: { json: <T>() => T }) => res.json<Page>().items.map((i) => i.id);
const articleRow = (id: string) => t.ctx.db.selectFrom('kb_articles').selectAll().where('id', '=', id).executeTakeFirst();
const translationRows = (id: string) => t.ctx.db.selectFrom('kb_translations').select(['language', 'title', 'body']).where('article_id', '=', id).orderBy('language').execute();

beforeAll(async () => {
  fx = await makeTenant(t.ctx);
  other = await makeTenant(t.ctx);
  admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const person = await makeTechnician(t.ctx, fx.tenant.id, { language: 'it' });
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', person.id);
  outsider = await mintSession(t.app, t.ctx, other.host, other.tenant.id, 'technician', other.admin.id);
  const mk = async (names: Record<string, string>) => (await tech.post('/api/v1/kb/categories', { names })).json<KbCategory>().id;
  categories = { network: await mk({ en: 'Network', it: 'Rete' }), printing: await mk({ en: 'Printing', it: 'Stampa' }) };
});

describe('KB articles in the console (KB-1)', () => {
  it('a technician writes an article with two translations; it records author, category, tags and times', async () => {
    const res = await tech.post('/api/v1/kb/articles', {
      categoryId: categories.printing,
      status: 'draft',
      tags: ['Printer', 'printer', 'spooler'],
      translations: { en: { title: 'Printer offline', body: '# Fix\n1. Restart' }, it: { title: 'Stampante offline', body: '# Soluzione' } },
    });
    expectStatus(res, 201);
    const article = res.json<KbArticle>();
    expect(article).toMatchObject({ status: 'draft', tags: ['printer', 'spooler'], category: { id: categories.printing, name: 'Stampa' }, audience: null, publishedAt: null });
    expect(article.author?.name).toMatch(/^Tech /);
    expect(Object.keys(article.translations).sort()).toEqual(['en', 'it']);
    expect(article.translations.it?.title).toBe('Stampante offline');
  });

  it('publishes and unpublishes; publishing stamps publishedAt', async () => {
    const id = await writeArticle(tech, { en: { title: 'Wi-Fi', body: 'Join "Corp".' } }, { status: 'draft' });
    const published = await tech.patch(`/api/v1/kb/articles/${id}`, { status: 'published' });
    expectStatus(published, 200);
    expect(published.json<KbArticle>().publishedAt).not.toBeNull();
    const draft = await tech.patch(`/api/v1/kb/articles/${id}`, { status: 'draft' });
    expect(draft.json<KbArticle>().status).toBe('draft');
  });

  it('adds, changes and removes translations; removing the last one is refused and changes nothing', async () => {
    const id = await writeArticle(tech, { en: { title: 'Mail', body: 'Outlook.' } });
    const added = await tech.patch(`/api/v1/kb/articles/${id}`, { translations: { de: { title: 'E-Mail', body: 'Outlook.' }, en: { title: 'E-mail', body: 'Outlook!' } } });
    expect(Object.keys(added.json<KbArticle>().translations).sort()).toEqual(['de', 'en']);
    const removed = await tech.patch(`/api/v1/kb/articles/${id}`, { translations: { de: null } });
    expect(Object.keys(removed.json<KbArticle>().translations)).toEqual(['en']);
    const before = await translationRows(id);
    expectError(await tech.patch(`/api/v1/kb/articles/${id}`, { translations: { en: null }, status: 'draft' }), 400, 'KB_TRANSLATION_REQUIRED');
    expect(await translationRows(id)).toEqual(before);
    expect((await articleRow(id))?.status).toBe('published');
  });

  it('refuses bad input with stable codes and writes nothing', async () => {
    expectError(await tech.post('/api/v1/kb/articles', { translations: {} }), 400, 'KB_TRANSLATION_REQUIRED');
    expectError(await tech.post('/api/v1/kb/articles', { translations: { pt: { title: 'x', body: 'y' } } }), 400, 'VALIDATION_FAILED');
    expectError(await tech.post('/api/v1/kb/articles', { translations: { en: { title: ' ', body: 'y' } } }), 400, 'VALIDATION_FAILED');
    expectError(await tech.post('/api/v1/kb/articles', { translations: { en: { title: 'x', body: 'y' } }, secret: 1 }), 400, 'VALIDATION_FAILED');
    expectError(await tech.post('/api/v1/kb/articles', { translations: { en: { title: 'x'.repeat(201), body: 'y' } } }), 400, 'VALIDATION_FAILED');
    expectError(await tech.post('/api/v1/kb/articles', { categoryId: crypto.randomUUID(), translations: { en: { title: 'Lost', body: 'y' } } }), 404, 'KB_CATEGORY_NOT_FOUND');
    const foreignCustomer = await makeCustomer(t.ctx, other.tenant.id);
    expectError(
      await tech.post('/api/v1/kb/articles', { audience: { customerIds: [foreignCustomer.id] }, translations: { en: { title: 'Leak', body: 'y' } } }),
      404,
      'CUSTOMER_NOT_FOUND',
    );
    const n = await t.ctx.db.selectFrom('kb_translations').select('title').where('tenant_id', '=', fx.tenant.id).where('title', 'in', ['x', 'Lost', 'Leak']).execute();
    expect(n).toEqual([]);
  });

  it('drops control characters from bodies', async () => {
    const id = await writeArticle(tech, { en: { title: 'Ctl\u0002', body: 'a\u0000b\u0003c\nd' } });
    expect(await translationRows(id)).toEqual([{ language: 'en', title: 'Ctl', body: 'abc\nd' }]);
  });

  it('lists with filters (category, language, status) and search, titled in the chosen language', async () => {
    const net = await writeArticle(tech, { en: { title: 'Router reboot', body: 'Unplug it.' }, it: { title: 'Riavvio del router', body: 'Scollegalo.' } }, { categoryId: categories.network });
    const draft = await writeArticle(tech, { fr: { title: 'Proxy réseau', body: 'Paramètres.' } }, { categoryId: categories.network, status: 'draft' });
    let res = await tech.get(`/api/v1/kb/articles?categoryId=${categories.network}`);
    expect(ids(res).sort()).toEqual([net, draft].sort());
    res = await tech.get(`/api/v1/kb/articles?categoryId=${categories.network}&status=draft`);
    expect(ids(res)).toEqual([draft]);
    res = await tech.get(`/api/v1/kb/articles?categoryId=${categories.network}&language=it`);
    expect(res.json<Page>().items).toMatchObject([{ id: net, title: 'Riavvio del router', language: 'it', languages: ['en', 'it'] }]);
    expect(ids(await tech.get('/api/v1/kb/articles?q=reseau'))).toEqual([draft]);
    expect(ids(await tech.get('/api/v1/kb/articles?q=riavvio'))).toEqual([net]);
    expect(ids(await tech.get('/api/v1/kb/articles?q=rebooting'))).toEqual([net]);
    expectError(await tech.get('/api/v1/kb/articles?language=pt'), 400, 'VALIDATION_FAILED');
  });

  it('deletes an article', async () => {
    const id = await writeArticle(tech, { en: { title: 'Old', body: 'x' } });
    expectStatus(await tech.delete(`/api/v1/kb/articles/${id}`), 204);
    expectError(await tech.get(`/api/v1/kb/articles/${id}`), 404, 'KB_ARTICLE_NOT_FOUND');
  });

  it('another tenant never reaches an article or category: 404, unchanged', async () => {
    const id = await writeArticle(tech, { en: { title: 'Private', body: 'x' } });
    expectError(await outsider.get(`/api/v1/kb/articles/${id}`), 404, 'KB_ARTICLE_NOT_FOUND');
    expectError(await outsider.patch(`/api/v1/kb/articles/${id}`, { status: 'draft' }), 404, 'KB_ARTICLE_NOT_FOUND');
    expectError(await outsider.delete(`/api/v1/kb/articles/${id}`), 404, 'KB_ARTICLE_NOT_FOUND');
    expectError(await outsider.patch(`/api/v1/kb/categories/${categories.network}`, { names: { en: 'Mine' } }), 404, 'KB_CATEGORY_NOT_FOUND');
    expectError(await outsider.post('/api/v1/kb/articles', { categoryId: categories.network, translations: { en: { title: 'x', body: 'y' } } }), 404, 'KB_CATEGORY_NOT_FOUND');
    expect((await articleRow(id))?.status).toBe('published');
    expect(ids(await outsider.get('/api/v1/kb/articles'))).not.toContain(id);
  });
});

describe('KB categories (KB-1)', () => {
  it('names per language, ordered by position, renamed and reordered', async () => {
    const res = await admin.post('/api/v1/kb/categories', { names: { en: 'Accounts', fr: 'Comptes', de: 'Konten', es: 'Cuentas', it: 'Account' }, position: 0 });
    expectStatus(res, 201);
    const id = res.json<KbCategory>().id;
    let list = (await tech.get('/api/v1/kb/categories')).json<{ items: KbCategory[] }>().items;
    expect(list.find((c) => c.id === id)).toMatchObject({ name: 'Account', position: 0 });
    expect(list.findIndex((c) => c.id === id)).toBeLessThan(list.findIndex((c) => c.id === categories.printing));
    await admin.patch(`/api/v1/kb/categories/${id}`, { position: 99, names: { en: 'Accounts and sign-in', it: 'Account e accesso' } });
    list = (await tech.get('/api/v1/kb/categories')).json<{ items: KbCategory[] }>().items;
    expect(list.at(-1)).toMatchObject({ id, name: 'Account e accesso', position: 99, names: { en: 'Accounts and sign-in', it: 'Account e accesso' } });
    expectError(await admin.post('/api/v1/kb/categories', { names: {} }), 400, 'VALIDATION_FAILED');
  });

  it('deleting a category keeps its articles, uncategorised', async () => {
    const cat = (await tech.post('/api/v1/kb/categories', { names: { en: 'Temp' } })).json<KbCategory>().id;
    const id = await writeArticle(tech, { en: { title: 'Kept', body: 'x' } }, { categoryId: cat });
    expectStatus(await tech.delete(`/api/v1/kb/categories/${cat}`), 204);
    expect((await tech.get(`/api/v1/kb/articles/${id}`)).json<KbArticle>().category).toBeNull();
  });
});

describe('KB options (KB-1: external images per tenant)', () => {
  it('off by default; only admins change it', async () => {
    expect((await tech.get('/api/v1/kb/settings')).json()).toEqual({ externalImages: false });
    expectError(await tech.patch('/api/v1/kb/settings', { externalImages: true }), 403, 'FORBIDDEN');
    expect((await admin.patch('/api/v1/kb/settings', { externalImages: true })).json()).toEqual({ externalImages: true });
    expect((await tech.get('/api/v1/kb/settings')).json()).toEqual({ externalImages: true });
    expect((await outsider.get('/api/v1/kb/settings')).json()).toEqual({ externalImages: false });
  });
});
