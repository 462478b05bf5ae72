import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strapiTestEnv } from './dev-env.js';
import { answers } from './edge-http.js';
import { spawnNode, type NodeChild } from './node-child.js';
import { CMS_DIR, TESTS_DIR } from './paths.js';
import { freePort } from './ports.js';

const BOOT = path.join(TESTS_DIR, 'support', 'boot-strapi.cjs');

/**
 * Strapi as a CHILD PROCESS (the compiled app in cms/dist), so that a test can SIGKILL it like a crash
 * and start it again on the same port and the same SQLite file, and so that the bench can read its CPU
 * alone. The in-process harness (strapi-harness.ts) cannot do that: Strapi is a singleton per process.
 */
export interface StrapiProcess {
  url: string;
  port: number;
  dbFile: string;
  pid(): number | undefined;
  /** The running child (undefined before `start()`). */
  child(): NodeChild | undefined;
  /** Starts (or restarts) the child and resolves once `/_health` answers 204; returns the boot time in ms. */
  start(): Promise<number>;
  /** SIGKILL, no goodbye: open sockets are reset, nothing is flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 5 s; removes the temp directory unless a dbFile was given. */
  stop(): Promise<void>;
  /** The last lines the child printed (for failure messages). */
  output(): string;
}

export async function spawnStrapi(opts: {
  gatewayUrl: string;
  dbFile?: string;
  port?: number;
  env?: Record<string, string | undefined>;
  /** Start from this process's whole environment (the bench: a developer's settings reach the apps) rather than PATH alone. */
  inheritEnv?: boolean;
  /** Strapi's log level (e.g. `warn`: per-request lines cost CPU under load); Strapi's default otherwise. */
  logLevel?: string;
  bootTimeoutMs?: number;
}): Promise<StrapiProcess> {
  const port = opts.port ?? (await freePort());
  const dbFile = opts.dbFile ?? path.join(mkdtempSync(path.join(tmpdir(), 'clinic-cms-proc-')), 'data.db');
  const env: Record<string, string | undefined> = {
    ...(opts.inheritEnv ? process.env : { PATH: process.env.PATH ?? '' }),
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'development',
    ...strapiTestEnv({ port, dbFile, gatewayUrl: opts.gatewayUrl }),
    ...(opts.logLevel ? { BOOT_STRAPI_LOG_LEVEL: opts.logLevel } : {}),
    ...opts.env,
  };
  let proc: NodeChild | undefined;
  const url = `http://127.0.0.1:${port}`;

  const handle: StrapiProcess = {
    url,
    port,
    dbFile,
    pid: () => proc?.child.pid,
    child: () => proc,
    output: () => proc?.output() ?? '',
    async start() {
      if (proc?.running()) throw new Error('Strapi child already running');
      proc = spawnNode([BOOT], { cwd: CMS_DIR, env, keepChunks: 60, name: 'Strapi' });
      return proc.until(
        'Strapi child healthy',
        answers(`${url}/_health`, (s) => s === 204),
        opts.bootTimeoutMs ?? 90_000,
        100,
      );
    },
    kill: async () => proc?.kill(),
    async stop() {
      await proc?.stop();
      if (!opts.dbFile) rmSync(path.dirname(dbFile), { recursive: true, force: true });
    },
  };
  return handle;
}
