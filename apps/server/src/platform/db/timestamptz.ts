import pg from 'pg';

/**
 * `timestamptz` text → Date without a regular expression (issue 16 item 1). pg's own parser
 * (postgres-date) runs three regular expressions and several `parseInt`s per value: ~2 µs, 50
 * times for a page of 25 tickets (created and updated), the largest single cost of reading the
 * page in the profile. PostgreSQL writes this type in one shape under the default `DateStyle`
 * (ISO): `YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`; that shape is read here digit by digit,
 * anything else (BC, infinity, a five-digit year, another DateStyle) goes to pg's parser, so
 * the answer is the same Date either way (timestamptz.test.ts checks both on generated values).
 */
type Parser = ((text: string) => Date | number | null) & { pgOwn?: Parser };

/**
 * pg's own parser, kept for what the fast path does not read. When this module is evaluated
 * again in a process where an earlier copy is already registered (test files sharing a worker),
 * the registered one carries pg's parser along.
 */
const registered = pg.types.getTypeParser(pg.types.builtins.TIMESTAMPTZ) as Parser;
export const pgTimestamptzParser: Parser = registered.pgOwn ?? registered;

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return Number.NaN;
    n = n * 10 + d;
  }
  return n;
}

export const parseTimestamptz: Parser = (s: string) => {
  const len = s.length;
  // The fixed part: "YYYY-MM-DD HH:MM:SS" (19 characters), then fraction and zone.
  if (len < 22 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45 || s.charCodeAt(10) !== 32 || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return pgTimestamptzParser(s);
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46) {
    // Up to six digits; milliseconds are the first three, as Date keeps them (it truncates the rest).
    let scale = 100;
    i++;
    while (i < len) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale = scale === 1 ? 0 : scale / 10;
      i++;
    }
  }
  const sign = s.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return pgTimestamptzParser(s);
  // The zone: ±HH, ±HH:MM or ±HH:MM:SS and nothing after it (" BC" would be after it).
  const rest = len - i - 1;
  if (rest !== 2 && rest !== 5 && rest !== 8) return pgTimestamptzParser(s);
  let offset = digits(s, i + 1, 2) * 3600;
  if (rest >= 5) offset += digits(s, i + 4, 2) * 60;
  if (rest === 8) offset += digits(s, i + 7, 2);
  const year = digits(s, 0, 4);
  const utc = Date.UTC(year, digits(s, 5, 2) - 1, digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2), ms);
  // Years 0–99: Date.UTC reads them as 1900–1999; Number.isNaN covers a non-digit anywhere.
  if (year < 100 || Number.isNaN(utc) || Number.isNaN(offset)) return pgTimestamptzParser(s);
  return new Date(utc - (sign === 43 ? offset : -offset) * 1000);
};
parseTimestamptz.pgOwn = pgTimestamptzParser;
