import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatewayTestEnv } from './dev-env.js';
import { freePort } from './ports.js';

const API_MAIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../api/dist/main.js');

/** The gateway as a CHILD PROCESS (`node api/dist/main.js`), so that its memory can be read alone. */
export interface GatewayProcess {
  url: string;
  port: number;
  pid: number;
  /** Resident set size of the gateway process, in MiB (Linux /proc). */
  rssMiB(): number;
  output(): string;
  stop(): Promise<void>;
}

export async function spawnGateway(opts: { strapiUrl: string; port?: number; env?: Record<string, string> }): Promise<GatewayProcess> {
  const port = opts.port ?? (await freePort());
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    ...gatewayTestEnv({ port, strapiUrl: opts.strapiUrl }),
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const lines: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [API_MAIN], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (b: Buffer) => {
    lines.push(b.toString());
    if (lines.length > 60) lines.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`gateway child exited during boot:\n${lines.join('')}`);
    if (Date.now() - started > 30_000) {
      child.kill('SIGKILL');
      throw new Error(`gateway child not live within 30 s:\n${lines.join('')}`);
    }
    const ok = await fetch(`${url}/health/live`, {
      signal: AbortSignal.timeout(1000),
    }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    pid: child.pid!,
    rssMiB() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    output: () => lines.join(''),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}
