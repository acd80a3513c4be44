import { sql, type Kysely } from 'kysely';
import { deriveKeys, type Keys } from './crypto/keys.ts';
import { randomToken } from './crypto/tokens.ts';
import type { Database } from './db/schema.ts';

/**
 * The master key comes from `PORTA_SECRET_KEY`. Without it, one is generated on first start
 * and kept in the database so every app node shares it; operators are told to set the
 * variable (docs/OPERATIONS.md), since a key kept beside the data protects it less.
 */
export async function loadKeys(db: Kysely<Database>, fromEnv: string | undefined): Promise<{ keys: Keys; generated: boolean }> {
  if (fromEnv) return { keys: deriveKeys(fromEnv), generated: false };
  await sql`insert into instance_settings (key, value) values ('master_key', ${randomToken(32)}) on conflict (key) do nothing`.execute(db);
  const row = await db.selectFrom('instance_settings').select('value').where('key', '=', 'master_key').executeTakeFirstOrThrow();
  return { keys: deriveKeys(row.value), generated: true };
}
