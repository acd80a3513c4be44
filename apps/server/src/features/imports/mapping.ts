import { IMPORT_FIELDS, IMPORT_REQUIRED_FIELDS, type ImportField, type ImportKind, type ImportMapping } from '@porta/contracts/imports';
import { AppError } from '../../platform/errors.ts';

/** `E-Mail-Adresse` → `emailadresse`: no accents, case, spaces or punctuation. */
export function normaliseHeader(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

/**
 * What each field's column is called in the five languages (normalised), most specific first.
 * A header equal to one of them wins; else one that contains one of the longer ones.
 */
const NAMES: Record<ImportKind, Partial<Record<ImportField, string[]>>> = {
  customers: {
    name: ['name', 'customername', 'customer', 'company', 'companyname', 'client', 'nom', 'nomclient', 'raisonsociale', 'entreprise', 'societe', 'kunde', 'kundenname', 'firma', 'firmenname', 'unternehmen', 'nombre', 'empresa', 'cliente', 'razonsocial', 'nome', 'azienda', 'ragionesociale', 'societa'],
    domains: ['domains', 'domain', 'emaildomains', 'domaines', 'domaine', 'domanen', 'domane', 'dominios', 'dominio', 'domini'],
  },
  contacts: {
    email: ['email', 'emailaddress', 'mail', 'courriel', 'adresseemail', 'adressemail', 'emailadresse', 'correo', 'correoelectronico', 'posta', 'postaelettronica', 'indirizzoemail'],
    firstName: ['firstname', 'first', 'givenname', 'forename', 'prenom', 'vorname', 'nombre', 'nome'],
    lastName: ['lastname', 'last', 'surname', 'familyname', 'nom', 'nomdefamille', 'nachname', 'familienname', 'apellido', 'apellidos', 'cognome'],
    customer: ['customer', 'company', 'organisation', 'organization', 'client', 'entreprise', 'societe', 'kunde', 'firma', 'unternehmen', 'cliente', 'empresa', 'azienda', 'societa'],
    language: ['language', 'lang', 'locale', 'langue', 'sprache', 'idioma', 'lingua'],
    isPrimary: ['primary', 'isprimary', 'primarycontact', 'principal', 'contactprincipal', 'hauptkontakt', 'primarkontakt', 'primario', 'contactoprincipal', 'contattoprincipale', 'referente'],
    phone: ['phone', 'phonenumber', 'mobile', 'telephone', 'tel', 'portable', 'telefon', 'handy', 'mobil', 'telefono', 'movil', 'cellulare'],
  },
};

/** The mapping guessed from the header: each field takes at most one column, each column feeds at most one field. */
export function suggestMapping(kind: ImportKind, headers: string[]): ImportMapping {
  const normal = headers.map(normaliseHeader);
  const used = new Set<number>();
  const mapping: ImportMapping = {};
  const take = (field: ImportField, match: (h: string, name: string) => boolean) => {
    if (mapping[field] !== undefined) return;
    for (const name of NAMES[kind][field] ?? []) {
      const index = normal.findIndex((h, i) => !used.has(i) && h !== '' && match(h, name));
      if (index >= 0) {
        mapping[field] = index;
        used.add(index);
        return;
      }
    }
  };
  for (const field of IMPORT_FIELDS[kind]) take(field, (h, name) => h === name);
  // Loosely: "Adresse e-mail professionnelle", "Telefono cellulare". Short names are too easily found inside others.
  for (const field of IMPORT_FIELDS[kind]) take(field, (h, name) => name.length >= 5 && h.includes(name));
  return mapping;
}

/** The mapping must name only this kind's fields, map its required fields, and point at columns the file has. */
export function checkMapping(kind: ImportKind, mapping: ImportMapping, columns: number): void {
  const fields: readonly string[] = IMPORT_FIELDS[kind];
  for (const [field, column] of Object.entries(mapping)) {
    if (column === undefined) continue;
    if (!fields.includes(field) || column >= columns) throw new AppError('IMPORT_MAPPING_INVALID', { field });
  }
  for (const field of IMPORT_REQUIRED_FIELDS[kind]) {
    if (mapping[field] === undefined) throw new AppError('IMPORT_MAPPING_INVALID', { field });
  }
}
