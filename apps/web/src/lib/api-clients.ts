import { techSessionSchema, type TechSession } from '@porta/contracts/auth';
import { type PortalMe, portalMeSchema } from '@porta/contracts/portal';
import { createApiClient } from './http';
import { currentLanguage } from './i18n';
import { CONSOLE_ME_KEY, PORTAL_ME_KEY, queryClient } from './query-client';

/** Public endpoints (setup, tenant branding): no session. */
export const publicApi = createApiClient({ area: 'public' });

/** Console (technician) endpoints: the CSRF token lives with the session in the query cache. */
export const consoleApi = createApiClient({
  area: 'console',
  getCsrfToken: () => queryClient.getQueryData<TechSession | null>(CONSOLE_ME_KEY)?.csrfToken,
  refreshCsrfToken: async () => {
    const session = await publicFetchSession('/api/v1/me');
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
    const me = await publicFetchSession('/api/v1/portal/me');
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
