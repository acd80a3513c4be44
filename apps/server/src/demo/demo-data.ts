import type { Language } from '@porta/contracts/common';

export interface DemoContact {
  firstName: string;
  lastName: string;
  email: string;
  isPrimary: boolean;
  language: Language;
  phone?: string;
}

export interface DemoCustomer {
  name: string;
  domains: string[];
  contacts: DemoContact[];
}

/** A small MSP's book: three client companies in three countries, ten people. */
export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    name: 'Rossi Costruzioni S.r.l.',
    domains: ['rossicostruzioni.example'],
    contacts: [
      { firstName: 'Giulia', lastName: 'Rossi', email: 'giulia.rossi@rossicostruzioni.example', isPrimary: true, language: 'it', phone: '+390212345678' },
      { firstName: 'Marco', lastName: 'Bianchi', email: 'marco.bianchi@rossicostruzioni.example', isPrimary: false, language: 'it' },
      { firstName: 'Sara', lastName: 'Colombo', email: 'sara.colombo@rossicostruzioni.example', isPrimary: false, language: 'it' },
    ],
  },
  {
    name: 'Dupont & Fils',
    domains: ['dupont-fils.example'],
    contacts: [
      { firstName: 'Claire', lastName: 'Dupont', email: 'claire.dupont@dupont-fils.example', isPrimary: true, language: 'fr' },
      { firstName: 'Julien', lastName: 'Martin', email: 'julien.martin@dupont-fils.example', isPrimary: false, language: 'fr' },
      { firstName: 'Amélie', lastName: 'Bernard', email: 'amelie.bernard@dupont-fils.example', isPrimary: false, language: 'fr' },
    ],
  },
  {
    name: 'Northwind Logistics',
    domains: ['northwind.example', 'nwlogistics.example'],
    contacts: [
      { firstName: 'Emma', lastName: 'Clarke', email: 'emma.clarke@northwind.example', isPrimary: true, language: 'en', phone: '+442071234567' },
      { firstName: 'Lukas', lastName: 'Schmidt', email: 'lukas.schmidt@northwind.example', isPrimary: true, language: 'de' },
      { firstName: 'Lucía', lastName: 'García', email: 'lucia.garcia@northwind.example', isPrimary: false, language: 'es' },
      { firstName: 'Tom', lastName: 'Baker', email: 'tom.baker@northwind.example', isPrimary: false, language: 'en' },
    ],
  },
];
