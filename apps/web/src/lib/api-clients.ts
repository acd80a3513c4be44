import type { TechSession } from '@porta/contracts/auth';
import type { PortalMe } from '@porta/contracts/portal';
import { createApiClient } from './http';
import { currentLanguage } from './i18n';
import { CONSOLE_ME_KEY, PORTAL_ME_KEY, queryClient } from './query-client';

// Contract schemas are imported where an answer is checked, not here: every page loads this
// module, and zod is not part of the first page (#9 item 7, lib/lazy-schema.ts).

/** Public endpoints (setup, tenant branding): no session. */
export const publicApi = createApiClient({ area: 'public' });

/** Console (technician) endpoints: the CSRF token lives with the session in the query cache. */
export const consoleApi = createApiClient({
  area: 'console',
  getCsrfToken: () => queryClient.getQueryData<TechSession | null>(CONSOLE_ME_KEY)?.csrfToken,
  refreshCsrfToken: async () => {
    const [session, { techSessionSchema }] = await Promise.all([publicFetchSession('/api/v1/me'), import('@porta/contracts/auth')]);
    const parsed = techSessionSchema.safeParse(session);
    if (!parsed.success) return undefined;
    queryClient.setQueryData(CONSOLE_ME_KEY, parsed.data);
    return parsed.data.csrfToken;
  },
});

/** Portal (contact) endpoints, with their own session and CSRF token. */
export const portalApi = createApiClient({
  area: 'portal',
  getCsrfToken: () => queryClient.getQueryData<PortalMe | null>(PORTAL_ME_KEY)?.csrfToken,
  refreshCsrfToken: async () => {
    const [me, { portalMeSchema }] = await Promise.all([publicFetchSession('/api/v1/portal/me'), import('@porta/contracts/portal')]);
    const parsed = portalMeSchema.safeParse(me);
    if (!parsed.success) return undefined;
    queryClient.setQueryData(PORTAL_ME_KEY, parsed.data);
    return parsed.data.csrfToken;
  },
});

async function publicFetchSession(path: string): Promise<unknown> {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json', 'Accept-Language': currentLanguage() }, credentials: 'same-origin' });
    return response.ok ? ((await response.json()) as unknown) : undefined;
  } catch {
    return undefined;
  }
}
