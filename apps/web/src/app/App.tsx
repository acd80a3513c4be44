import { MantineProvider } from '@mantine/core';
import { QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from 'react-router';
import { cspNonce } from '../lib/csp';
import { brandShades, pageBrand } from '../lib/page-brand';
import { queryClient } from '../lib/query-client';
import { NotificationsHost } from './NotificationsHost';
import { router } from './router';
import { cssVariablesResolver, theme } from './theme';

/** D-4: the tenant's colour, when it chose one, as the primary colour of the whole app. */
const shades = pageBrand?.primaryColor ? brandShades(pageBrand.primaryColor) : null;
const appTheme = shades ? { ...theme, colors: { ...theme.colors, brand: shades }, primaryColor: 'brand' } : theme;

/** Issue 15 item 7: Mantine's run-time <style> elements carry the page's CSP nonce (lib/csp.ts). */
const nonce = cspNonce;
const getStyleNonce = nonce === undefined ? undefined : () => nonce;

export function App() {
  return (
    <MantineProvider theme={appTheme} cssVariablesResolver={cssVariablesResolver} defaultColorScheme="light" getStyleNonce={getStyleNonce}>
      <NotificationsHost />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
