import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { precompress } from './build/precompress';

const root = fileURLToPath(new URL('.', import.meta.url));
const apiTarget = process.env.PORTA_API_URL ?? 'http://localhost:3000';

/** `packages/i18n/locales/<lang>/<namespace>.json` → `locale-<lang>`: one chunk per language. */
const LOCALE_FILE = /[\\/]packages[\\/]i18n[\\/]locales[\\/]([a-z]{2})[\\/][^\\/]+\.json$/;
const CONSOLE_LOCALE_FILE = /[\\/]packages[\\/]i18n[\\/]locales[\\/][a-z]{2}[\\/]console\.json$/;
/** Catalogues only signed-in pages use (devices and self-service, the assistant): not on the sign-in. */
const PAGES_LOCALE_FILE = /[\\/]packages[\\/]i18n[\\/]locales[\\/][a-z]{2}[\\/](devices|assistant|chat)\.json$/;

export default defineConfig({
  root,
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        // Route pages stay lazy chunks of their own (app/router.tsx) and the code they share
        // is split automatically by the set of pages using it, so the portal never loads what
        // only the console uses. Grouping that shared code further (by hand or rolldown's
        // `entriesAware`) was measured: it either pulled it all into the entry's static imports
        // or broke module order, so only these two groups are set (#9 item 7).
        codeSplitting: {
          groups: [
            // The console's catalogue of each language in a file of its own, loaded by console
            // pages only (app/router.tsx); the portal never downloads it (#9 item 7).
            { name: (id) => `console-locale-${LOCALE_FILE.exec(id)?.[1] ?? 'x'}`, debugName: 'console-locale', test: CONSOLE_LOCALE_FILE, priority: 31 },
            // The catalogues of signed-in pages only (lib/i18n.ts PAGE_NAMESPACES), loaded with those pages.
            { name: (id) => `pages-locale-${LOCALE_FILE.exec(id)?.[1] ?? 'x'}`, debugName: 'pages-locale', test: PAGES_LOCALE_FILE, priority: 31 },
            // Each language's other catalogues in one file, loaded only for that language.
            { name: (id) => `locale-${LOCALE_FILE.exec(id)?.[1] ?? 'x'}`, debugName: 'locale', test: LOCALE_FILE, priority: 30 },
            // Libraries the shell needs before any page: React, the router, i18next, query.
            { name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'], priority: 20 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/healthz': { target: apiTarget, changeOrigin: false },
    },
  },
});
