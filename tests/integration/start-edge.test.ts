/**
 * `npm run start:edge` (scripts/start-edge.mjs, what it runs after the build): `npm start` plus Varnish
 * with the repository's VCL on EDGE_PORT in front of the gateway, purged by it. Spare ports and a temp
 * database, so a developer's own start is untouched.
 */
import { CmsAdmin } from '../support/cms-admin.js';
import { DEV } from '../support/dev-env.js';
import { rawRequest } from '../support/edge-http.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/stack.js';
import { runStartScript, type StartScript } from '../support/start-script.js';

describe('npm run start:edge (scripts/start-edge.mjs)', () => {
  let run: StartScript;
  let cmsPort: number;
  let apiPort: number;
  let edgePort: number;
  let webPort: number;

  beforeAll(async () => {
    [cmsPort, apiPort, edgePort, webPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
    run = await runStartScript(
      'start-edge.mjs',
      { CMS_PORT: cmsPort, API_PORT: apiPort, EDGE_PORT: edgePort, WEB_PORT: webPort },
      'Ctrl-C stops everything, Varnish included.',
    );
  }, 300_000);

  afterAll(() => run?.cleanup());

  const page = () =>
    rawRequest(`http://127.0.0.1:${edgePort}/sites/lakeshore-spine/graphql?${new URLSearchParams({ query: '{ location(slug: "chicago") { intro } }' })}`, {
      headers: { 'x-site-key': DEV.siteKeys.lakeshore },
    });

  it('prints Varnish in the banner, in front of the gateway, and caches the site-addressed URLs', async () => {
    expect(run.output()).toContain(`Edge (Varnish) http://localhost:${edgePort}`);
    expect(run.output()).toContain(`→ gateway :${apiPort}`);
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
    const exited = new Promise<number | null>((r) => run.child.once('exit', (code) => r(code)));
    run.child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const port of [cmsPort, apiPort, webPort, edgePort]) {
      await expect(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  }, 30_000);
});
