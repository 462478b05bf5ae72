import { spawnSync } from 'node:child_process';
import { spawnChild, type NodeChild } from './node-child.js';
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
  let proc: NodeChild | undefined;
  const handle: RedisProcess = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (proc?.running()) throw new Error('redis child already running');
      proc = spawnChild('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
        env: process.env,
        name: 'redis-server',
        keepChunks: 20,
      });
      await proc.until('redis-server answering', () => handle.cli('ping') === 'PONG', 5000, 25);
    },
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (!proc?.running()) return;
      proc.child.kill(signal);
      await proc.exited();
    },
    pause: () => void proc?.child.kill('SIGSTOP'),
    resume: () => void proc?.child.kill('SIGCONT'),
    cli: (...args) =>
      spawnSync('redis-cli', ['-p', String(port), ...args], {
        encoding: 'utf8',
        timeout: 2000,
      }).stdout?.trim() ?? '',
    stop: () => handle.kill('SIGKILL'),
  };
  return handle;
}
