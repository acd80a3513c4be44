import { expect, test } from '@playwright/test';

// #9 item 7: a contact opening the portal sign-in cold downloads no console code, one
// language's catalogues, and compressed scripts. Which modules a chunk holds is read from its
// source map (the build writes them), so the check follows the code, not chunk names.
const CONSOLE_ONLY =
  /(^|\/)src\/features\/(console-[^/]+|customers|contacts|technicians|api-keys|security-settings|ticket-settings|mail|account|setup)\//;

test('the portal sign-in loads no console module, only its language, compressed', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const scripts: { url: string; encoding: string | undefined; bytes: Promise<number> }[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    scripts.push({ url: response.url(), encoding: response.headers()['content-encoding'], bytes: response.body().then((b) => b.length) });
  });
  await page.goto('/login');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.waitForLoadState('networkidle');

  expect(scripts.length).toBeGreaterThan(0);
  const sources: string[] = [];
  for (const script of scripts) {
    // The build compresses every file of 256 bytes or more (apps/web/build/precompress.ts).
    if ((await script.bytes) >= 256) expect(['br', 'gzip'], script.url).toContain(script.encoding);
    const map = await context.request.get(`${script.url}.map`);
    // The bundler's own module runtime is the one script built without a source map.
    if (!map.ok()) {
      expect(new URL(script.url).pathname, script.url).toMatch(/^\/assets\/rolldown-runtime-[\w-]+\.js$/);
      continue;
    }
    sources.push(...((await map.json()) as { sources: string[] }).sources);
  }
  // The check itself can see what it looks for: the portal's own sign-in page is there.
  expect(sources.some((s) => s.includes('features/portal-auth/'))).toBe(true);
  // Two small API clients of console features are shared with the portal shell today (the
  // set-up status and session calls every page makes); any other console module is a leak.
  const SHARED_CLIENTS = /src\/features\/(setup|console-auth)\/api\.ts$/;
  expect(sources.filter((s) => CONSOLE_ONLY.test(s) && !SHARED_CLIENTS.test(s))).toEqual([]);
  // One catalogue chunk, the page's language (JSON modules have no source map: read the name).
  const catalogues = scripts.map((s) => new URL(s.url, baseURL).pathname).filter((p) => /\/locale-/.test(p));
  expect(catalogues).toHaveLength(1);
  expect(catalogues[0]).toMatch(/^\/assets\/locale-en-/);
  await context.close();
});
