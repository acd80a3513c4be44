import type { ComponentType } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import { LoadingState } from '../components/ui/LoadingState';
import { NotFoundPage } from './NotFoundPage';
import { RouteError } from './RouteError';

/** Loads a page's code on first visit, so the portal never downloads the console. */
function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return { lazy: async () => ({ Component: pick(await load()) }) };
}

export const router = createBrowserRouter([
  {
    errorElement: <RouteError />,
    hydrateFallbackElement: <LoadingState fullPage />,
    children: [
      {
        path: '/console',
        children: [
          { path: 'setup', ...page(() => import('../features/setup/routes/SetupPage'), (m) => m.SetupPage) },
          { path: 'login', ...page(() => import('../features/console-auth/routes/ConsoleLoginPage'), (m) => m.ConsoleLoginPage) },
          {
            ...page(() => import('../features/console-shell/components/ConsoleLayout'), (m) => m.ConsoleLayout),
            children: [
              { index: true, element: <Navigate to="/console/customers" replace /> },
              { path: 'customers', ...page(() => import('../features/customers/routes/CustomersPage'), (m) => m.CustomersPage) },
              { path: 'customers/:id', ...page(() => import('../features/customers/routes/CustomerDetailPage'), (m) => m.CustomerDetailPage) },
              { path: 'contacts', ...page(() => import('../features/contacts/routes/ContactsPage'), (m) => m.ContactsPage) },
              { path: 'contacts/new', ...page(() => import('../features/contacts/routes/ContactNewPage'), (m) => m.ContactNewPage) },
              { path: 'contacts/:id', ...page(() => import('../features/contacts/routes/ContactDetailPage'), (m) => m.ContactDetailPage) },
              { path: 'account', ...page(() => import('../features/account/routes/AccountPage'), (m) => m.AccountPage) },
              {
                ...page(() => import('../features/console-auth/components/RequireAdmin'), (m) => m.RequireAdmin),
                children: [
                  { path: 'technicians', ...page(() => import('../features/technicians/routes/TechniciansPage'), (m) => m.TechniciansPage) },
                  { path: 'api-keys', ...page(() => import('../features/api-keys/routes/ApiKeysPage'), (m) => m.ApiKeysPage) },
                  {
                    path: 'settings/security',
                    ...page(() => import('../features/security-settings/routes/SecuritySettingsPage'), (m) => m.SecuritySettingsPage),
                  },
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
          { path: 'login', ...page(() => import('../features/portal-auth/routes/PortalLoginPage'), (m) => m.PortalLoginPage) },
          {
            ...page(() => import('../features/portal-shell/components/PortalLayout'), (m) => m.PortalLayout),
            children: [
              { index: true, ...page(() => import('../features/portal-home/routes/PortalHomePage'), (m) => m.PortalHomePage) },
              { path: 'settings', ...page(() => import('../features/portal-settings/routes/PortalSettingsPage'), (m) => m.PortalSettingsPage) },
              { path: '*', element: <NotFoundPage home="/" /> },
            ],
          },
        ],
      },
    ],
  },
]);
