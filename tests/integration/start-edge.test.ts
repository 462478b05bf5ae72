/**
 * `npm run start:edge` (scripts/start-edge.mjs, what it runs after the build): `npm start` plus Varnish
 * with the repository's VCL on EDGE_PORT in front of the gateway, purged by it. Spare ports and a temp
 * database, so a developer's own start is untouched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CmsAdmin } from '../support/cms-admin.js';
import { DEV } from '../support/dev-env.js';
import { rawRequest } from '../support/edge-http.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/stack.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('npm run start:edge (scripts/start-edge.mjs)', () => {
  let child: ChildProcess;
  let output = '';
  let tmp: string;
  let cmsPort: number;
  let apiPort: number;
  let edgePort: number;
  let webPort: number;

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), 'clinic-start-edge-'));
    [cmsPort, apiPort, edgePort, webPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    child = spawn(process.execPath, [path.join(ROOT, 'scripts/start-edge.mjs')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmp,
        CMS_PORT: String(cmsPort),
        API_PORT: String(apiPort),
        EDGE_PORT: String(edgePort),
        WEB_PORT: String(webPort),
        DATABASE_FILENAME: path.join(tmp, 'data.db'),
        STRAPI_TELEMETRY_DISABLED: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    const started = Date.now();
    while (!output.includes('Ctrl-C stops everything, Varnish included.')) {
      if (child.exitCode !== null) throw new Error(`start-edge.mjs exited (${child.exitCode}):\n${output.slice(-3000)}`);
      if (Date.now() - started > 240_000) throw new Error(`no edge banner within 240 s:\n${output.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }, 300_000);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(tmp, { recursive: true, force: true });
  });

  const page = () =>
    rawRequest(`http://127.0.0.1:${edgePort}/sites/lakeshore-spine/graphql?${new URLSearchParams({ query: '{ location(slug: "chicago") { intro } }' })}`, {
      headers: { 'x-site-key': DEV.siteKeys.lakeshore },
    });

  it('prints Varnish in the banner, in front of the gateway, and caches the site-addressed URLs', async () => {
    expect(output).toContain(`Edge (Varnish) http://localhost:${edgePort}`);
    expect(output).toContain(`→ gateway :${apiPort}`);
    const first = await page();
    expect([first.status, first.headers['x-edge-cache']]).toEqual([200, 'MISS']);
    expect((await page()).headers['x-edge-cache']).toBe('HIT');
  });

  it('is purged by the gateway: a publish shows through Varnish', async () => {
    const text = `Published through start:edge at ${Date.now()}.`;
    await new CmsAdmin(`http://127.0.0.1:${cmsPort}`).publishChicagoIntro(text);
    const ms = await waitFor(async () => JSON.parse((await page()).text).data?.location?.intro === text, 3000, 20);
    console.log(`start:edge: publish visible through Varnish ${ms} ms after Strapi answered`);
  });

  it('stops everything on Ctrl-C (SIGINT) and exits 0', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const port of [cmsPort, apiPort, webPort, edgePort]) {
      await expect(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  }, 30_000);
});
