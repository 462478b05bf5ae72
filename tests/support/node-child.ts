import { spawn, type ChildProcess } from 'node:child_process';

/** A Node.js child process started by a test, with what it printed kept for failure messages and assertions. */
export interface NodeChild {
  child: ChildProcess;
  /** stdout and stderr interleaved: the last `keepChunks` chunks, or all of it. */
  output(): string;
  /**
   * Polls `ready` every `everyMs` until it answers true; throws with the output when the child exits first
   * or `timeoutMs` passes (killing it then).
   */
  until(what: string, ready: () => boolean | Promise<boolean>, timeoutMs: number, everyMs: number): Promise<void>;
  /** SIGTERM, SIGKILL after 5 s; resolves on exit. */
  stop(): Promise<void>;
  /** SIGKILL; resolves on exit. */
  kill(): Promise<void>;
}

export function spawnNode(args: string[], opts: { env: Record<string, string>; cwd?: string; keepChunks?: number }): NodeChild {
  const chunks: string[] = [];
  const child = spawn(process.execPath, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'] });
  const keep = (b: Buffer) => {
    chunks.push(b.toString());
    if (opts.keepChunks && chunks.length > opts.keepChunks) chunks.shift();
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const output = () => chunks.join('');
  const running = () => child.exitCode === null && child.signalCode === null;
  const exit = (signal: NodeJS.Signals) => {
    if (!running()) return Promise.resolve();
    const gone = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill(signal);
    return gone;
  };
  return {
    child,
    output,
    async until(what, ready, timeoutMs, everyMs) {
      const started = Date.now();
      for (;;) {
        if (!running()) throw new Error(`${what}: the child exited (${child.exitCode ?? child.signalCode}):\n${output().slice(-3000)}`);
        if (Date.now() - started > timeoutMs) {
          child.kill('SIGKILL');
          throw new Error(`${what}: not within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
        }
        if (await ready()) return;
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
