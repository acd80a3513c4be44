import { notifications } from '@mantine/notifications';
import { i18next } from './i18n';

function show(message: string, color: string): void {
  notifications.show({ message, color, withBorder: true, closeButtonProps: { 'aria-label': i18next.t('common:actions.close') } });
}

export function notifySuccess(message: string): void {
  show(message, 'teal');
}

export function notifyError(message: string): void {
  show(message, 'red');
}
