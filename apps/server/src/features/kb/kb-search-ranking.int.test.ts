import { beforeAll, describe, expect, it } from 'vitest';
import { type Client, mintSession } from '../../test/client.ts';
import { makeContact, makeCustomer, makeTenant } from '../../test/factories.ts';
import { useTestApp } from '../../test/harness.ts';
import { itemIds, writeArticle } from '../../test/kb.ts';

/**
 * KB-3 ranking rules added in issue 11 for relevance, each against an article that would win
 * without it (it does better on every later rule): typos and exactness of the written word,
 * proximity in query order with a one-word gap as close as none, neighbouring query words
 * written as one, and the text score (title coverage, body term frequency for its length).
 */
const t = useTestApp();
let reader: Client;
let tech: Client;
const found = async (q: string) => itemIds(await reader.get(`/api/v1/portal/kb/articles?q=${encodeURIComponent(q)}`));

beforeAll(async () => {
  const fx = await makeTenant(t.ctx);
  tech = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
  const customer = await makeCustomer(t.ctx, fx.tenant.id);
  const contact = await makeContact(t.ctx, fx.tenant.id, customer.id, { language: 'en' });
  reader = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', contact.id);
});

describe('KB search ranking rules (issue 11 item 2)', () => {
  it('counts the typos of the form written in the article, not of its stem', async () => {
    const close = await writeArticle(tech, { en: { title: 'Screen flickering', body: 'Update the display driver.' } });
    // Same stem, a form two typos away from the query; its body mentions it more (a better text score).
    const far = await writeArticle(tech, { en: { title: 'Screen flickerings', body: 'Flickerings, flickerings and more flickerings.' } });
    const ids = await found('flikcering');
    expect(ids.slice(0, 2)).toEqual([close, far]);
  });

  it('ranks the word as typed above another form of it, a one-word gap being as close as none', async () => {
    const exact = await writeArticle(tech, { en: { title: 'Tunnel keeps disconnecting', body: 'Check the tunnel settings.' } });
    const form = await writeArticle(tech, { en: { title: 'Tunnel disconnects', body: 'The tunnel disconnects; the tunnel disconnects again.' } });
    expect((await found('tunnel disconnecting')).slice(0, 2)).toEqual([exact, form]);
  });

  it('counts a pair written the other way round one word further', async () => {
    const inOrder = await writeArticle(tech, { en: { title: 'Badge reader door', body: 'Hold the badge still.' } });
    // Door before badge everywhere, two words apart at best; the body mentions the door more.
    const reversed = await writeArticle(tech, { en: { title: 'Door opens with badge', body: 'Door, door, door stays shut until you show the badge.' } });
    expect((await found('badge door')).slice(0, 2)).toEqual([inOrder, reversed]);
  });

  it('searches neighbouring query words as the one word the articles write ("out of office")', async () => {
    const ooo = await writeArticle(tech, { en: { title: 'Turn on an out-of-office reply', body: 'Set the dates and the message.' } });
    const office = await writeArticle(tech, { en: { title: 'Office hours', body: 'The office opens at nine; the office closes at six.' } });
    const ids = await found('out of office');
    expect(ids[0]).toBe(ooo);
    expect(ids).not.toContain(office);
  });

  it('ranks a form one edit from the query word above a farther form of the same stem', async () => {
    const near = await writeArticle(tech, { en: { title: 'Install guide', body: 'Run the setup.' } });
    const far = await writeArticle(tech, { en: { title: 'Installing guide', body: 'Installing, installing and installing.' } });
    expect((await found('installs')).slice(0, 2)).toEqual([near, far]);
  });

  it('prefers the title where the query comes first', async () => {
    const first = await writeArticle(tech, { en: { title: 'Laminator jam', body: 'Switch it off.' } });
    const later = await writeArticle(tech, {
      en: { title: 'Fix laminator', body: 'Switch it off, wait for the rollers to cool down, open the cover, pull the sheet out slowly, close the cover and feed one laminator pouch to test.' },
    });
    expect((await found('laminator')).slice(0, 2)).toEqual([first, later]);
  });

  it('prefers the title the query covers most, then the body that mentions it most for its length', async () => {
    const short = await writeArticle(tech, { en: { title: 'Staples order', body: 'Use the supplies form.' } });
    const long = await writeArticle(tech, { en: { title: 'Staples, pens, folders and other supplies', body: 'Use the supplies form.' } });
    expect((await found('staples')).slice(0, 2)).toEqual([short, long]);
    const focused = await writeArticle(tech, { en: { title: 'Docking guide', body: 'Docking: plug the docking cable into the docking port.' } });
    const passing = await writeArticle(tech, { en: { title: 'Docking guide', body: 'A long text about many things: the monitor, the keyboard, the mouse, the chair, the desk, the lamp and, once, docking.' } });
    expect((await found('docking')).slice(0, 2)).toEqual([focused, passing]);
  });

  it('searches a support noun and its verb as one word where the stemmer keeps them apart, the word as typed first', async () => {
    const fx = await makeTenant(t.ctx);
    const admin = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'technician', fx.admin.id);
    const customer = await makeCustomer(t.ctx, fx.tenant.id);
    const fr = await mintSession(t.app, t.ctx, fx.host, fx.tenant.id, 'contact', (await makeContact(t.ctx, fx.tenant.id, customer.id, { language: 'fr' })).id);
    const verb = await writeArticle(admin, { fr: { title: 'Se connecter au tunnel', body: 'Ouvrez le client.' } });
    const noun = await writeArticle(admin, { fr: { title: 'Connexion au tunnel', body: 'Ouvrez le client.' } });
    const q = async (text: string) => itemIds(await fr.get(`/api/v1/portal/kb/articles?q=${encodeURIComponent(text)}`));
    // Snowball gives "connexion" → connexion, "connecter" → connect: without the family the verb's article is not found.
    expect(await q('connexion')).toEqual([noun, verb]);
    expect(await q('connecter')).toEqual([verb, noun]);
  });
});
