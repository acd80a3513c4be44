import { lazy, Suspense, useSyncExternalStore } from 'react';
import { notificationsWanted, subscribeNotificationsWanted } from '../lib/notify';

const Notifications = lazy(() => Promise.all([import('@mantine/notifications'), import('./all-styles')]).then(([m]) => ({ default: m.Notifications })));

/** Mantine's toast container, mounted with the first toast (lib/notify.ts). */
export function NotificationsHost() {
  const wanted = useSyncExternalStore(subscribeNotificationsWanted, notificationsWanted);
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Notifications position="bottom-right" limit={4} autoClose={5000} />
    </Suspense>
  );
}
