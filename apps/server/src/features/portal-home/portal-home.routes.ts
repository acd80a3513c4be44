import { portalHomeSchema, type PortalHome } from '@porta/contracts/portal-home';
import { contactOf } from '../../platform/auth/guard.ts';
import type { AppContext } from '../../platform/context.ts';
import type { ZodApp } from '../../platform/http/zod-app.ts';
import { mostReadFor } from '../kb/kb-portal.service.ts';
import { kbReaderIfEnabled } from '../kb/kb.policy.ts';
import { resolvePortalSettings, sectionEnabled } from '../portal-settings/portal-settings.model.ts';
import { homeForContact } from '../tickets/portal-tickets.service.ts';
import { parseSummaries } from '../tickets/ticket-summary-json.ts';

/** How many most-read articles the home lists. */
const MOST_READ = 5;

/**
 * #9 item 8: the portal home in one request: the contact's open tickets and the most-read
 * articles, each block only when its section is on for the contact's customer (a section that
 * is off is simply absent, never an error). The blocks' queries run side by side.
 */
export function portalHomeRoutes(app: ZodApp, ctx: AppContext): void {
  app.get('/api/v1/portal/home', { config: { access: 'contact' }, schema: { tags: ['portal'], response: { 200: portalHomeSchema } } }, async (req) => {
    const contact = contactOf(req);
    const settings = resolvePortalSettings(contact.portalSettingsRaw);
    const reader = kbReaderIfEnabled(req);
    const [tickets, mostRead] = await Promise.all([
      sectionEnabled(settings.sections.tickets, contact.customerId) ? homeForContact(ctx, contact, settings) : null,
      reader ? mostReadFor(ctx, reader, MOST_READ) : null,
    ]);
    const home: PortalHome = {};
    if (tickets) home.tickets = { openCount: tickets.openCount, companyOpenCount: tickets.companyOpenCount, latest: parseSummaries(tickets.latest) };
    if (mostRead) home.kb = { mostRead };
    return home;
  });
}
