import { setNonce } from 'get-nonce';

/**
 * The nonce of this page's Content-Security-Policy (issue 15 item 7): the server writes a fresh
 * one into every HTML document, in `<meta property="csp-nonce" nonce="…">`
 * (apps/server/src/platform/http/csp.ts), the name the bundler's preload helper reads too. The
 * policy refuses any `<style>` element without it, so the app hands it to Mantine
 * (MantineProvider's getStyleNonce) for the `<style>` elements Mantine writes at run time, and
 * to get-nonce, which react-style-singleton reads for the `<style>` it adds while a modal or a
 * drawer locks the page's scrolling (react-remove-scroll, under Mantine's overlays). The
 * browser hides a `nonce` attribute from the markup once parsed: it is read from the element's
 * `nonce` property. No meta (the Vite dev server's page): no policy either, so no nonce.
 */
function readCspNonce(): string | undefined {
  if (typeof document === 'undefined') return undefined;
  const meta = document.querySelector<HTMLMetaElement>('meta[property="csp-nonce"]');
  return meta?.nonce || meta?.getAttribute('nonce') || undefined;
}

export const cspNonce: string | undefined = readCspNonce();
if (cspNonce) setNonce(cspNonce);
