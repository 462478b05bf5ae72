import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { signPreviewToken } from '@clinic/shared';
import { ResponseCacheService } from '@clinic/api/response-cache';
import { CdnPurgeService } from '@clinic/api/cdn-purge';
import { startVarnish, varnishAvailable, type VarnishHandle } from '../support/varnish-process.js';
import { DEV } from '../support/dev-env.js';
import { editChicagoIntro, renameSite, replaceMediaFile, uploadKyphoplastyShareImage } from '../support/cms-edit.js';
import { counterSum, rawRequest } from '../support/edge-http.js';
import { spawnGateway } from '../support/gateway-process.js';
import { freePort } from '../support/ports.js';
import { CITY_INTRO } from '../support/queries.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';

/**
 * The CDN tier against a real Varnish (Debian's varnishd + vmod xkey) running the shipped VCL
 * (deploy/varnish/default.vcl) in front of a real gateway and a real Strapi. The gateway purges
 * Varnish itself (CDN_PROVIDER=varnish), from 127.0.0.1, the only address in the purge ACL.
 */
let stack: Stack;
let varnish: VarnishHandle;
let edge = '';
let gatewayStopped = false;

beforeAll(async () => {
  if (!varnishAvailable()) throw new Error('varnishd with vmod xkey is required: apt-get install varnish varnish-modules');
  const varnishPort = await freePort();
  stack = await startStack({ gatewayEnv: { CDN_PROVIDER: 'varnish', CDN_PURGE_URLS: `http://127.0.0.1:${varnishPort}/` } });
  varnish = await startVarnish({ listen: [`127.0.0.1:${varnishPort}`], backend: { host: '127.0.0.1', port: stack.gateway.port }, purgers: ['127.0.0.1'] });
  edge = varnish.url;
}, 120_000);
afterAll(async () => {
  await varnish?.stop();
  if (gatewayStopped) await stack?.strapi.stop();
  else await stack?.stop();
});

const SITEMAP = '/sites/lakeshore-spine/sitemap.xml';
const ROBOTS = '/sites/lakeshore-spine/robots.txt';
/** The site-addressed GraphQL URL a clinic site calls (README, "URL scheme"). */
const siteGraphql = (site: string, query: string, variables?: Record<string, unknown>) =>
  `/sites/${site}/graphql?${new URLSearchParams({ query, ...(variables ? { variables: JSON.stringify(variables) } : {}) })}`;
const CITY = siteGraphql('lakeshore-spine', CITY_INTRO, { slug: 'chicago' });
/**
 * Requests that reached the gateway, from its own /metrics: GraphQL requests (its fast path for hits
 * included) plus everything Fastify routed under /sites/.
 */
const originHits = async () =>
  (await counterSum(`${stack.gateway.url}/metrics`, 'gateway_graphql_requests_total')) +
  (await counterSum(`${stack.gateway.url}/metrics`, 'gateway_http_requests_total', (l) => l.includes('route="/sites/')));
const get = (path: string, headers: Record<string, string> = {}) => rawRequest(`${edge}${path}`, { headers });
const lakeshoreKey = { 'x-site-key': DEV.siteKeys.lakeshore };
const ENCODINGS = ['br', 'gzip', 'identity'] as const;
/** A URL through Varnish in each of its variants (br, gzip, identity: three objects at the edge), decoded. */
const variants = (path: string) =>
  Promise.all(
    ENCODINGS.map(async (encoding) => {
      const r = await get(path, { ...lakeshoreKey, 'accept-encoding': encoding });
      const e = r.headers['content-encoding'];
      const body = e === 'br' ? brotliDecompressSync(r.body) : e === 'gzip' ? gunzipSync(r.body) : r.body;
      return { encoding, status: r.status, text: body.toString('utf8'), cache: String(r.headers['x-edge-cache']), cacheControl: String(r.headers['cache-control']) };
    }),
  );
/** Until every variant of every URL is a HIT at the edge (each is fetched from the gateway at most once). */
const warmAtEdge = (paths: string[]) => waitFor(async () => (await Promise.all(paths.map(variants))).flat().every((v) => v.status === 200 && v.cache === 'HIT'), 5000, 20);
/**
 * Watches `paths` through Varnish after a change: the milliseconds until every variant shows `shows`, then
 * that it keeps showing it, as HITs, on repeated requests over two more seconds (an old copy resurfacing from
 * any variant, or kept fresh by a stale answer, would show here).
 */
async function visibleAndStays(paths: string[], shows: (text: string) => boolean) {
  const ms = await waitFor(async () => (await Promise.all(paths.map(variants))).flat().every((v) => v.status === 200 && shows(v.text)), 5000, 20);
  const until = Date.now() + 2000;
  let rounds = 0;
  while (Date.now() < until || rounds < 5) {
    rounds += 1;
    for (const v of (await Promise.all(paths.map(variants))).flat()) {
      expect([v.encoding, v.status, shows(v.text)]).toEqual([v.encoding, 200, true]);
      expect(v.cacheControl).toMatch(/s-maxage=[1-9]/); // a fresh answer, stored as such
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return ms;
}

describe('Varnish in front of the gateway (deploy/varnish/default.vcl)', () => {
  it('a GraphQL hit never reaches the gateway: its request counters do not move', async () => {
    const first = await get(CITY, { 'x-site-key': DEV.siteKeys.lakeshore });
    expect([first.status, first.headers['x-edge-cache']]).toEqual([200, 'MISS']);
    expect(first.headers['cache-control']).toMatch(/^public, .*s-maxage=\d+/);
    expect(JSON.parse(first.text).data.location.slug).toBe('chicago');
    expect(first.headers['surrogate-key']).toBeUndefined();
    const before = await originHits();
    // With the key, with another site's key, without a key: a cached public page is the same for everyone.
    const keys = [DEV.siteKeys.lakeshore, DEV.siteKeys.northshore, undefined];
    for (let i = 0; i < 30; i++) {
      const key = keys[i % 3];
      const r = await get(CITY, key ? { 'x-site-key': key } : {});
      expect([r.status, r.headers['x-edge-cache'], r.text]).toEqual([200, 'HIT', first.text]);
    }
    // The same parameters in another order are the same page.
    const [path, query] = CITY.split('?');
    const reordered = `${path}?${new URLSearchParams([...new URLSearchParams(query)].reverse())}`;
    expect(reordered).not.toBe(CITY);
    expect((await get(reordered, lakeshoreKey)).headers['x-edge-cache']).toBe('HIT');
    expect(await originHits()).toBe(before);
  });

  it('a sitemap/robots hit never reaches the gateway either', async () => {
    const first = await get(ROBOTS);
    expect(first.status).toBe(200);
    expect(first.headers['x-edge-cache']).toBe('MISS');
    // Tags are for the cache: stripped before the visitor, like Fastly and Cloudflare do.
    expect(first.headers['surrogate-key']).toBeUndefined();
    expect(first.headers['cache-tag']).toBeUndefined();
    expect(first.headers['cache-control']).toMatch(/s-maxage=\d+/);
    const before = await originHits();
    for (let i = 0; i < 25; i++) {
      const r = await get(ROBOTS, { 'x-site-key': i % 2 ? DEV.siteKeys.lakeshore : DEV.siteKeys.northshore });
      expect([r.status, r.headers['x-edge-cache'], r.text]).toEqual([200, 'HIT', first.text]);
    }
    expect(await originHits()).toBe(before);
  });

  it('publish in Strapi → the new content is served through Varnish (p50/p99 over 10 publishes, reported; the target lives in the bench)', async () => {
    const gatewayPurges = stack.gateway.gateway.app.get(CdnPurgeService).counters;
    const okBefore = gatewayPurges.requests.ok;
    const intro = async () => {
      const r = await get(CITY, lakeshoreKey); // a clinic site always sends its key (a miss needs it)
      return { intro: JSON.parse(r.text).data.location.intro as string, cache: r.headers['x-edge-cache'] };
    };
    const edgeMs: number[] = [];
    const lagMs: number[] = [];
    for (let i = 0; i < 10; i++) {
      await intro();
      expect((await intro()).cache).toBe('HIT'); // warm at the edge before each publish, as on a live site
      const text = `Edge publish ${i} ${Date.now().toString(36)}`;
      await editChicagoIntro(stack.strapi, text, true);
      // The origin (bypassing Varnish) and the edge, watched side by side.
      const [origin, edge] = await Promise.all([
        waitFor(async () => (await stack.gateway.query(CITY_INTRO, { variables: { slug: 'chicago' } })).body.data?.location?.intro === text, 5000, 10),
        waitFor(async () => (await intro()).intro === text, 5000, 10),
      ]);
      edgeMs.push(edge);
      lagMs.push(edge - origin);
    }
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
    console.log(
      `publish → visible through Varnish: p50 ${pct(edgeMs, 0.5)} ms, p99 ${pct(edgeMs, 0.99)} ms ` + `(origin → edge lag: p50 ${pct(lagMs, 0.5)} ms, max ${Math.max(...lagMs)} ms)`,
    );
    // A functional bound (the waits above: 5 s); latency targets are the bench's (tests/bench/run.mjs).
    expect(gatewayPurges.requests.ok - okBefore).toBeGreaterThanOrEqual(10);
    expect(gatewayPurges.failures).toBe(0);
    // …and the same counts in the gateway's /metrics.
    const metrics = `${stack.gateway.url}/metrics`;
    expect(await counterSum(metrics, 'gateway_cdn_purge_requests_total', (l) => l.includes('provider="varnish"') && l.includes('outcome="ok"'))).toBe(gatewayPurges.requests.ok);
    expect(await counterSum(metrics, 'gateway_cdn_purge_failures_total')).toBe(0);
  });

  it('a publish reaches the sitemap through Varnish too', async () => {
    const body = (await get(SITEMAP)).text;
    expect((await get(SITEMAP)).headers['x-edge-cache']).toBe('HIT');
    // The sitemap shows Chicago's updatedAt to the second: publish in a later second than the last one.
    const second = Math.floor(Date.now() / 1000);
    await waitFor(async () => Math.floor(Date.now() / 1000) > second, 1100, 5);
    await editChicagoIntro(stack.strapi, `Sitemap publish ${Date.now()}`, true);
    await waitFor(async () => (await get(SITEMAP)).text !== body, 5000, 10);
  });

  it('two sites never see each other’s answer', async () => {
    // The same query at both sites' URLs: two objects, each with its own site.
    const SITE = '{ site { slug } }';
    for (let round = 0; round < 2; round++) {
      for (const [site, key] of [
        ['lakeshore-spine', DEV.siteKeys.lakeshore],
        ['northshore-spine-partners', DEV.siteKeys.northshore],
      ]) {
        const r = await get(siteGraphql(site, SITE), { 'x-site-key': key });
        expect([r.status, r.headers['x-edge-cache'], JSON.parse(r.text).data.site.slug]).toEqual([200, round ? 'HIT' : 'MISS', site]);
      }
    }
    // A cold URL is checked by the origin: no key → 401, another site's key → 403; neither is stored.
    const cold = siteGraphql('northshore-spine-partners', '{ site { name } }');
    for (let i = 0; i < 2; i++) {
      const none = await get(cold);
      expect([none.status, none.headers['x-edge-cache'], JSON.parse(none.text).errors[0].extensions.code]).toEqual([401, 'PASS', 'UNAUTHENTICATED']);
      const wrong = await get(cold, { 'x-site-key': DEV.siteKeys.lakeshore });
      expect([wrong.status, JSON.parse(wrong.text).errors[0].extensions.code]).toEqual([403, 'SITE_MISMATCH']);
    }
    // …and the right key still gets the page stored (the refusals did not pin the URL uncached).
    expect((await get(cold, { 'x-site-key': DEV.siteKeys.northshore })).status).toBe(200);
    expect((await get(cold, { 'x-site-key': DEV.siteKeys.northshore })).headers['x-edge-cache']).toBe('HIT');

    // Site-addressed URLs: one object per site, whatever key (or none) the caller sends.
    const [a, b] = await Promise.all([get(ROBOTS, { 'x-site-key': DEV.siteKeys.lakeshore }), get('/sites/northshore-spine-partners/robots.txt', { 'x-site-key': DEV.siteKeys.lakeshore })]);
    expect(a.text).toMatch(/^Sitemap: https:\/\/[^\n]*lakeshore/m);
    expect(b.text).not.toMatch(/lakeshore/);
    expect(a.text).not.toEqual(b.text);
    // Plain /graphql: the same URL for both sites, told apart only by the key → never stored by Varnish.
    const q = `/graphql?query=${encodeURIComponent('{ site { slug } }')}`;
    for (let i = 0; i < 2; i++) {
      for (const [key, slug] of [
        [DEV.siteKeys.lakeshore, 'lakeshore-spine'],
        [DEV.siteKeys.northshore, 'northshore-spine-partners'],
      ]) {
        const r = await get(q, { 'x-site-key': key });
        expect([r.status, r.headers['x-edge-cache'], JSON.parse(r.text).data.site.slug]).toEqual([200, 'PASS', slug]);
      }
    }
  });

  it('never caches preview answers', async () => {
    const token = signPreviewToken(DEV.previewSecret, 'lakeshore-spine', 60);
    const before = await originHits();
    for (let i = 0; i < 2; i++) {
      const r = await get(ROBOTS, { 'x-preview-token': token });
      expect(r.headers['x-edge-cache']).toBe('PASS');
      const g = await get(CITY, { 'x-site-key': DEV.siteKeys.lakeshore, 'x-preview-token': token });
      expect([g.status, g.headers['x-edge-cache']]).toEqual([200, 'PASS']);
      expect(g.headers['cache-control']).toMatch(/private/);
    }
    expect(await originHits()).toBeGreaterThanOrEqual(before + 4);
  });

  it('passes every request of a site’s server (x-site-server-key): the gateway checks its key and charges its visitor', async () => {
    await get(CITY, lakeshoreKey); // cached at the edge for everyone else
    const server = { ...lakeshoreKey, 'x-site-server-key': DEV.serverKeys.lakeshore, 'x-visitor-ip': '203.0.113.50' };
    const before = await originHits();
    for (let i = 0; i < 2; i++) {
      const r = await get(CITY, server);
      expect([r.status, r.headers['x-edge-cache']]).toEqual([200, 'PASS']);
      // A wrong server key is refused by the gateway, not answered from the edge's copy.
      const wrong = await get(CITY, { ...server, 'x-site-server-key': 'not-the-server-key' });
      expect([wrong.status, wrong.headers['x-edge-cache'], JSON.parse(wrong.text).errors[0].extensions.code]).toEqual([401, 'PASS', 'SERVER_KEY_INVALID']);
    }
    expect(await originHits()).toBeGreaterThanOrEqual(before + 4);
    expect((await get(CITY, lakeshoreKey)).headers['x-edge-cache']).toBe('HIT');
  });

  it('If-None-Match → 304 through Varnish', async () => {
    const page = await get(CITY, lakeshoreKey);
    const revalidated = await get(CITY, { ...lakeshoreKey, 'if-none-match': String(page.headers.etag) });
    expect([revalidated.status, revalidated.body.length, revalidated.headers['x-edge-cache']]).toEqual([304, 0, 'HIT']);
    const full = await get(ROBOTS);
    const etag = String(full.headers.etag);
    expect(etag).toMatch(/^"/);
    const conditional = await get(ROBOTS, { 'if-none-match': etag });
    expect([conditional.status, conditional.body.length, conditional.headers['x-edge-cache']]).toEqual([304, 0, 'HIT']);
    expect((await get(ROBOTS, { 'if-none-match': '"other"' })).status).toBe(200);
  });

  it('keeps br, gzip and identity variants apart (Accept-Encoding normalised)', async () => {
    const identity = await get(SITEMAP);
    expect(identity.body.length).toBeGreaterThan(1024); // large enough for the gateway to compress
    const br = await get(SITEMAP, { 'accept-encoding': 'gzip, deflate, br' });
    const gzip = await get(SITEMAP, { 'accept-encoding': 'gzip;q=1.0, br;q=0' });
    expect(identity.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(brotliDecompressSync(br.body).toString()).toBe(identity.text);
    expect(gunzipSync(gzip.body).toString()).toBe(identity.text);
    expect(new Set([identity.headers.etag, br.headers.etag, gzip.headers.etag]).size).toBe(3);
    // Other spellings land on the same three variants, already stored.
    expect((await get(SITEMAP, { 'accept-encoding': 'br' })).headers).toMatchObject({ 'content-encoding': 'br', 'x-edge-cache': 'HIT', etag: br.headers.etag });
    expect((await get(SITEMAP, { 'accept-encoding': 'deflate, gzip' })).headers).toMatchObject({ 'content-encoding': 'gzip', 'x-edge-cache': 'HIT' });
    expect((await get(SITEMAP, { 'accept-encoding': 'identity' })).headers).toMatchObject({ 'x-edge-cache': 'HIT', etag: identity.headers.etag });
  });

  it('refuses a purge from an address outside the ACL, and keeps the object', async () => {
    await get(ROBOTS);
    const refused = await rawRequest(`${edge}/`, { method: 'PURGE', headers: { 'xkey-purge': 'site:lakeshore-spine' }, localAddress: '127.0.0.2' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await get(ROBOTS)).headers['x-edge-cache']).toBe('HIT');
    // The same request from the gateway's address is obeyed.
    const allowed = await rawRequest(`${edge}/`, { method: 'PURGE', headers: { 'xkey-purge': 'site:lakeshore-spine' }, localAddress: '127.0.0.1' });
    expect([allowed.status, JSON.parse(allowed.text).result]).toEqual([200, expect.stringMatching(/^Purged [1-9]\d* objects$/)]);
    expect((await get(ROBOTS)).headers['x-edge-cache']).toBe('MISS');
  });

  it('a site rename (a soft purge) is visible through Varnish within 2 s, in every variant, and stays visible', async () => {
    // Pages showing the site's name, warm at the edge (HIT, stored with the full s-maxage) and recently used at the gateway.
    const pages = [siteGraphql('lakeshore-spine', '{ site { name } }'), siteGraphql('lakeshore-spine', '{ site { name domain } locations { slug } }')];
    await warmAtEdge(pages);
    const cache = stack.gateway.gateway.app.get(ResponseCacheService).counters;
    const landedBefore = cache.landedCdnPurges;
    const name = `Lakeshore Spine Institute ${Date.now().toString(36)}`;
    await renameSite(stack.strapi, 'lakeshore-spine', name);
    const ms = await visibleAndStays(pages, (text) => JSON.parse(text).data?.site?.name === name);
    console.log(`site rename (soft purge) → visible through Varnish in every variant: ${ms} ms after Strapi's publish returned (target 2,000 ms)`);
    // The rebuilt entries were purged at the edge by their own tag once they landed (not left to the soft TTL).
    expect(cache.landedCdnPurges).toBeGreaterThan(landedBefore);
  });

  it('a replaced media file (a soft purge) is visible through Varnish within 2 s and stays visible', async () => {
    const PAGE = siteGraphql('lakeshore-spine', '{ procedure(slug: "kyphoplasty") { slug seo { ogImage } } }');
    const ogImage = async () => JSON.parse((await get(PAGE, lakeshoreKey)).text).data?.procedure?.seo?.ogImage as string | null;
    const id = await uploadKyphoplastyShareImage(stack.strapi);
    await waitFor(async () => !!(await ogImage()), 5000, 20);
    await warmAtEdge([PAGE]);
    const before = (await ogImage())!;
    // Strapi keeps a replaced file's URL; the gateway versions it with the file's updatedAt.
    expect(before).toMatch(/^\/uploads\/[^?]+\.png\?v=[0-9a-z]+$/);
    await replaceMediaFile(stack.strapi, id, [30, 30, 200]);
    const ms = await visibleAndStays([PAGE], (text) => {
      const url = JSON.parse(text).data?.procedure?.seo?.ogImage as string | undefined;
      return !!url && url !== before && url.split('?')[0] === before.split('?')[0];
    });
    console.log(`media file replaced (soft purge) → visible through Varnish in every variant: ${ms} ms after Strapi's replace returned (target 2,000 ms)`);
  });

  it("gives every delivery its own request id: a HIT never repeats the first visitor's", async () => {
    const path = siteGraphql('lakeshore-spine', `{ site { slug } } # request ids ${Date.now()}`);
    const miss = await get(path, lakeshoreKey);
    const hits = [await get(path, lakeshoreKey), await get(path, lakeshoreKey)];
    expect([miss.headers['x-edge-cache'], ...hits.map((h) => h.headers['x-edge-cache'])]).toEqual(['MISS', 'HIT', 'HIT']);
    const ids = [miss, ...hits].map((r) => String(r.headers['x-request-id']));
    for (const id of ids) expect(id).toMatch(/^edge-[\w.:-]+-\d+$/);
    expect(new Set(ids).size).toBe(3);
    // The client's own id, when it has the shape the gateway accepts, is kept (on a HIT too); anything else is replaced.
    expect((await get(path, { ...lakeshoreKey, 'x-request-id': 'trace-42.a:b' })).headers['x-request-id']).toBe('trace-42.a:b');
    expect((await get(path, { ...lakeshoreKey, 'x-request-id': 'not an id' })).headers['x-request-id']).toMatch(/^edge-/);
    // A miss hands the gateway the same id it answers with (the gateway logs it).
    const fresh = siteGraphql('lakeshore-spine', `{ site { slug } } # own id ${Date.now()}`);
    const own = await get(fresh, { ...lakeshoreKey, 'x-request-id': 'trace-miss-1' });
    expect([own.headers['x-edge-cache'], own.headers['x-request-id']]).toEqual(['MISS', 'trace-miss-1']);
  });

  it('with a 2 s soft TTL, a rename stays visible through Varnish across three TTLs: no refetch brings the old answer back', async () => {
    // A second gateway (child process, soft TTL 2 s) with its own Varnish. Strapi's webhook goes to the suite's
    // gateway; this one learns of the rename from its reconciliation pass (every second), as after a lost webhook.
    const [port, edgePort] = [await freePort(), await freePort()];
    const gw = await spawnGateway({
      strapiUrl: stack.strapi.url,
      port,
      env: { CACHE_SOFT_TTL_SECONDS: '2', RECONCILE_INTERVAL_SECONDS: '1', CDN_PROVIDER: 'varnish', CDN_PURGE_URLS: `http://127.0.0.1:${edgePort}/` },
    });
    const shortEdge = await startVarnish({ listen: [`127.0.0.1:${edgePort}`], backend: { host: '127.0.0.1', port }, purgers: ['127.0.0.1'] });
    try {
      const page = `${shortEdge.url}${siteGraphql('lakeshore-spine', '{ site { name } }')}`;
      const seen = async () => {
        const r = await rawRequest(page, { headers: lakeshoreKey });
        return { name: JSON.parse(r.text).data?.site?.name as string, cache: String(r.headers['x-edge-cache']) };
      };
      await waitFor(async () => (await seen()).cache === 'HIT', 5000, 20);
      const name = `Lakeshore Spine Center ${Date.now().toString(36)}`;
      await renameSite(stack.strapi, 'lakeshore-spine', name);
      const ms = await waitFor(async () => (await seen()).name === name, 5000, 20);
      const caches = new Set<string>();
      const until = Date.now() + 6000;
      while (Date.now() < until) {
        const s = await seen();
        expect(s.name).toBe(name);
        caches.add(s.cache);
        await new Promise((r) => setTimeout(r, 100));
      }
      // The objects did expire and were refetched (or served in grace) meanwhile: the TTL mattered.
      expect([...caches].some((c) => c !== 'HIT')).toBe(true);
      console.log(`short soft TTL: rename visible through the second Varnish ${ms} ms after Strapi returned (via reconciliation); 6 s of requests all new (${[...caches].join(', ')})`);
    } finally {
      await shortEdge.stop();
      await gw.stop();
    }
  });

  it('with the gateway stopped, serves warm pages stale and answers a cold URL with a clean error', async () => {
    // Fresh at the edge first (the renames above soft-purged every object of the site: the first requests after
    // them may still be STALE, served while Varnish refetches).
    await waitFor(async () => (await get(ROBOTS)).headers['x-edge-cache'] === 'HIT', 5000, 20);
    await waitFor(async () => (await get(CITY, lakeshoreKey)).headers['x-edge-cache'] === 'HIT', 5000, 20);
    const warm = await get(ROBOTS);
    const warmCity = await get(CITY, lakeshoreKey);
    expect([warm.headers['x-edge-cache'], warmCity.headers['x-edge-cache']]).toEqual(['HIT', 'HIT']);
    // A soft purge (the gateway's own path) leaves the object expired but within grace.
    const purges = stack.gateway.gateway.app.get(CdnPurgeService);
    purges.purge(['site:lakeshore-spine'], { soft: true });
    await purges.idle();
    expect(purges.counters.tags.soft).toBeGreaterThan(0);
    await stack.gateway.stop();
    gatewayStopped = true;
    for (let i = 0; i < 3; i++) {
      const r = await get(ROBOTS);
      expect([r.status, r.headers['x-edge-cache'], r.text]).toEqual([200, 'STALE', warm.text]);
      const c = await get(CITY, lakeshoreKey);
      expect([c.status, c.headers['x-edge-cache'], c.text]).toEqual([200, 'STALE', warmCity.text]);
    }
    const cold = await get(`${ROBOTS}?cold=1`);
    expect(cold.status).toBe(503);
    expect(cold.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(cold.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(cold.text)).toEqual({ errors: [{ message: expect.any(String), extensions: { code: 'UPSTREAM_UNAVAILABLE' } }] });
  });
});
