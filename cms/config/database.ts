import path from 'node:path';

/**
 * DATABASE_CLIENT=sqlite (default; better-sqlite3, DATABASE_FILENAME relative to the cms directory)
 * or DATABASE_CLIENT=postgres (DATABASE_URL, DATABASE_POOL_MIN/MAX, DATABASE_SSL).
 */
export default ({ env }) => {
  const client = env('DATABASE_CLIENT', 'sqlite');
  const acquireConnectionTimeout = env.int('DATABASE_CONNECTION_TIMEOUT', 60000);

  if (client === 'postgres') {
    const connectionString = env('DATABASE_URL', '');
    if (!connectionString) {
      throw new Error('DATABASE_URL is required when DATABASE_CLIENT=postgres');
    }
    return {
      connection: {
        client: 'postgres',
        connection: {
          connectionString,
          ssl: env.bool('DATABASE_SSL', false) ? { rejectUnauthorized: env.bool('DATABASE_SSL_REJECT_UNAUTHORIZED', true) } : false,
          schema: env('DATABASE_SCHEMA', 'public'),
        },
        pool: { min: env.int('DATABASE_POOL_MIN', 2), max: env.int('DATABASE_POOL_MAX', 10) },
        acquireConnectionTimeout,
      },
    };
  }

  if (client !== 'sqlite') {
    throw new Error(`Unsupported DATABASE_CLIENT "${client}" (use sqlite or postgres)`);
  }

  // dist/config → the cms directory
  const appDir = path.resolve(__dirname, '..', '..');
  return {
    connection: {
      client: 'sqlite',
      connection: { filename: path.resolve(appDir, env('DATABASE_FILENAME', '.tmp/data.db')) },
      useNullAsDefault: true,
      acquireConnectionTimeout,
    },
  };
};
