import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gatewayTestEnv } from './dev-env.js';
import { freePort } from './ports.js';
import { spawnNode } from './node-child.js';

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
  const proc = spawnNode([API_MAIN], { env, keepChunks: 60 });
  const url = `http://127.0.0.1:${port}`;
  await proc.until('gateway child live', () => fetch(`${url}/health/live`, { signal: AbortSignal.timeout(1000) }).then((r) => r.status === 200, () => false), 30_000, 100);
  return {
    url,
    port,
    pid: proc.child.pid!,
    rssMiB() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    output: proc.output,
    stop: proc.stop,
  };
}
