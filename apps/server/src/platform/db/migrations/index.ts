import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.ts';
import * as m0002 from './0002_tickets.ts';
import * as m0004 from './0004_mail.ts';

/** Every migration, in order. A static list so bundled builds need no directory scan. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_tickets': m0002,
  '0004_mail': m0004,
};
