import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTimestamptz, pgTimestamptzParser as pgParser } from './timestamptz.ts';

const time = (v: Date | number | null) => (v instanceof Date ? v.getTime() : v);
const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');

/** A timestamptz as PostgreSQL writes it under DateStyle ISO, for an instant and a zone offset in seconds. */
function asPostgresWrites(epochMs: number, micros: number, fractionDigits: number, offsetS: number): string {
  const local = new Date(epochMs + offsetS * 1000);
  const fraction = fractionDigits === 0 ? '' : `.${String(local.getUTCMilliseconds() * 1000 + micros).padStart(6, '0').slice(0, fractionDigits)}`;
  const abs = Math.abs(offsetS);
  const zone = `${offsetS < 0 ? '-' : '+'}${pad(Math.floor(abs / 3600))}${abs % 3600 === 0 ? '' : `:${pad(Math.floor((abs % 3600) / 60))}`}${abs % 60 === 0 ? '' : `:${pad(abs % 60)}`}`;
  return `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())} ${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}${fraction}${zone}`;
}

describe('timestamptz parser (issue 16 item 1)', () => {
  it('reads every value PostgreSQL writes as the same instant as pg’s own parser', () => {
    const years100to9999 = fc.integer({ min: Date.UTC(100, 0, 2), max: Date.UTC(9999, 11, 30) });
    const offsets = fc.oneof(fc.constant(0), fc.integer({ min: -12 * 4, max: 14 * 4 }).map((q) => q * 900), fc.integer({ min: -43_200, max: 50_400 }));
    fc.assert(
      fc.property(years100to9999, fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 6 }), offsets, (ms, micros, digits, offset) => {
        const text = asPostgresWrites(ms, micros, digits, offset);
        const ours = parseTimestamptz(text);
        expect(ours).toBeInstanceOf(Date);
        expect(time(ours)).toBe(time(pgParser(text)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads what real rows hold, and hands anything else to pg’s parser', () => {
    // pg's parser is postgres-date (a regular expression), never this one.
    expect(pgParser).not.toBe(parseTimestamptz);
    expect(pgParser.toString()).toMatch(/DATE_TIME|exec|parseDate/);
    for (const text of [
      '2026-12-04 13:14:23.221+00',
      '2026-12-04 13:14:23+00',
      '2026-12-04 13:14:23.221938+00',
      '2026-03-29 02:30:00.5+01',
      '1999-01-08 04:05:06-08',
      '2026-12-04 18:44:59.999999+05:30',
      '1883-11-18 12:00:00+00:09:21',
      'infinity',
      '-infinity',
      '0044-03-15 12:00:00+00 BC',
      '0099-12-31 23:59:59+00',
      '12345-01-01 00:00:00+00',
      '2026-12-04',
    ]) {
      expect([text, time(parseTimestamptz(text))]).toEqual([text, time(pgParser(text))]);
    }
    expect(parseTimestamptz('2026-12-04 13:14:23.221+00')).toEqual(new Date('2026-12-04T13:14:23.221Z'));
    expect(parseTimestamptz('2026-12-04 18:44:59.999999+05:30')).toEqual(new Date('2026-12-04T13:14:59.999Z'));
  });
});
