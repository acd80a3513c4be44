import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { parseFlag, parseLanguage, splitList } from './cells.ts';
import { detectDelimiter, readCsv } from './csv.ts';
import { suggestMapping } from './mapping.ts';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : String(err);
  }
  return undefined;
}

describe('readCsv: what spreadsheets export', () => {
  it('reads a European Excel export: BOM, semicolons, CRLF, quoted fields with ; and line breaks, accents', () => {
    const text = '\uFEFFNom;Domaines\r\n"Dupont; Fils";"dupont.fr; dupont.com"\r\n\r\nZoë Müller GmbH;"muller.de\r\nzoe.de"\r\nÉcole;\r\n';
    const t = readCsv(text);
    expect(t.delimiter).toBe(';');
    expect(t.headers).toEqual(['Nom', 'Domaines']);
    expect(t.rows.map((r) => r.cells)).toEqual([
      ['Dupont; Fils', 'dupont.fr; dupont.com'],
      ['Zoë Müller GmbH', 'muller.de\nzoe.de'],
      ['École', ''],
    ]);
    // Spreadsheet rows: the header is 1, the blank line 3 is not a row, a quoted line break spans two lines.
    expect(t.rows.map((r) => r.line)).toEqual([2, 5, 6]);
  });

  it('reads commas and tabs, pads short rows', () => {
    expect(readCsv('a,b,c\n1,2\n').rows[0]?.cells).toEqual(['1', '2', '']);
    expect(readCsv('a\tb\nx\ty').delimiter).toBe('\t');
    expect(detectDelimiter('"a;b",c,d\n1;2;3;4')).toBe(',');
  });

  it('refuses an empty file, a header alone, an unclosed quote, too many rows, too many bytes', () => {
    expect(codeOf(() => readCsv('\n\n'))).toBe('IMPORT_CSV_EMPTY');
    expect(codeOf(() => readCsv('email,name\n'))).toBe('IMPORT_CSV_EMPTY');
    expect(codeOf(() => readCsv('a,b\n1,"2\n3,4\n'))).toBe('IMPORT_CSV_INVALID');
    expect(codeOf(() => readCsv(`a\n${'x\n'.repeat(50_001)}`))).toBe('IMPORT_TOO_MANY_ROWS');
    expect(readCsv(`a\n${'x\n'.repeat(50_000)}`).rows).toHaveLength(50_000);
    expect(codeOf(() => readCsv(`a\n${'é'.repeat(5.5 * 1024 * 1024)}`))).toBe('IMPORT_FILE_TOO_LARGE');
  });
});

describe('suggestMapping: header names in the five languages', () => {
  it('maps contacts headers in French, German, Italian, Spanish and English', () => {
    expect(suggestMapping('contacts', ['Prénom', 'Nom', 'Courriel', 'Société', 'Langue', 'Contact principal', 'Téléphone'])).toEqual({
      firstName: 0,
      lastName: 1,
      email: 2,
      customer: 3,
      language: 4,
      isPrimary: 5,
      phone: 6,
    });
    expect(suggestMapping('contacts', ['Vorname', 'Nachname', 'E-Mail-Adresse', 'Firma', 'Sprache', 'Hauptkontakt', 'Telefon'])).toEqual({
      firstName: 0,
      lastName: 1,
      email: 2,
      customer: 3,
      language: 4,
      isPrimary: 5,
      phone: 6,
    });
    expect(suggestMapping('contacts', ['Nome', 'Cognome', 'E-mail', 'Azienda', 'Lingua', 'Telefono cellulare'])).toEqual({
      firstName: 0,
      lastName: 1,
      email: 2,
      customer: 3,
      language: 4,
      phone: 5,
    });
    expect(suggestMapping('contacts', ['Nombre', 'Apellidos', 'Correo electrónico', 'Empresa', 'Idioma'])).toEqual({ firstName: 0, lastName: 1, email: 2, customer: 3, language: 4 });
    expect(suggestMapping('contacts', ['First Name', 'Last Name', 'Email Address', 'Notes'])).toEqual({ firstName: 0, lastName: 1, email: 2 });
  });

  it('maps customers headers; "Nome" is a customer\'s name, not a first name', () => {
    expect(suggestMapping('customers', ['Nome', 'Domini'])).toEqual({ name: 0, domains: 1 });
    expect(suggestMapping('customers', ['Company name', 'E-mail domains'])).toEqual({ name: 0, domains: 1 });
    expect(suggestMapping('customers', ['Raison sociale', 'Domaines'])).toEqual({ name: 0, domains: 1 });
  });
});

describe('cell values', () => {
  it('reads yes/no in five languages, and nothing else', () => {
    for (const yes of ['yes', 'TRUE', '1', 'oui', 'Ja', 'sí', 'si', 'Vero']) expect(parseFlag(yes)).toBe(true);
    for (const no of ['no', 'false', '0', 'non', 'Nein', 'falso']) expect(parseFlag(no)).toBe(false);
    expect(parseFlag('maybe')).toBeUndefined();
  });

  it('reads language codes, tags and names', () => {
    expect(['fr', 'FR', 'fr-CH', 'Français', 'French', 'de_AT', 'Deutsch', 'Italiano', 'español'].map(parseLanguage)).toEqual(['fr', 'fr', 'fr', 'fr', 'fr', 'de', 'de', 'it', 'es']);
    expect(parseLanguage('pt')).toBeUndefined();
  });

  it('splits domain lists on ; , | and spaces', () => {
    expect(splitList(' a.com; b.com,c.com | d.com  e.com ')).toEqual(['a.com', 'b.com', 'c.com', 'd.com', 'e.com']);
  });
});
