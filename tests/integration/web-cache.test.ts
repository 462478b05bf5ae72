import { signPreviewToken } from '@clinic/shared';
import { parse } from 'node-html-parser';
import { editKyphoplastySummary } from '../support/cms-edit.js';
import { DEV } from '../support/dev-env.js';
import { rawRequest } from '../support/edge-http.js';
import { freePort } from '../support/ports.js';
import { spawnRedis, type RedisProcess } from '../support/redis-process.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';
import { startWeb, WEB_HOSTS, WEB_TRUSTED_DOCUMENTS, type WebProcess } from '../support/web-process.js';

/**
 * The website's page cache (web/src/server) on the real gateway, Strapi and Redis: pages are kept whole,
 * carry the facts of the gateway answers they were built from, and the gateway's purges drop exactly the
 * pages that used a changed fact, in every website process.
 */

let stack: Stack;
let redis: RedisProcess;
let web: WebProcess;
let peer: WebProcess;

const CHICAGO = ['/chicago/kyphoplasty', '/es/chicago/cifoplastia', '/chicago', '/es/chicago'];

beforeAll(async () => {
  redis = await spawnRedis();
  await redis.start();
  const [port, peerPort] = [await freePort(), await freePort()];
  // The gateway purges one website address; that process relays the purge to its peer over Redis.
  stack = await startStack({ gatewayEnv: { TRUSTED_DOCUMENTS: WEB_TRUSTED_DOCUMENTS, WEB_PURGE_URLS: `http://127.0.0.1:${port}/` } });
  const env = { REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'web-cache-test:' };
  [web, peer] = await Promise.all([startWeb({ gatewayUrl: stack.gateway.url, port, env }), startWeb({ gatewayUrl: stack.gateway.url, port: peerPort, env })]);
}, 240_000);

afterAll(async () => {
  await Promise.all([web?.stop(), peer?.stop()]);
  await stack?.stop();
  await redis?.stop();
}, 60_000);

const cacheOf = async (w: WebProcess, path: string, host: string = WEB_HOSTS.lakeshore) => {
  const res = await w.get(path, { host });
  return { status: res.status, cache: String(res.headers['x-page-cache']), body: res.body, headers: res.headers };
};

/** Every path asked once, so that each is stored; then every path is a HIT. */
async function warm(w: WebProcess, paths: string[], host: string = WEB_HOSTS.lakeshore) {
  for (const p of paths) await w.get(p, { host });
  await waitFor(
    async () => {
      for (const p of paths) if ((await cacheOf(w, p, host)).cache !== 'HIT') return false;
      return true;
    },
    10_000,
    50,
  );
}

describe('website page cache', () => {
  it('a stored page is answered without a render, with its facts as tags and no script but its JSON-LD', async () => {
    await warm(web, ['/chicago/kyphoplasty']);
    const before = await web.metrics();
    const res = await cacheOf(web, '/chicago/kyphoplasty');
    expect([res.status, res.cache]).toEqual([200, 'HIT']);
    expect((await web.metrics()).renders).toBe(before.renders);
    // The tags are the gateway's facts of the answers the page was built from.
    const tags = String(res.headers['surrogate-key']).split(' ');
    expect(tags).toEqual(expect.arrayContaining(['site:lakeshore-spine', 'slug:location:chicago:en', 'slug:procedure:kyphoplasty:en']));
    expect(res.headers['cache-control']).toMatch(/^public, max-age=0, s-maxage=\d+/);
    const html = parse(res.body);
    expect(html.querySelectorAll('script').map((s) => s.getAttribute('type'))).toEqual(['application/ld+json']);
    expect(html.querySelectorAll('link[as="script"]')).toHaveLength(0);
    // The inline JSON-LD is allowed by hash; nothing else may run.
    expect(res.headers['content-security-policy']).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
    // The query string does not make another page.
    expect((await cacheOf(web, '/chicago/kyphoplasty?utm_source=test')).cache).toBe('HIT');
  });

  it("a clinic phone change purges that city's pages in both processes, not another city's; the next request is fresh", async () => {
    await warm(web, [...CHICAGO, '/procedures/kyphoplasty']);
    await warm(peer, CHICAGO);
    await warm(web, ['/evanston/kyphoplasty'], WEB_HOSTS.northshore);
    const docs = stack.strapi.app.documents('api::clinic.clinic');
    const [clinic] = await docs.findMany({ filters: { location: { slug: 'chicago' } }, status: 'published', limit: 1 });
    const phone = `(312) 555-${String(Date.now() % 10_000).padStart(4, '0')}`;
    const digits = `+1${phone.replace(/\D/g, '')}`;
    await docs.update({ documentId: clinic.documentId, data: { phone }, status: 'published' });

    for (const w of [web, peer]) {
      await waitFor(async () => (await cacheOf(w, '/chicago')).body.includes(`tel:${digits}`), 10_000, 20).catch(async (e) => {
        const page = await cacheOf(w, '/chicago');
        throw new Error(`${(e as Error).message}: ${w === web ? 'web' : 'peer'} ${page.cache} ${JSON.stringify(await w.metrics())} ${page.body.match(/tel:[^"]+/g)}`);
      });
    }
    const rendersBefore = (await web.metrics()).renders;
    for (const p of CHICAGO.slice(0, 2)) {
      const first = await cacheOf(web, p);
      // The first request after the purge already shows the new phone (no stale copy served once).
      expect([p, first.cache, first.body.includes(`tel:${digits}`)]).toEqual([p, 'MISS', true]);
    }
    expect((await web.metrics()).renders).toBe(rendersBefore + 2);
    // Pages that did not show the clinic stay stored.
    expect((await cacheOf(web, '/evanston/kyphoplasty', WEB_HOSTS.northshore)).cache).toBe('HIT');
    expect((await cacheOf(web, '/procedures/kyphoplasty')).cache).toBe('HIT');
    // And after the render, a HIT again.
    expect((await cacheOf(web, '/chicago/kyphoplasty')).cache).toBe('HIT');
  });

  it('unknown pages and redirects are stored: made-up paths cost one render each, then none', async () => {
    const made = Array.from({ length: 20 }, (_, i) => `/made-up-city-${i}`);
    const before = (await web.metrics()).renders;
    for (const p of made) expect((await web.get(p)).status).toBe(404);
    expect((await web.metrics()).renders).toBe(before + made.length);
    for (const p of made) expect(await cacheOf(web, p)).toMatchObject({ status: 404, cache: 'HIT' });
    expect((await web.metrics()).renders).toBe(before + made.length);
    // A path that is not a page shape is answered without asking the gateway, and kept too.
    expect((await web.get('/a/b/c/d')).status).toBe(404);
    expect(await cacheOf(web, '/a/b/c/d')).toMatchObject({ status: 404, cache: 'HIT' });
  });

  it('invalid percent-encoding is a 400, not a 500; the image optimizer is not exposed', async () => {
    for (const p of ['/%ff', '/chicago/%E0%A4%A', '/%']) {
      const res = await web.get(p);
      expect([p, res.status]).toEqual([p, 400]);
    }
    expect((await web.get('/_next/image?url=%2Ficon.svg&w=64&q=75')).status).toBe(404);
    expect((await web.get('/_next/image?url=http://127.0.0.1:1/x&w=64&q=75')).status).toBe(404);
  });

  it('preview pages are never stored: each request renders the current draft', async () => {
    const token = encodeURIComponent(signPreviewToken(DEV.previewSecret, 'lakeshore-spine', 300));
    const url = `/preview/lakeshore-spine/chicago/kyphoplasty?token=${token}`;
    const first = `Draft one of the page-cache test ${Date.now()}.`;
    await editKyphoplastySummary(stack.strapi, first, false);
    const a = await web.get(url);
    expect(a.status).toBe(200);
    expect(a.body).toContain(first);
    expect(a.headers['cache-control']).toBe('private, no-store');
    expect(a.headers['x-page-cache']).toBeUndefined();
    const second = `Draft two of the page-cache test ${Date.now()}.`;
    await editKyphoplastySummary(stack.strapi, second, false);
    const b = await web.get(url);
    expect(b.body).toContain(second);
    expect(b.headers['x-page-cache']).toBeUndefined();
  });

  it('PURGE needs the purge secret', async () => {
    const denied = await rawRequest(`${web.url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'site:lakeshore-spine' } });
    expect(denied.status).toBe(403);
    const wrong = await rawRequest(`${web.url}/`, { method: 'PURGE', headers: { 'xkey-purge': 'site:lakeshore-spine', authorization: 'Bearer nope' } });
    expect(wrong.status).toBe(403);
    expect((await cacheOf(web, '/chicago/kyphoplasty')).cache).toBe('HIT');
  });
});
