import { isLanguage, LANGUAGE_NAMES, type Language } from '@porta/i18n/languages';
import { translate } from '@porta/i18n/translate';
import type { PageBrand } from '@porta/contracts/branding';
import type { ResolvedTenant } from '../auth/principal.ts';
import { SHELL_CSS } from './sign-in-shell.css.ts';

/**
 * The portal sign-in page's first paint, written by the server (#9 item 7): the server knows
 * the tenant (Host) and the language, so `index.html` for `/login` carries the real heading,
 * the tenant's name and the form, localised, with their styles inline, and a phone shows them
 * as soon as the HTML is in: the app's style sheets move after the shell (a style sheet in the
 * body holds back only what follows it, and the scripts, which wait for it, so the app never
 * draws unstyled). The app takes the shell over
 * (apps/web/src/lib/sign-in-shell.ts): it keeps what was typed and where the focus was, and
 * removes the shell once its own sign-in form is on screen with the same text. The shell's
 * buttons wait, disabled (drawn as the app draws them), for the app's; its fields have no
 * `name` and its form no action, so nothing typed can leave the page before the app has taken
 * over. Its links are plain links and work at once. Styles: sign-in-shell.css.ts.
 */

/** The cookie the web app writes when a language is chosen before sign-in (lib/i18n.ts). */
export const LANGUAGE_COOKIE = 'porta_lang';

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

/** JSON inside `<script type="application/json">`: no `<` can end the element early. */
export const scriptJson = (value: unknown): string => JSON.stringify(value).replace(/</g, '\\u003c');

/** The shell's markup, inserted before `<div id="root">`; every text escaped. */
export function signInShell(lang: Language, tenant: ResolvedTenant, brand: PageBrand | null = null): string {
  const name = brand?.name ?? tenant.name;
  const t = (ns: 'portal' | 'common' | 'mail', key: string, params: Record<string, string> = {}) => escapeHtml(translate(lang, ns, key, params));
  const boot = { lang, tenant: { name, slug: tenant.slug, defaultLanguage: isLanguage(tenant.defaultLanguage) ? tenant.defaultLanguage : 'en' } };
  const languageLabel = t('common', 'language.change', { code: lang.toUpperCase(), language: LANGUAGE_NAMES[lang] });
  // D-4: the brand's colour over the product's (checked for white-text contrast when saved), its logo in the header.
  const colour = brand?.primaryColor && /^#[0-9a-f]{6}$/.test(brand.primaryColor) ? `.shell{--shell-primary:${brand.primaryColor}}` : '';
  const logo = brand?.logoUrl ? `<img class="shell-logo-img" src="${escapeHtml(brand.logoUrl)}" alt="" height="34">` : '<span class="shell-logo" aria-hidden="true"></span>';
  return `<style>${SHELL_CSS}${colour}</style>
<script type="application/json" id="porta-boot">${scriptJson(boot)}</script>
<div id="porta-shell" class="shell" data-lang="${lang}">
<header class="shell-header"><span class="shell-brand">${logo}${escapeHtml(name)}</span><button type="button" class="shell-language" disabled aria-label="${languageLabel}">${lang.toUpperCase()}</button></header>
<div class="shell-column">
<main class="shell-card">
<h1 class="shell-title">${t('portal', 'login.title')}</h1>
<p class="shell-subtitle">${t('portal', 'login.subtitle', { tenant: name })}</p>
<form class="shell-form" data-shell-form novalidate>
<div class="shell-field"><label class="shell-label" for="shell-username">${t('portal', 'login.username')}</label>
<input class="shell-input" id="shell-username" data-field="username" autocomplete="username" autocapitalize="none" spellcheck="false" autofocus></div>
<div class="shell-field"><label class="shell-label" for="shell-password">${t('portal', 'login.password')}</label>
<input class="shell-input" id="shell-password" data-field="password" type="password" autocomplete="current-password"></div>
<button type="button" class="shell-submit" disabled>${t('portal', 'login.submit')}</button>
<a class="shell-link" href="/forgot-password">${t('mail', 'ui.forgot.link')}</a>
<p class="shell-help">${t('portal', 'login.help')}</p>
</form>
</main>
<footer class="shell-footer"><a href="/console/login">${t('portal', 'login.consoleLink')}</a></footer>
</div>
</div>
`;
}

const STYLESHEET = /[ \t]*<link rel="stylesheet"[^>]*>\n?/g;

/** `index.html` with the shell in, the app's style sheets after it, and the page's language on `<html>`. */
export function withSignInShell(indexHtml: string, lang: Language, tenant: ResolvedTenant, brand: PageBrand | null = null): string {
  const title = `${escapeHtml(translate(lang, 'portal', 'login.title'))} · ${escapeHtml(brand?.name ?? tenant.name)}`;
  const sheets = (indexHtml.match(STYLESHEET) ?? []).map((link) => link.trim()).join('\n');
  return indexHtml
    .replace(STYLESHEET, '')
    .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
    .replace(/<title>[^<]*<\/title>/, `<title>${title}</title>`)
    .replace('<div id="root"></div>', `${signInShell(lang, tenant, brand)}${sheets}\n<div id="root"></div>`);
}
