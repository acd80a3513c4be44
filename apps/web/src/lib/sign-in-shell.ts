import { isLanguage, type Language } from '@porta/i18n/languages';

/**
 * The server writes the portal sign-in's first paint into index.html (#9 item 7,
 * apps/server/src/platform/http/sign-in-shell.ts): `#porta-shell` with the real heading and a
 * form that cannot submit, and `#porta-boot` with the tenant it named. While the shell is in
 * the page, the app renders into the hidden `#root` (global.css); the sign-in form takes the
 * shell over once it is on screen: it keeps what was typed and the focused field, then the
 * shell goes. Every other page (a redirect, an error) simply removes it.
 */

export interface ShellTenant {
  name: string;
  slug: string;
  defaultLanguage: Language;
}

export interface ShellState {
  values: { username: string; password: string };
  /** Where the keyboard focus was: a field, something else in the shell (a link), or nowhere. */
  focused: 'username' | 'password' | 'other' | null;
}

const shell = () => document.getElementById('porta-shell');

/** The tenant the server put in the page, if this is a server-written sign-in page. */
export function bootTenant(): ShellTenant | null {
  const text = document.getElementById('porta-boot')?.textContent;
  if (!text) return null;
  try {
    const boot = JSON.parse(text) as { tenant?: { name?: unknown; slug?: unknown; defaultLanguage?: unknown } };
    const t = boot.tenant;
    if (t && typeof t.name === 'string' && typeof t.slug === 'string' && isLanguage(t.defaultLanguage)) return { name: t.name, slug: t.slug, defaultLanguage: t.defaultLanguage };
  } catch {
    // A malformed boot block only costs the app one request for the tenant.
  }
  return null;
}

/** The language the shell was written in, if a shell is in the page. */
export function shellLanguage(): Language | null {
  const lang = shell()?.dataset.lang;
  return isLanguage(lang) ? lang : null;
}

function field(name: 'username' | 'password'): HTMLInputElement | null {
  return shell()?.querySelector<HTMLInputElement>(`input[data-field="${name}"]`) ?? null;
}

/** Removes the shell and tells what the person did in it (typed values, focused field). */
export function takeOverShell(): ShellState | null {
  const element = shell();
  if (!element) return null;
  const username = field('username');
  const password = field('password');
  const active = document.activeElement;
  const state: ShellState = {
    values: { username: username?.value ?? '', password: password?.value ?? '' },
    focused: active === username ? 'username' : active === password ? 'password' : active && element.contains(active) ? 'other' : null,
  };
  releaseShell();
  return state;
}

/** Removes the shell (and its boot block) without taking anything over. */
export function releaseShell(): void {
  shell()?.remove();
  document.getElementById('porta-boot')?.remove();
}
