import { createRequire } from 'node:module';
import path from 'node:path';
import { CMS_DIR } from './strapi-harness.js';

const require = createRequire(path.join(CMS_DIR, 'package.json'));

export interface PgDatabase {
  /** postgres://…/<name>, for DATABASE_URL. */
  url: string;
  name: string;
  query<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Ends whatever is still connected to it, then drops it. */
  drop(): Promise<void>;
}

async function withClient<T>(url: string, fn: (client: any) => Promise<T>): Promise<T> {
  const { Client } = require('pg');
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * A throw-away PostgreSQL database next to PG_TEST_URL (CI sets it), or undefined with the reason
 * when there is no PostgreSQL to use, so a suite can skip its PostgreSQL-only tests visibly.
 */
export async function createPgDatabase(prefix: string): Promise<{ db: PgDatabase } | { skipped: string }> {
  const base = process.env.PG_TEST_URL ?? process.env.DATABASE_URL_TEST;
  if (!base) return { skipped: 'PG_TEST_URL / DATABASE_URL_TEST is not set (.ci/run sets it)' };
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  try {
    await withClient(base, (c) => c.query(`CREATE DATABASE ${name}`));
  } catch (e) {
    return { skipped: `PostgreSQL at ${base} is unreachable (${(e as Error).message})` };
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    db: {
      url: url.toString(),
      name,
      query: (sql, params) => withClient(url.toString(), async (c) => (await c.query(sql, params)).rows),
      drop: () =>
        withClient(base, async (c) => {
          await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
          await c.query(`DROP DATABASE IF EXISTS ${name}`);
        }),
    },
  };
}
