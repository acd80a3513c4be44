import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.ts';

/** What a repo function runs on: the pool or a transaction. */
export type Db = Kysely<Database> | Transaction<Database>;
