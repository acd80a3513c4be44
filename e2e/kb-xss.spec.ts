import { expect, type Page, test } from '@playwright/test';
import { patchPortalSettingsViaApi, signInAdminViaApi, signInContactViaApi } from './support/api';
import { createContactInLanguage } from './support/kb';

/**
 * Issue 4, item 6: stored XSS. Hostile Markdown is saved as KB articles through the API, then
 * rendered in headless Chromium where it is read: the portal article page, the portal search
 * results (snippets) and the console editor's live preview. Nothing may run: no `__pwned` flag,
 * no dialog, no request to the attacker's host; and no javascript: link or event handler may
 * reach the DOM. With the tenant's external images on, the same holds (only https images load).
 */
const ATTACKER = 'attacker.invalid';
const PAYLOADS = [
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned = 2">',
  '<svg onload="window.__pwned = 3"></svg>',
  '<iframe src="javascript:window.top.__pwned = 4"></iframe>',
  '[click me](javascript:window.__pwned=5)',
  '[click me](JaVaScRiPt:window.__pwned=6)',
  '[click me]( javascript:window.__pwned=7)',
  '[click me](&#106;avascript:window.__pwned=8)',
  '[click me](jav&#x09;ascript:window.__pwned=9)',
  '<javascript:window.__pwned=10>',
  '[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX19wd25lZD0xMTwvc2NyaXB0Pg==)',
  '![x](javascript:window.__pwned=12)',
  '![x](x" onerror="window.__pwned=13)',
  `![pixel](http://${ATTACKER}/pixel.png)`,
  '<details open ontoggle="window.__pwned = 14">x</details>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__pwned = 15"></style></mglyph></table></mtext></math>',
  `<style>@import url(http://${ATTACKER}/x.css); body { background: url(http://${ATTACKER}/bg.png) }</style>`,
  `<meta http-equiv="refresh" content="0;url=http://${ATTACKER}/">`,
  `<base href="http://${ATTACKER}/">`,
  '<object data="javascript:window.__pwned = 16"></object><embed src="javascript:window.__pwned = 17">',
  '<input autofocus onfocus="window.__pwned = 18">',
  `<form action="http://${ATTACKER}/"><button>Go</button></form>`,
  '<a href="javascript:window.__pwned=19" onclick="window.__pwned=20">html link</a>',
  '`<img src=x onerror=window.__pwned=21>` and ```\n<script>window.__pwned=22</script>\n```',
  '<div style="background:url(javascript:window.__pwned=23)">styled</div>',
  `| a | b |\n|---|---|\n| <img src=x onerror=window.__pwned=24> | [x](javascript:window.__pwned=25) |`,
  '"><script>window.__pwned=26</script><x y="',
  'xsskeyword <b onmouseover="window.__pwned=27">bold</b>',
];

interface Watch {
  dialogs: string[];
  attackerRequests: string[];
}

function watch(page: Page, allowImages: boolean): Watch {
  const w: Watch = { dialogs: [], attackerRequests: [] };
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (r.url().includes(ATTACKER) && !(allowImages && r.resourceType() === 'image')) w.attackerRequests.push(r.url());
  });
  return w;
}

/** Nothing ran, and no live script vector is in the rendered Markdown. */
async function expectInert(page: Page, w: Watch, where: string): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), `${where}: a payload ran`).toBeUndefined();
  const dangerous = await page.evaluate(() => {
    const found: string[] = [];
    for (const root of document.querySelectorAll('.markdown, .kb-snippet')) {
      for (const el of root.querySelectorAll('*')) {
        if (['SCRIPT', 'IFRAME', 'OBJECT', 'EMBED', 'SVG', 'STYLE', 'META', 'BASE', 'FORM', 'INPUT', 'MATH'].includes(el.tagName.toUpperCase())) found.push(el.tagName);
        for (const attr of el.getAttributeNames()) if (attr.startsWith('on') || attr === 'style') found.push(`${el.tagName}[${attr}]`);
        const href = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
        if (/^\s*(javascript|data|vbscript):/i.test(href)) found.push(`${el.tagName} -> ${href}`);
      }
    }
    return found;
  });
  expect(dangerous, `${where}: live markup reached the DOM`).toEqual([]);
  expect(w.dialogs, `${where}: a dialog opened`).toEqual([]);
  expect(w.attackerRequests, `${where}: the attacker's host was contacted`).toEqual([]);
}

test('stored XSS: hostile Markdown in KB articles never runs (portal, search, console preview)', async ({ browser }) => {
  test.setTimeout(240_000);
  const adminContext = await browser.newContext();
  const session = await signInAdminViaApi(adminContext.request);
  const headers = { 'x-csrf-token': session.csrfToken };
  await patchPortalSettingsViaApi(adminContext.request, session, { sections: { kb: { mode: 'all', customerIds: [] } } });
  const { credentials } = await createContactInLanguage(adminContext.request, session, { firstName: 'Mallory', company: `Target ${Date.now()}`, language: 'en' });

  const ids: string[] = [];
  for (const [i, payload] of PAYLOADS.entries()) {
    const res = await adminContext.request.post('/api/v1/kb/articles', {
      headers,
      data: { status: 'published', translations: { en: { title: `xsskeyword payload ${i} ${payload.slice(0, 40)}`, body: `xsskeyword before\n\n${payload}\n\nafter` } } },
    });
    expect(res.status(), await res.text()).toBe(201);
    ids.push(((await res.json()) as { id: string }).id);
  }

  const contactContext = await browser.newContext();
  await signInContactViaApi(contactContext.request, credentials);
  const admin = await adminContext.newPage();

  for (const externalImages of [false, true]) {
    const set = await adminContext.request.patch('/api/v1/kb/settings', { headers, data: { externalImages } });
    expect(set.ok()).toBeTruthy();
    const page = await contactContext.newPage();
    const w = watch(page, externalImages);
    const adminWatch = watch(admin, externalImages);
    for (const [i, id] of ids.entries()) {
      await page.goto(`/kb/${id}`);
      await expect(page.locator('.markdown')).toContainText('after');
      await expectInert(page, w, `portal article ${i} (images ${externalImages})`);
      await admin.goto(`/console/kb/${id}`);
      await expect(admin.getByTestId('kb-preview').locator('.markdown')).toContainText('after');
      await expectInert(admin, adminWatch, `console preview ${i} (images ${externalImages})`);
    }
    await page.goto('/kb');
    await page.getByLabel('Search the knowledge base').fill('xsskeyword');
    await expect(page.getByRole('list', { name: 'Search results' }).getByRole('listitem').first()).toBeVisible();
    await expectInert(page, w, `portal search results (images ${externalImages})`);
    await page.close();
  }
  await adminContext.request.patch('/api/v1/kb/settings', { headers, data: { externalImages: false } });
  await Promise.all([adminContext.close(), contactContext.close()]);
});
