import deCommon from '../locales/de/common.json' with { type: 'json' };
import deConsole from '../locales/de/console.json' with { type: 'json' };
import deErrors from '../locales/de/errors.json' with { type: 'json' };
import deKb from '../locales/de/kb.json' with { type: 'json' };
import dePortal from '../locales/de/portal.json' with { type: 'json' };
import deMail from '../locales/de/mail.json' with { type: 'json' };
import deDevices from '../locales/de/devices.json' with { type: 'json' };
import deAssistant from '../locales/de/assistant.json' with { type: 'json' };
import deChat from '../locales/de/chat.json' with { type: 'json' };
import enCommon from '../locales/en/common.json' with { type: 'json' };
import enConsole from '../locales/en/console.json' with { type: 'json' };
import enErrors from '../locales/en/errors.json' with { type: 'json' };
import enKb from '../locales/en/kb.json' with { type: 'json' };
import enPortal from '../locales/en/portal.json' with { type: 'json' };
import enMail from '../locales/en/mail.json' with { type: 'json' };
import enDevices from '../locales/en/devices.json' with { type: 'json' };
import enAssistant from '../locales/en/assistant.json' with { type: 'json' };
import enChat from '../locales/en/chat.json' with { type: 'json' };
import esCommon from '../locales/es/common.json' with { type: 'json' };
import esConsole from '../locales/es/console.json' with { type: 'json' };
import esErrors from '../locales/es/errors.json' with { type: 'json' };
import esKb from '../locales/es/kb.json' with { type: 'json' };
import esPortal from '../locales/es/portal.json' with { type: 'json' };
import esMail from '../locales/es/mail.json' with { type: 'json' };
import esDevices from '../locales/es/devices.json' with { type: 'json' };
import esAssistant from '../locales/es/assistant.json' with { type: 'json' };
import esChat from '../locales/es/chat.json' with { type: 'json' };
import frCommon from '../locales/fr/common.json' with { type: 'json' };
import frConsole from '../locales/fr/console.json' with { type: 'json' };
import frErrors from '../locales/fr/errors.json' with { type: 'json' };
import frKb from '../locales/fr/kb.json' with { type: 'json' };
import frPortal from '../locales/fr/portal.json' with { type: 'json' };
import frMail from '../locales/fr/mail.json' with { type: 'json' };
import frDevices from '../locales/fr/devices.json' with { type: 'json' };
import frAssistant from '../locales/fr/assistant.json' with { type: 'json' };
import frChat from '../locales/fr/chat.json' with { type: 'json' };
import itCommon from '../locales/it/common.json' with { type: 'json' };
import itConsole from '../locales/it/console.json' with { type: 'json' };
import itErrors from '../locales/it/errors.json' with { type: 'json' };
import itKb from '../locales/it/kb.json' with { type: 'json' };
import itPortal from '../locales/it/portal.json' with { type: 'json' };
import itMail from '../locales/it/mail.json' with { type: 'json' };
import itDevices from '../locales/it/devices.json' with { type: 'json' };
import itAssistant from '../locales/it/assistant.json' with { type: 'json' };
import itChat from '../locales/it/chat.json' with { type: 'json' };
import type { Language, Namespace } from './languages.ts';

export type Catalogue = { [key: string]: string | Catalogue };

/** Every catalogue, bundled: `CATALOGUES[lang][namespace]`. */
export const CATALOGUES: Record<Language, Record<Namespace, Catalogue>> = {
  en: { common: enCommon, console: enConsole, portal: enPortal, errors: enErrors, kb: enKb, mail: enMail, devices: enDevices, assistant: enAssistant, chat: enChat },
  fr: { common: frCommon, console: frConsole, portal: frPortal, errors: frErrors, kb: frKb, mail: frMail, devices: frDevices, assistant: frAssistant, chat: frChat },
  de: { common: deCommon, console: deConsole, portal: dePortal, errors: deErrors, kb: deKb, mail: deMail, devices: deDevices, assistant: deAssistant, chat: deChat },
  es: { common: esCommon, console: esConsole, portal: esPortal, errors: esErrors, kb: esKb, mail: esMail, devices: esDevices, assistant: esAssistant, chat: esChat },
  it: { common: itCommon, console: itConsole, portal: itPortal, errors: itErrors, kb: itKb, mail: itMail, devices: itDevices, assistant: itAssistant, chat: itChat },
};
