import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { strapiTestEnv } from './dev-env.js';
import { CMS_DIR } from './paths.js';
import { freePort } from './ports.js';

const require = createRequire(import.meta.url);
export { CMS_DIR };

export interface StrapiHandle {
  url: string;
  port: number;
  dbFile: string;
  // The Strapi instance (typed loosely: tests use the document service and a few internals).
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  app: any;
  stop(): Promise<void>;
}

/**
 * Boots the real, compiled Strapi app (cms/dist, built by `npm run build`) in this process on a temp
 * SQLite file. Strapi reads its configuration from process.env, so the env is set before loading.
 */
export async function startStrapi(opts: {
  gatewayUrl: string;
  dbFile?: string;
  port?: number;
  env?: Record<string, string>;
  /** Serve the built admin panel (cms/dist/build, from `npx strapi build`) at /admin. Off by default. */
  serveAdminPanel?: boolean;
}): Promise<StrapiHandle> {
  const port = opts.port ?? (await freePort());
  const dbFile = opts.dbFile ?? path.join(mkdtempSync(path.join(tmpdir(), 'clinic-cms-')), 'data.db');
  Object.assign(process.env, {
    ...strapiTestEnv({ port, dbFile, gatewayUrl: opts.gatewayUrl }),
    ...opts.env,
  });
  const { createStrapi } = require('@strapi/strapi');
  const app = createStrapi({ appDir: CMS_DIR, distDir: path.join(CMS_DIR, 'dist'), serveAdminPanel: opts.serveAdminPanel ?? false, autoReload: false });
  app.log.level = 'warn';
  await app.load();
  await new Promise<void>((resolve) => app.server.listen(port, '127.0.0.1', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    dbFile,
    app,
    async stop() {
      await new Promise<void>((r) => app.server.httpServer.close(() => r()));
      await app.destroy().catch(() => undefined);
      if (!opts.dbFile) rmSync(path.dirname(dbFile), { recursive: true, force: true });
    },
  };
}
