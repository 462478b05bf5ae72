import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { freePort } from './ports.js';

/**
 * A private redis-server on a spare loopback port, without persistence, that a test may kill and
 * restart (same port). It never touches a shared Redis (e.g. the one on 6379).
 */
export interface RedisProcess {
  url: string;
  port: number;
  start(): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** SIGSTOP / SIGCONT: a hung Redis (connections stay open, nothing answers) and its recovery. */
  pause(): void;
  resume(): void;
  /** redis-cli against this server (e.g. `dbsize`); returns trimmed stdout. */
  cli(...args: string[]): string;
  stop(): Promise<void>;
}

export function redisServerAvailable(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0;
}

export async function spawnRedis(): Promise<RedisProcess> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const alive = () => !!child && child.exitCode === null && child.signalCode === null;
  const handle: RedisProcess = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (alive()) throw new Error('redis child already running');
      child = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'],
        {
          stdio: 'ignore',
        },
      );
      const started = Date.now();
      while (handle.cli('ping') !== 'PONG') {
        if (!alive()) throw new Error('redis-server exited at start');
        if (Date.now() - started > 5000) throw new Error('redis-server not answering within 5 s');
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!alive()) return;
      const c = child!;
      const gone = new Promise<void>((r) => c.once('exit', () => r()));
      c.kill(signal);
      await gone;
    },
    pause: () => void child?.kill('SIGSTOP'),
    resume: () => void child?.kill('SIGCONT'),
    cli: (...args) =>
      spawnSync('redis-cli', ['-p', String(port), ...args], {
        encoding: 'utf8',
        timeout: 2000,
      }).stdout?.trim() ?? '',
    stop: () => handle.kill('SIGKILL'),
  };
  return handle;
}
