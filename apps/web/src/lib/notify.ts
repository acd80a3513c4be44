import { i18next } from './i18n';

/**
 * Toasts. Mantine's notifications (their store, the container and its transitions, ~10 kB
 * compressed) are loaded with the first toast, not with every page (#9 item 7): `show` marks
 * them wanted, which mounts the container (app/NotificationsHost.tsx), and queues the toast
 * in their store, which the container shows once it is in.
 */
const listeners = new Set<() => void>();
let wanted = false;

export function subscribeNotificationsWanted(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const notificationsWanted = (): boolean => wanted;

function show(message: string, color: string): void {
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
  void import('@mantine/notifications').then(({ notifications }) =>
    notifications.show({ message, color, withBorder: true, closeButtonProps: { 'aria-label': i18next.t('common:actions.close') } }),
  );
}

export function notifySuccess(message: string): void {
  show(message, 'teal');
}

export function notifyError(message: string): void {
  show(message, 'red');
}
