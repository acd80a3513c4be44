/**
 * The labelled query set for relevance (MRR@10): what a contact of each language might type,
 * and the demo article (apps/server/src/demo/demo-kb.ts, by its English title) that answers it.
 * Inflections, missing accents, typos and synonyms-by-context are mixed in on purpose.
 */
export interface LabelledQuery {
  language: 'en' | 'fr' | 'de' | 'es' | 'it';
  q: string;
  expected: string;
}

export const LABELLED_QUERIES: LabelledQuery[] = [
  { language: 'en', q: 'printers offline', expected: 'Printer shows offline' },
  { language: 'en', q: 'reset pasword', expected: 'Reset your password' },
  { language: 'en', q: 'vpn disconnecting', expected: 'VPN keeps disconnecting' },
  { language: 'en', q: 'paper jammed', expected: 'Clear a paper jam' },
  { language: 'en', q: 'suspicious email phishing', expected: 'Report a suspicious e-mail' },
  { language: 'fr', q: 'imprimantes hors ligne', expected: 'Printer shows offline' },
  { language: 'fr', q: 'reinitialiser mot de passe', expected: 'Reset your password' },
  { language: 'fr', q: 'ecran noir second', expected: 'Second screen stays black' },
  { language: 'fr', q: 'batterie portable', expected: 'Laptop battery drains quickly' },
  { language: 'fr', q: 'connexion vpn', expected: 'Connect to the VPN' },
  { language: 'de', q: 'Drucker offline', expected: 'Printer shows offline' },
  { language: 'de', q: 'Passwort zurücksetzen', expected: 'Reset your password' },
  { language: 'de', q: 'Papierstau', expected: 'Clear a paper jam' },
  { language: 'de', q: 'Windows Updates installieren', expected: 'Install Windows updates' },
  { language: 'de', q: 'Akku Laptop', expected: 'Laptop battery drains quickly' },
  { language: 'es', q: 'impresoras desconectadas', expected: 'Printer shows offline' },
  { language: 'es', q: 'contrasena restablecer', expected: 'Reset your password' },
  { language: 'es', q: 'atasco papel', expected: 'Clear a paper jam' },
  { language: 'es', q: 'correo en el telefono', expected: 'Add your work e-mail to your phone' },
  { language: 'es', q: 'verificacion en dos pasos', expected: 'Set up two-step verification' },
  { language: 'it', q: 'stampanti offline', expected: 'Printer shows offline' },
  { language: 'it', q: 'reimpostare la pasword', expected: 'Reset your password' },
  { language: 'it', q: 'inceppamenti carta', expected: 'Clear a paper jam' },
  { language: 'it', q: 'batteria portatile', expected: 'Laptop battery drains quickly' },
  { language: 'it', q: 'vpn disconnessa', expected: 'VPN keeps disconnecting' },
];
