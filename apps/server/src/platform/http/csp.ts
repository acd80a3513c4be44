import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';

/**
 * Content-Security-Policy (issue 15 item 7): no `'unsafe-inline'` anywhere. Scripts come only
 * from this origin. Styles come from this origin's style sheets, or from a `<style>` element that
 * carries the nonce of the document it is in: the server writes one per HTML document (its own
 * `<style>` blocks carry it) and puts it in `<meta property="csp-nonce">`, where the web app
 * (and the bundler's preload helper) read it to nonce the `<style>` elements Mantine writes at
 * run time (apps/web/src/lib/csp-nonce.ts). Style attributes written as markup are refused;
 * styles set through the CSSOM (React's `style` prop) are not governed by CSP.
 */
function policy(styleSrc: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src ${styleSrc}`,
    // https: images appear only where a tenant allows them in KB articles (the renderer drops them elsewhere).
    "img-src 'self' data: https:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The policy of every answer that is not an HTML document the server wrote (API answers, files). */
export const BASE_POLICY = policy("'self'");

/** The policy of one HTML document: its nonce allows its own `<style>` elements and no others. */
export const documentPolicy = (nonce: string): string => policy(`'self' 'nonce-${nonce}'`);

/** 144 random bits, base64: a fresh one for every HTML document answer. */
export const newNonce = (): string => randomBytes(18).toString('base64');

/**
 * Starts an HTML document answer: a fresh nonce, the policy naming it, and `no-store` (a page
 * kept by a cache would carry a nonce that no policy names any more). Returns the nonce, for
 * withNonce.
 */
export function startDocument(reply: FastifyReply): string {
  const nonce = newNonce();
  reply.header('content-security-policy', documentPolicy(nonce)).header('cache-control', 'no-store');
  return nonce;
}

/**
 * The document with the nonce on every `<style>` and `<script>` element (scripts need none under
 * `script-src 'self'`: an inline one would still be refused; the JSON blocks are data) and in
 * `<meta property="csp-nonce">`, the name the bundler's preload helper reads. The nonce is in a
 * `nonce` attribute, which the browser hides from the page's markup once parsed.
 */
export function withNonce(html: string, nonce: string): string {
  return html
    .replace(/<(script|style)(?=[\s>])/gi, `<$1 nonce="${nonce}"`)
    .replace(/<head>/i, `<head>\n    <meta property="csp-nonce" nonce="${nonce}">`);
}
