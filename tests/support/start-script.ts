import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnNode, type NodeChild } from './node-child.js';
import { ROOT } from './paths.js';

export { ROOT };

export interface StartScript extends NodeChild {
  /** Kills it (SIGKILL) if it still runs, and removes its temp database. */
  cleanup(): Promise<void>;
}

/**
 * One of `npm start`'s scripts (`scripts/<script>`) as a developer runs it, but on the given ports (e.g.
 * `{ CMS_PORT, API_PORT }`) and a temp SQLite file, so that a developer's own start is untouched. Resolves
 * once it printed `banner` (a first start builds the admin panel: up to 240 s); all of its output is kept.
 */
export async function runStartScript(script: string, env: Record<string, number | string>, banner: string): Promise<StartScript> {
  const tmp = mkdtempSync(path.join(tmpdir(), 'clinic-start-'));
  const proc = spawnNode([path.join(ROOT, 'scripts', script)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmp,
      ...Object.fromEntries(Object.entries(env).map(([name, value]) => [name, String(value)])),
      DATABASE_FILENAME: path.join(tmp, 'data.db'),
      STRAPI_TELEMETRY_DISABLED: 'true',
    },
  });
  const cleanup = async () => {
    await proc.kill();
    rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await proc.until(`${script} banner`, () => proc.output().includes(banner), 240_000, 250);
  } catch (e) {
    await cleanup();
    throw e;
  }
  return { ...proc, cleanup };
}
