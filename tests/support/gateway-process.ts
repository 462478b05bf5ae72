import { readFileSync } from 'node:fs';
import { gatewayTestEnv } from './dev-env.js';
import { answers } from './edge-http.js';
import { spawnNode, type NodeChild } from './node-child.js';
import { API_DIR, API_MAIN } from './paths.js';
import { freePort } from './ports.js';

/** The gateway as a CHILD PROCESS (`node api/dist/main.js`), so that its memory and CPU can be read alone. */
export interface GatewayProcess {
  url: string;
  port: number;
  pid: number;
  child: NodeChild;
  /** Resident set size of the gateway process, in MiB (Linux /proc). */
  rssMiB(): number;
  output(): string;
  stop(): Promise<void>;
}

export async function spawnGateway(opts: {
  strapiUrl: string;
  port?: number;
  env?: Record<string, string | undefined>;
  /** Start from this process's whole environment (the bench: a developer's settings reach the apps) rather than PATH alone. */
  inheritEnv?: boolean;
  name?: string;
  /** Every chunk the gateway prints (its JSON log lines). */
  onOutput?: (text: string) => void;
  bootTimeoutMs?: number;
}): Promise<GatewayProcess> {
  const port = opts.port ?? (await freePort());
  const env: Record<string, string | undefined> = {
    ...(opts.inheritEnv ? process.env : { PATH: process.env.PATH ?? '' }),
    ...gatewayTestEnv({ port, strapiUrl: opts.strapiUrl }),
    LOG_LEVEL: 'warn',
    ...opts.env,
  };
  const proc = spawnNode([API_MAIN], { cwd: API_DIR, env, keepChunks: 60, name: opts.name ?? 'gateway', onOutput: opts.onOutput });
  const url = `http://127.0.0.1:${port}`;
  await proc.until(
    `${proc.name} live`,
    answers(`${url}/health/live`, (s) => s === 200),
    opts.bootTimeoutMs ?? 30_000,
    100,
  );
  return {
    url,
    port,
    pid: proc.child.pid!,
    child: proc,
    rssMiB() {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${proc.child.pid}/status`, 'utf8'));
      return m ? Number(m[1]) / 1024 : NaN;
    },
    output: proc.output,
    stop: proc.stop,
  };
}
