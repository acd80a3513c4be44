import type { Priority } from '@porta/contracts/tickets';

export interface DemoTicket {
  /** The requester's e-mail, one of the demo contacts. */
  requester: string;
  subject: string;
  description: string;
  priority: Priority;
  type: 'question' | 'incident' | 'problem' | 'request';
  status: 'open' | 'pending' | 'resolved' | 'closed';
  billed?: boolean;
  customFields?: Record<string, string | number | boolean>;
  /** Alternating replies: technician first. A leading `!` marks an internal note. */
  thread: string[];
}

export const DEMO_CUSTOM_FIELDS = [
  { key: 'assetTag', label: 'Asset tag', type: 'text' as const, options: [] },
  { key: 'site', label: 'Site', type: 'dropdown' as const, options: ['Head office', 'Warehouse', 'Remote'] },
  { key: 'usersAffected', label: 'Users affected', type: 'number' as const, options: [] },
  { key: 'onsiteVisit', label: 'On-site visit needed', type: 'checkbox' as const, options: [] },
];

export const DEMO_TICKETS: DemoTicket[] = [
  {
    requester: 'giulia.rossi@rossicostruzioni.example',
    subject: 'La stampante del secondo piano non stampa',
    description: 'Da stamattina la **HP LaserJet** del secondo piano resta in coda. Abbiamo già provato a riavviarla.',
    priority: 'high',
    type: 'incident',
    status: 'open',
    customFields: { assetTag: 'PRN-0207', site: 'Head office', usersAffected: 12 },
    thread: ['Buongiorno Giulia, ci colleghiamo da remoto entro le 11.', '!Driver v5.2 già installato sul print server, controllare lo spooler.'],
  },
  {
    requester: 'marco.bianchi@rossicostruzioni.example',
    subject: 'Nuovo portatile per il cantiere di Bergamo',
    description: 'Serve un portatile rugged per il capocantiere, con VPN configurata.',
    priority: 'medium',
    type: 'request',
    status: 'pending',
    customFields: { site: 'Remote', onsiteVisit: false },
    thread: ['Preventivo inviato: attendiamo la vostra approvazione.', 'Grazie, lo giro alla direzione.'],
  },
  {
    requester: 'claire.dupont@dupont-fils.example',
    subject: 'Accès VPN impossible depuis le domicile',
    description: 'Le client VPN affiche « authentification échouée » depuis la mise à jour de lundi.',
    priority: 'critical',
    type: 'incident',
    status: 'resolved',
    billed: true,
    customFields: { usersAffected: 3, site: 'Remote' },
    thread: ['Le certificat a été renouvelé côté pare-feu, pouvez-vous réessayer ?', 'Tout fonctionne, merci !'],
  },
  {
    requester: 'julien.martin@dupont-fils.example',
    subject: 'Comment partager un calendrier Outlook ?',
    description: 'Je voudrais partager mon calendrier avec mon assistante.',
    priority: 'low',
    type: 'question',
    status: 'closed',
    thread: ['Clic droit sur le calendrier > Partage > ajoutez la personne et choisissez « Peut modifier ».'],
  },
  {
    requester: 'emma.clarke@northwind.example',
    subject: 'Warehouse Wi-Fi drops every afternoon',
    description: 'Handheld scanners lose Wi-Fi between 2 and 4 pm in aisles 7-12.',
    priority: 'high',
    type: 'problem',
    status: 'open',
    customFields: { site: 'Warehouse', usersAffected: 25, onsiteVisit: true },
    thread: ['We see channel interference in the controller logs; scheduling a site survey.', '!Check AP-7 firmware before the visit.', 'Thursday morning works for us.'],
  },
  {
    requester: 'lukas.schmidt@northwind.example',
    subject: 'Zugang zum Buchhaltungsordner',
    description: 'Bitte geben Sie Frau García Lesezugriff auf \\\\fs01\\buchhaltung.',
    priority: 'medium',
    type: 'request',
    status: 'resolved',
    thread: ['Der Zugriff ist eingerichtet. Bitte einmal ab- und wieder anmelden.'],
  },
  {
    requester: 'tom.baker@northwind.example',
    subject: 'Outlook asks for my password again and again',
    description: 'Since yesterday Outlook prompts for credentials every few minutes.',
    priority: 'medium',
    type: 'incident',
    status: 'pending',
    customFields: { assetTag: 'LT-1183' },
    thread: ['Could you send us a screenshot of the prompt?'],
  },
];
