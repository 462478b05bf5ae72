import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { strapiTestEnv } from './dev-env.js';
import { freePort } from './ports.js';
import { CMS_DIR } from './strapi-harness.js';

/**
 * Strapi as a CHILD PROCESS (the compiled app in cms/dist), so that a test can SIGKILL it like a crash
 * and start it again on the same port and the same SQLite file. The in-process harness
 * (strapi-harness.ts) cannot do that: Strapi is a singleton per process.
 */
export interface StrapiProcess {
  url: string;
  port: number;
  dbFile: string;
  pid(): number | undefined;
  /** Starts (or restarts) the child and resolves once `/_health` answers 204; returns the boot time in ms. */
  start(): Promise<number>;
  /** SIGKILL, no goodbye: open sockets are reset, nothing is flushed. Resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (graceful), SIGKILL after 5 s; removes the temp directory unless a dbFile was given. */
  stop(): Promise<void>;
  /** The last lines the child printed (for failure messages). */
  output(): string;
}

const BOOT = `require('@strapi/strapi').createStrapi({ appDir: process.cwd(), distDir: require('node:path').join(process.cwd(), 'dist'), serveAdminPanel: false, autoReload: false }).start().catch((e) => { console.error(e); process.exit(1); });`;

export async function spawnStrapi(opts: {
  gatewayUrl: string;
  dbFile?: string;
  port?: number;
  env?: Record<string, string>;
}): Promise<StrapiProcess> {
  const port = opts.port ?? (await freePort());
  const dbFile = opts.dbFile ?? path.join(mkdtempSync(path.join(tmpdir(), 'clinic-cms-proc-')), 'data.db');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? tmpdir(),
    NODE_ENV: 'development',
    ...strapiTestEnv({ port, dbFile, gatewayUrl: opts.gatewayUrl }),
    ...opts.env,
  };
  let child: ChildProcess | undefined;
  let lines: string[] = [];
  const url = `http://127.0.0.1:${port}`;

  const exited = (c: ChildProcess) =>
    new Promise<void>((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));

  const handle: StrapiProcess = {
    url,
    port,
    dbFile,
    pid: () => child?.pid,
    output: () => lines.join(''),
    async start() {
      if (child && child.exitCode === null && child.signalCode === null) throw new Error('Strapi child already running');
      const started = Date.now();
      lines = [];
      const c = spawn(process.execPath, ['-e', BOOT], {
        cwd: CMS_DIR,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = c;
      const keep = (b: Buffer) => {
        lines.push(b.toString());
        if (lines.length > 60) lines.shift();
      };
      c.stdout!.on('data', keep);
      c.stderr!.on('data', keep);
      for (;;) {
        if (c.exitCode !== null || c.signalCode !== null) throw new Error(`Strapi child exited during boot:\n${handle.output()}`);
        if (Date.now() - started > 90_000) throw new Error(`Strapi child not healthy within 90 s:\n${handle.output()}`);
        const ok = await fetch(`${url}/_health`, {
          signal: AbortSignal.timeout(1000),
        }).then(
          (r) => r.status === 204,
          () => false,
        );
        if (ok) return Date.now() - started;
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill() {
      if (!child) return;
      const c = child;
      if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      await exited(c);
    },
    async stop() {
      if (child) {
        const c = child;
        if (c.exitCode === null && c.signalCode === null) {
          c.kill('SIGTERM');
          const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
          await exited(c);
          clearTimeout(timer);
        }
      }
      if (!opts.dbFile) rmSync(path.dirname(dbFile), { recursive: true, force: true });
    },
  };
  return handle;
}
