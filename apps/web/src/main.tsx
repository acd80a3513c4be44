import './lib/csp';
import './app/first-styles';
import { i18nReady, initialLanguage } from './lib/i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { queryClient, SETUP_STATUS_KEY, TENANT_INFO_KEY } from './lib/query-client';
import { bootTenant, releaseShell, shellLanguage } from './lib/sign-in-shell';

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

// A server-written sign-in page (#9 item 7) names its tenant: no request for it, nor for the
// set-up status. A shell in
// another language than the app's (a choice made before the cookie existed) goes at once.
const tenant = bootTenant();
if (tenant) {
  queryClient.setQueryData(TENANT_INFO_KEY, tenant);
  // Set-up is needed only while no tenant exists (apps/server/src/features/setup/setup.service.ts).
  queryClient.setQueryData(SETUP_STATUS_KEY, { needed: false });
}
const shellLang = shellLanguage();
if (shellLang !== null && shellLang !== initialLanguage) releaseShell();

// The first render waits for the language's catalogues (one small chunk), so no page ever
// flashes translation keys; a catalogue that fails to load still lets the app render.
const render = () =>
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
void i18nReady.then(render, render);
