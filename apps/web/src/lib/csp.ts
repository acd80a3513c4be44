import { setNonce } from 'get-nonce';

/**
 * What the app does to live under the server's Content-Security-Policy (issue 15 item 7,
 * apps/server/src/platform/http/csp.ts): no inline style without the page's nonce, no eval.
 * Imported first by main.tsx, before anything that writes styles or loads zod.
 *
 * The nonce: the server writes a fresh one into every HTML document, in
 * `<meta property="csp-nonce" nonce="…">`, the name the bundler's preload helper reads too. The
 * policy refuses any `<style>` element without it, so the app hands it to Mantine
 * (MantineProvider's getStyleNonce, app/App.tsx) for the `<style>` elements Mantine writes at run
 * time, and to get-nonce, which react-style-singleton reads for the `<style>` it adds while a
 * modal or a drawer locks the page's scrolling (react-remove-scroll, under Mantine's overlays).
 * The browser hides a `nonce` attribute from the markup once parsed: it is read from the
 * element's `nonce` property. No meta (the Vite dev server's page): no policy either, no nonce.
 */
function readCspNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}

export const cspNonce: string | undefined = readCspNonce();
if (cspNonce) setNonce(cspNonce);

/**
 * zod, unless told it is jitless, tries `new Function("")` once to learn whether it may compile
 * its object parsers; the policy (no 'unsafe-eval') refuses it and the browser reports a
 * violation on every page that checks an answer. zod keeps its settings in this global object
 * (the one `z.config({ jitless: true })` writes to; changed in place, in case zod made it first);
 * zod itself loads later, with the first answer to check (lib/lazy-schema.ts), so it is not
 * imported here to call z.config.
 */
const zodHost = globalThis as { __zod_globalConfig?: Record<string, unknown> };
zodHost.__zod_globalConfig ??= {};
zodHost.__zod_globalConfig.jitless = true;
