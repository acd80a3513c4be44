import { parse } from 'csv-parse/sync';
import { IMPORT_MAX_BYTES, IMPORT_MAX_COLUMNS, IMPORT_MAX_ROWS } from '@porta/contracts/imports';
import { AppError } from '../../platform/errors.ts';

export type Delimiter = ',' | ';' | '\t';

export interface CsvRow {
  /** The file's line the row ends on (the header is line 1): what a spreadsheet calls its row. */
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: Delimiter;
  headers: string[];
  /** Data rows (the header not included); a short row is padded with empty cells. */
  rows: CsvRow[];
}

const CANDIDATES: Delimiter[] = [';', ',', '\t'];

/**
 * The delimiter of the header line: the candidate seen most often outside quotes.
 * European Excel writes `;` (the comma is their decimal mark), most tools `,`.
 */
export function detectDelimiter(text: string): Delimiter {
  const counts = new Map<Delimiter, number>(CANDIDATES.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as Delimiter)) counts.set(ch as Delimiter, (counts.get(ch as Delimiter) ?? 0) + 1);
  }
  let best: Delimiter = ',';
  for (const d of CANDIDATES) if ((counts.get(d) ?? 0) > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** csv-parse's errors carry the line where reading stopped. */
function lineOf(err: unknown): number {
  const line = (err as { lines?: unknown } | null)?.lines;
  return typeof line === 'number' && line > 0 ? line : 1;
}

/**
 * Reads an uploaded CSV: UTF-8 with or without BOM, `,` `;` or tab, quoted fields (with
 * delimiters, quotes and line breaks inside), CRLF or LF. Blank lines are left out.
 * Refuses (AppError) a file over the limits, without a header, or that is not CSV.
 */
export function readCsv(content: string): CsvTable {
  if (Buffer.byteLength(content, 'utf8') > IMPORT_MAX_BYTES) throw new AppError('IMPORT_FILE_TOO_LARGE', { megabytes: IMPORT_MAX_BYTES / 1024 / 1024 });
  // One line ending (a CRLF inside quotes would count as two lines in the row numbers).
  const text = content.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const delimiter = detectDelimiter(text);
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      info: true,
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      // One row past the limit is enough to know the file has too many.
      to: IMPORT_MAX_ROWS + 2,
    }) as unknown as typeof records;
  } catch (err) {
    throw new AppError('IMPORT_CSV_INVALID', { line: lineOf(err) });
  }
  const [header, ...rows] = records;
  if (!header || rows.length === 0) throw new AppError('IMPORT_CSV_EMPTY');
  if (rows.length > IMPORT_MAX_ROWS) throw new AppError('IMPORT_TOO_MANY_ROWS', { max: IMPORT_MAX_ROWS });
  if (header.record.length > IMPORT_MAX_COLUMNS) throw new AppError('IMPORT_CSV_INVALID', { line: 1 });
  const headers = header.record.map((h) => h.trim());
  const pad = (r: string[]) => (r.length >= headers.length ? r : [...r, ...Array<string>(headers.length - r.length).fill('')]);
  return { delimiter, headers, rows: rows.map((r) => ({ line: r.info.lines, cells: pad(r.record) })) };
}
