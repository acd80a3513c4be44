import { useLayoutEffect } from 'react';
import { Outlet, useLocation } from 'react-router';
import { releaseShell } from '../lib/sign-in-shell';

/** Every page but the portal sign-in (whose form takes the server-written first paint over) removes it. */
export function AppRoot() {
  const { pathname } = useLocation();
  useLayoutEffect(() => {
    if (pathname !== '/login' && pathname !== '/login/') releaseShell();
  }, [pathname]);
  return <Outlet />;
}
