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

const ANON_BUDGET = 5;

describe('npm run start:edge (scripts/start-edge.mjs)', () => {
  let run: StartScript;
  let cmsPort: number;
  let apiPort: number;
  let edgePort: number;
  let webPort: number;
  let webEdgePort: number;

  beforeAll(async () => {
    [cmsPort, apiPort, edgePort, webPort, webEdgePort] = [await freePort(), await freePort(), await freePort(), await freePort(), await freePort()];
    run = await runStartScript(
      'start-edge.mjs',
      // A small anonymous budget makes the gateway's view of the client address observable (below).
      { CMS_PORT: cmsPort, API_PORT: apiPort, EDGE_PORT: edgePort, WEB_PORT: webPort, WEB_EDGE_PORT: webEdgePort, RATE_LIMIT_ANON_PER_WINDOW: ANON_BUDGET },
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

  const cityPage = () => rawRequest(`http://127.0.0.1:${webEdgePort}/chicago`, { headers: { host: 'lakeshore.localhost' } });

  it("caches the website's pages on its own door, by host and path", async () => {
    expect(run.output()).toContain(`Website edge   http://lakeshore.localhost:${webEdgePort}/`);
    const first = await cityPage();
    expect([first.status, first.headers['x-edge-cache']]).toEqual([200, 'MISS']);
    expect((await cityPage()).headers['x-edge-cache']).toBe('HIT');
    const query = await rawRequest(`http://127.0.0.1:${webEdgePort}/chicago?utm_source=x`, { headers: { host: 'lakeshore.localhost' } });
    expect(query.headers['x-edge-cache']).toBe('HIT');
  });

  it("is purged by the gateway: a publish shows through Varnish, in the gateway's answers and on the page", async () => {
    const text = `Published through start:edge at ${Date.now()}.`;
    await new CmsAdmin(`http://127.0.0.1:${cmsPort}`).publishChicagoIntro(text);
    const ms = await waitFor(async () => JSON.parse((await page()).text).data?.location?.intro === text, 5000, 20);
    const pageMs = await waitFor(async () => (await cityPage()).text.includes(text), 5000, 20);
    console.log(`start:edge: publish visible through Varnish ${ms} ms (gateway answer), ${pageMs} ms (page) after Strapi answered`);
    expect((await cityPage()).headers['x-edge-cache']).toBe('HIT');
  });

  it('the gateway trusts the Varnish it starts: each client behind it has its own budget, and a forged X-Forwarded-For changes nothing', async () => {
    // Keyless requests to plain /graphql pass through Varnish and are charged to the client's address (anonymous budget).
    const anonymous = (from: string, forwardedFor?: string) =>
      rawRequest(`http://127.0.0.1:${edgePort}/graphql?${new URLSearchParams({ query: '{ site { slug } }' })}`, {
        localAddress: from,
        headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
      }).then((r) => r.status);
    // One client (127.0.0.2) spends its budget, claiming another address each time: the claims change nothing…
    const spent: number[] = [];
    while (spent.length <= 2 * ANON_BUDGET && spent.at(-1) !== 429) spent.push(await anonymous('127.0.0.2', `203.0.113.${spent.length}`));
    expect(spent[0]).toBe(401);
    expect(spent.at(-1)).toBe(429);
    expect(spent.length).toBeLessThanOrEqual(ANON_BUDGET + 1);
    expect(await anonymous('127.0.0.2', '198.51.100.7')).toBe(429);
    // …and another client behind the same Varnish still has its own (without TRUST_PROXY both would be Varnish's 127.0.0.1).
    expect(await anonymous('127.0.0.3')).toBe(401);
  });

  it('stops everything on Ctrl-C (SIGINT) and exits 0', async () => {
    const exited = new Promise<number | null>((r) => run.child.once('exit', (code) => r(code)));
    run.child.kill('SIGINT');
    expect(await exited).toBe(0);
    for (const port of [cmsPort, apiPort, webPort, edgePort, webEdgePort]) {
      await expect(fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) })).rejects.toThrow();
    }
  }, 30_000);
});
