import fs from 'node:fs';
import path from 'node:path';
import { isLanguage, type Language, pickLanguage } from '@porta/i18n/languages';
import type { PageBrand } from '@porta/contracts/branding';
import type { FastifyRequest } from 'fastify';
import type { ResolvedTenant } from '../auth/principal.ts';
import { escapeHtml, LANGUAGE_COOKIE, scriptJson, withSignInShell } from './sign-in-shell.ts';

/** `locale-<lang>-<hash>.js` of the build (apps/web/vite.config.ts): one chunk per language. */
export function catalogueChunks(webDist: string): Map<string, string> {
  const chunks = new Map<string, string>();
  const dir = path.join(webDist, 'assets');
  if (!fs.existsSync(dir)) return chunks;
  for (const name of fs.readdirSync(dir)) {
    const match = /^locale-([a-z]{2})-[\w-]+\.js$/.exec(name);
    if (match?.[1]) chunks.set(match[1], `/assets/${name}`);
  }
  return chunks;
}

/**
 * The language the app will start in, as apps/web/src/lib/i18n.ts chooses it before anyone is
 * signed in: the picker's choice (mirrored in a cookie), else the browser's languages, else English.
 */
export function pageLanguage(request: FastifyRequest): Language {
  const chosen = request.cookies?.[LANGUAGE_COOKIE];
  if (isLanguage(chosen)) return chosen;
  const header = request.headers['accept-language'];
  return pickLanguage(Array.isArray(header) ? header.join(',') : header) ?? 'en';
}

interface PageContext {
  request: FastifyRequest;
  pathname: string;
  tenant: ResolvedTenant | null;
  brand?: PageBrand | null;
  catalogues: Map<string, string>;
}

/**
 * `index.html` for one page request: the catalogue chunk of the page's language preloaded
 * (it is otherwise found only after the entry script ran), and on the portal sign-in of a
 * known tenant the server-written first paint (#9 item 7).
 */
export function appPage(indexHtml: string, { request, pathname, tenant, brand = null, catalogues }: PageContext): string {
  const lang = pageLanguage(request);
  let html = brand ? withBrand(indexHtml, brand) : indexHtml;
  const catalogue = catalogues.get(lang);
  if (catalogue) html = html.replace('</head>', `  <link rel="modulepreload" crossorigin href="${catalogue}">\n  </head>`);
  if (tenant && (pathname === '/login' || pathname === '/login/')) html = withSignInShell(html, lang, tenant, brand);
  return html;
}

/**
 * D-4: the tenant's brand in the page itself, so the first paint has it: the tab's title and
 * favicon, and `#porta-brand` (name, colour, logo) that the app reads before it draws
 * (apps/web/src/lib/page-brand.ts).
 */
export function withBrand(indexHtml: string, brand: PageBrand): string {
  let html = indexHtml.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(brand.name)}</title>`);
  if (brand.faviconUrl) html = html.replace(/<link rel="icon"[^>]*>/, `<link rel="icon" href="${escapeHtml(brand.faviconUrl)}">`);
  return html.replace('</head>', `  <script type="application/json" id="porta-brand">${scriptJson(brand)}</script>\n  </head>`);
}
