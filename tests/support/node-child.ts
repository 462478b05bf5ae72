import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A child process started by a test, the bench, Lighthouse or a script, with what it printed kept for failure
 * messages and assertions.
 */
export interface NodeChild {
  child: ChildProcess;
  /** What it is, for messages ("gateway", "Strapi"…). */
  name: string;
  /** stdout and stderr interleaved: the last `keepChunks` chunks, or all of it. */
  output(): string;
  running(): boolean;
  /** Resolves once the process has exited (at once when it already has). */
  exited(): Promise<void>;
  /**
   * Polls `ready` every `everyMs` until it answers true; throws with the output when the child exits first
   * or `timeoutMs` passes (killing it then). Resolves with the milliseconds it took.
   */
  until(what: string, ready: () => boolean | Promise<boolean>, timeoutMs: number, everyMs: number): Promise<number>;
  /** SIGTERM, SIGKILL after 5 s; resolves on exit. */
  stop(): Promise<void>;
  /** SIGKILL; resolves on exit. */
  kill(): Promise<void>;
}

export interface ChildOptions {
  env: Record<string, string | undefined>;
  cwd?: string;
  keepChunks?: number;
  name?: string;
  /** Every chunk of stdout and stderr as it comes (e.g. to scan the logs or to echo them). */
  onOutput?: (text: string, stream: 'stdout' | 'stderr') => void;
}

export function spawnChild(command: string, args: string[], opts: ChildOptions): NodeChild {
  const chunks: string[] = [];
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (stream: 'stdout' | 'stderr') => (b: Buffer) => {
    const text = b.toString();
    chunks.push(text);
    if (opts.keepChunks && chunks.length > opts.keepChunks) chunks.shift();
    opts.onOutput?.(text, stream);
  };
  child.stdout!.on('data', keep('stdout'));
  child.stderr!.on('data', keep('stderr'));
  // Registered at once, so that an early exit is never missed.
  const gone = new Promise<void>((r) => child.once('exit', () => r()));
  const output = () => chunks.join('');
  const running = () => child.exitCode === null && child.signalCode === null;
  const exit = (signal: NodeJS.Signals) => {
    if (!running()) return Promise.resolve();
    child.kill(signal);
    return gone;
  };
  const name = opts.name ?? [command, ...args].join(' ').slice(0, 80);
  return {
    child,
    name,
    output,
    running,
    exited: () => gone,
    async until(what, ready, timeoutMs, everyMs) {
      const started = Date.now();
      for (;;) {
        if (!running()) throw new Error(`${what}: the child exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-3000)}`);
        if (Date.now() - started > timeoutMs) {
          child.kill('SIGKILL');
          throw new Error(`${what}: not within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
        }
        if (await ready()) return Date.now() - started;
        await new Promise((r) => setTimeout(r, everyMs));
      }
    },
    async stop() {
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exit('SIGTERM');
      clearTimeout(timer);
    },
    kill: () => exit('SIGKILL'),
  };
}

/** A Node.js child (`node <args>`), run by the same Node binary as this process. */
export function spawnNode(args: string[], opts: ChildOptions): NodeChild {
  return spawnChild(process.execPath, args, opts);
}
