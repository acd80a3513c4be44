/** The local PostgreSQL the benchmarks create and drop their databases on (127.0.0.1 only). */
import pg from 'pg';

/** Server URL without a database; BENCH_PG_URL overrides it (it must point at 127.0.0.1). */
export const PG_SERVER_URL = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');

export function databaseUrl(name: string): string {
  return `${PG_SERVER_URL}/${name}`;
}

async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl('postgres'), connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Null when PostgreSQL answers, else why not (the PostgreSQL part is then skipped). */
export async function postgresUnavailable(): Promise<string | null> {
  if (!/@(127\.0\.0\.1|localhost)(:\d+)?$/.test(PG_SERVER_URL)) return `BENCH_PG_URL must point at 127.0.0.1 (got ${PG_SERVER_URL})`;
  try {
    await withAdmin((c) => c.query('select 1'));
    return null;
  } catch (err) {
    return `PostgreSQL not reachable at ${PG_SERVER_URL}: ${err instanceof Error ? err.message : String(err)}`;
  }
}

function ident(name: string): string {
  if (!/^porta_(bench[a-z0-9_]*|[a-z0-9]+_bench)$/.test(name)) throw new Error(`refusing to touch database ${name}: bench databases are named porta_bench*`);
  return `"${name}"`;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((c) => c.query(`drop database if exists ${ident(name)} with (force)`));
}

/** A new, empty database (dropped first if a previous run left it). */
export async function recreateDatabase(name: string): Promise<string> {
  await withAdmin(async (c) => {
    await c.query(`drop database if exists ${ident(name)} with (force)`);
    await c.query(`create database ${ident(name)}`);
  });
  return databaseUrl(name);
}
