import type { Kysely } from 'kysely';
import type { Config } from '../config.ts';
import type { Keys } from './crypto/keys.ts';
import type { Engine } from './db/database.ts';
import type { Database } from './db/schema.ts';
import type { EventBus } from './events/bus.ts';

/** What every service needs, built once per process and handed down explicitly. */
export interface AppContext {
  db: Kysely<Database>;
  engine: Engine;
  keys: Keys;
  config: Config;
  /** Live updates to open browsers, across app nodes on PostgreSQL. */
  bus: EventBus;
}
