import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoadingState } from '../components/ui/LoadingState';
import { loadConsoleCatalogue, loadPageCatalogues } from '../lib/i18n';
import { AppRoot } from './AppRoot';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/**
 * Loads a page's code on first visit, so the portal never downloads the console; with it, all
 * of Mantine's styles (app/all-styles.ts) and the signed-in pages' catalogues, which only the
 * portal sign-in does without.
 */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return { lazy: async () => ({ Component: pick((await Promise.all([load(), import('./all-styles'), loadPageCatalogues()]))[0]) }) };
}

/** A console page that renders before any console layout: it awaits the console's catalogue too. */
function consolePage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return page(() => Promise.all([load(), loadConsoleCatalogue()]).then(([m]) => m), pick);
}

/** The portal sign-in: its code and the sheets of app/first-styles.ts, nothing more (#9 item 7). */
function firstPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return { lazy: async () => ({ Component: pick(await load()) }) };
}

export const router = createBrowserRouter([
  {
    Component: AppRoot,
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState fullPage />,
    children: [
      {
        path: '/console',
        children: [
          { path: 'setup', ...consolePage(() => import('../features/setup/routes/SetupPage'), (m) => m.SetupPage) },
          { path: 'login', ...consolePage(() => import('../features/console-auth/routes/ConsoleLoginPage'), (m) => m.ConsoleLoginPage) },
          {
            ...consolePage(() => import('../features/console-shell/components/ConsoleLayout'), (m) => m.ConsoleLayout),
            children: [
              { index: true, element: <Navigate to="/console/tickets" replace /> },
              { path: 'tickets', ...page(() => import('../features/console-tickets/routes/TicketQueuePage'), (m) => m.TicketQueuePage) },
              { path: 'tickets/new', ...page(() => import('../features/console-tickets/routes/TicketNewPage'), (m) => m.TicketNewPage) },
              { path: 'tickets/:id', ...page(() => import('../features/console-tickets/routes/TicketDetailPage'), (m) => m.TicketDetailPage) },
              { path: 'kb', ...page(() => import('../features/console-kb/routes/KbArticlesPage'), (m) => m.KbArticlesPage) },
              { path: 'kb/new', ...page(() => import('../features/console-kb/routes/KbArticleEditorPage'), (m) => m.KbArticleEditorPage) },
              { path: 'kb/categories', ...page(() => import('../features/console-kb/routes/KbCategoriesPage'), (m) => m.KbCategoriesPage) },
              { path: 'kb/:id', ...page(() => import('../features/console-kb/routes/KbArticleEditorPage'), (m) => m.KbArticleEditorPage) },
              { path: 'customers', ...page(() => import('../features/customers/routes/CustomersPage'), (m) => m.CustomersPage) },
              { path: 'customers/:id', ...page(() => import('../features/customers/routes/CustomerDetailPage'), (m) => m.CustomerDetailPage) },
              { path: 'imports/:kind', ...page(() => import('../features/imports/routes/ImportPage'), (m) => m.ImportPage) },
              { path: 'devices', ...page(() => import('../features/devices/routes/DevicesPage'), (m) => m.DevicesPage) },
              { path: 'devices/:id', ...page(() => import('../features/devices/routes/DeviceDetailPage'), (m) => m.DeviceDetailPage) },
              { path: 'contacts', ...page(() => import('../features/contacts/routes/ContactsPage'), (m) => m.ContactsPage) },
              { path: 'contacts/new', ...page(() => import('../features/contacts/routes/ContactNewPage'), (m) => m.ContactNewPage) },
              { path: 'contacts/:id', ...page(() => import('../features/contacts/routes/ContactDetailPage'), (m) => m.ContactDetailPage) },
              { path: 'sms', ...page(() => import('../features/sms/routes/SmsOutboxPage'), (m) => m.SmsOutboxPage) },
              { path: 'audit', ...page(() => import('../features/audit/routes/AuditLogPage'), (m) => m.AuditLogPage) },
              { path: 'account', ...page(() => import('../features/account/routes/AccountPage'), (m) => m.AccountPage) },
              {
                ...page(() => import('../features/console-auth/components/RequireAdmin'), (m) => m.RequireAdmin),
                children: [
                  { path: 'technicians', ...page(() => import('../features/technicians/routes/TechniciansPage'), (m) => m.TechniciansPage) },
                  { path: 'api-keys', ...page(() => import('../features/api-keys/routes/ApiKeysPage'), (m) => m.ApiKeysPage) },
                  { path: 'settings/webhooks', ...page(() => import('../features/webhooks/routes/WebhooksPage'), (m) => m.WebhooksPage) },
                  { path: 'settings/webhooks/:id', ...page(() => import('../features/webhooks/routes/WebhookDetailPage'), (m) => m.WebhookDetailPage) },
                  {
                    path: 'settings/security',
                    ...page(() => import('../features/security-settings/routes/SecuritySettingsPage'), (m) => m.SecuritySettingsPage),
                  },
                  {
                    path: 'settings/portal',
                    ...page(() => import('../features/ticket-settings/routes/CustomerPortalSettingsPage'), (m) => m.CustomerPortalSettingsPage),
                  },
                  { path: 'settings/tickets', ...page(() => import('../features/ticket-settings/routes/TicketSettingsPage'), (m) => m.TicketSettingsPage) },
                  { path: 'settings/software', ...page(() => import('../features/software/routes/SoftwarePage'), (m) => m.SoftwarePage) },
                  {
                    path: 'settings/self-service',
                    ...page(() => import('../features/self-service-settings/routes/SelfServiceSettingsPage'), (m) => m.SelfServiceSettingsPage),
                  },
                  { path: 'settings/sms', ...page(() => import('../features/sms/routes/SmsSettingsPage'), (m) => m.SmsSettingsPage) },
                  { path: 'settings/mail', ...page(() => import('../features/mail/routes/MailSettingsPage'), (m) => m.MailSettingsPage) },
                  { path: 'mail', ...page(() => import('../features/mail/routes/MailboxPage'), (m) => m.MailboxPage) },
                  { path: 'settings/custom-fields', ...page(() => import('../features/ticket-settings/routes/CustomFieldsPage'), (m) => m.CustomFieldsPage) },
                  { path: 'imports/atera', ...page(() => import('../features/imports-atera/routes/AteraImportPage'), (m) => m.AteraImportPage) },
                ],
              },
              { path: '*', element: <NotFoundPage home="/console/customers" /> },
            ],
          },
        ],
      },
      {
        path: '/',
        children: [
          { path: 'login', ...firstPage(() => import('../features/portal-auth/routes/PortalLoginPage'), (m) => m.PortalLoginPage) },
          { path: 'forgot-password', ...page(() => import('../features/password-reset/routes/ForgotPasswordPage'), (m) => m.ForgotPasswordPage) },
          { path: 'reset-password', ...page(() => import('../features/password-reset/routes/ResetPasswordPage'), (m) => m.ResetPasswordPage) },
          {
            ...page(() => import('../features/portal-shell/components/PortalLayout'), (m) => m.PortalLayout),
            children: [
              { index: true, ...page(() => import('../features/portal-home/routes/PortalHomePage'), (m) => m.PortalHomePage) },
              { path: 'settings', ...page(() => import('../features/portal-settings/routes/PortalSettingsPage'), (m) => m.PortalSettingsPage) },
              { path: 'devices', ...page(() => import('../features/portal-devices/routes/PortalDevicesPage'), (m) => m.PortalDevicesPage) },
              {
                path: 'tickets',
                ...page(() => import('../features/portal-tickets/components/RequireTickets'), (m) => m.RequireTickets),
                children: [
                  { index: true, ...page(() => import('../features/portal-tickets/routes/PortalTicketsPage'), (m) => m.PortalTicketsPage) },
                  {
                    path: 'new',
                    // AI-4: with manual ticket creation off, the form gives way to the assistant.
                    ...page(() => import('../features/portal-assistant/components/RequireManualTickets'), (m) => m.RequireManualTickets),
                    children: [{ index: true, ...page(() => import('../features/portal-tickets/routes/PortalTicketNewPage'), (m) => m.PortalTicketNewPage) }],
                  },
                  { path: ':id', ...page(() => import('../features/portal-tickets/routes/PortalTicketPage'), (m) => m.PortalTicketPage) },
                ],
              },
              {
                path: 'kb',
                ...page(() => import('../features/portal-kb/components/RequireKb'), (m) => m.RequireKb),
                children: [
                  { index: true, ...page(() => import('../features/portal-kb/routes/PortalKbHomePage'), (m) => m.PortalKbHomePage) },
                  { path: 'categories/:id', ...page(() => import('../features/portal-kb/routes/PortalKbCategoryPage'), (m) => m.PortalKbCategoryPage) },
                  { path: ':id', ...page(() => import('../features/portal-kb/routes/PortalKbArticlePage'), (m) => m.PortalKbArticlePage) },
                ],
              },
              {
                path: 'assistant',
                ...page(() => import('../features/portal-assistant/components/RequireAssistant'), (m) => m.RequireAssistant),
                children: [
                  { index: true, ...page(() => import('../features/portal-assistant/routes/PortalAssistantPage'), (m) => m.PortalAssistantPage) },
                  { path: ':id', ...page(() => import('../features/portal-assistant/routes/PortalAssistantPage'), (m) => m.PortalAssistantPage) },
                ],
              },
              { path: '*', element: <NotFoundPage home="/" /> },
            ],
          },
        ],
      },
    ],
  },
]);
