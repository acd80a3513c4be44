import type enCommon from '@porta/i18n/locales/en/common.json';
import type enConsole from '@porta/i18n/locales/en/console.json';
import type enErrors from '@porta/i18n/locales/en/errors.json';
import type enKb from '@porta/i18n/locales/en/kb.json';
import type enPortal from '@porta/i18n/locales/en/portal.json';
import type enMail from '@porta/i18n/locales/en/mail.json';
import type enDevices from '@porta/i18n/locales/en/devices.json';
import type enAssistant from '@porta/i18n/locales/en/assistant.json';
import type enChat from '@porta/i18n/locales/en/chat.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof enCommon;
      console: typeof enConsole;
      portal: typeof enPortal;
      errors: typeof enErrors;
      kb: typeof enKb;
      mail: typeof enMail;
      devices: typeof enDevices;
      assistant: typeof enAssistant;
      chat: typeof enChat;
    };
  }
}
