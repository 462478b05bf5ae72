import { ReconcileService } from '@clinic/api/reconcile';
import { CatalogueIndexService } from '@clinic/api/catalogue';
import { ResponseCacheService } from '@clinic/api/response-cache';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DEV } from '../support/dev-env.js';
import { editChicagoIntro } from '../support/cms-edit.js';
import { startGateway, type GatewayHandle } from '../support/gateway-harness.js';
import { CITY_INTRO, LANDING } from '../support/queries.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';

const chicago = { variables: { slug: 'chicago' } };
const intro = (r: any) => r.body.data?.location?.intro as string | undefined;

describe('gateway cache against real Strapi', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('misses once, then hits with the same bytes, for GET and POST alike', async () => {
    const first = await stack.gateway.query(CITY_INTRO, chicago);
    expect(first.headers.get('x-cache')).toBe('MISS');
    const second = await stack.gateway.query(CITY_INTRO, chicago);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.body).toEqual(first.body);
    const get = await stack.gateway.query(CITY_INTRO, { ...chicago, method: 'GET' });
    expect(get.headers.get('x-cache')).toBe('HIT');
    expect(get.body).toEqual(first.body);
  });

  it('speaks HTTP caching on GET: Cache-Control, ETag → 304, Vary, Surrogate-Key', async () => {
    // The site-addressed URL: shared caches may keep it (the site is in the URL, not only in a header).
    const addressed = `${stack.gateway.url}/sites/lakeshore-spine/graphql?${new URLSearchParams({ query: CITY_INTRO, variables: JSON.stringify(chicago.variables) })}`;
    const key = { 'x-site-key': DEV.siteKeys.lakeshore };
    const res = await fetch(addressed, { headers: key });
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=0, s-maxage=\d+, stale-while-revalidate=\d+, stale-if-error=\d+$/);
    expect(res.headers.get('vary')).toBe('origin, accept-encoding');
    expect(res.headers.get('surrogate-key')).toMatch(/doc:location:\w+/);
    const etag = res.headers.get('etag')!;
    const conditional = await fetch(addressed, { headers: { ...key, 'if-none-match': etag } });
    expect(conditional.status).toBe(304);
    // Plain /graphql: the site is known only from the x-site-key header, so shared caches must not keep it.
    const plain = await stack.gateway.query(CITY_INTRO, { ...chicago, method: 'GET' });
    expect(plain.headers.get('cache-control')).toBe('private, no-cache');
    expect(plain.headers.get('vary')).toMatch(/x-site-key/);
    const revalidated = await stack.gateway.query(CITY_INTRO, { ...chicago, method: 'GET', headers: { 'if-none-match': plain.headers.get('etag')! } });
    expect(revalidated.status).toBe(304);
  });

  it('compresses big answers for clients that accept it (br, gzip), each encoding its own ETag', async () => {
    // Raw HTTP: fetch would negotiate and decode by itself.
    const get = (path: string, headers: Record<string, string>) =>
      new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
        const req = http.get(`${stack.gateway.url}${path}`, { headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
        });
        req.on('error', reject);
      });
    const key = { 'x-site-key': DEV.siteKeys.lakeshore };
    const big = '{ landingPage(procedure: "kyphoplasty", location: "chicago") { title procedure { body } seo { jsonLd } } }';
    const landing = `/graphql?${new URLSearchParams({ query: big })}`;
    const plain = await get(landing, key);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.length).toBeGreaterThan(4000);
    const json = JSON.parse(plain.body.toString());
    expect(json.data.landingPage.title).toMatch(/Kyphoplasty in Chicago/);
    const decode = { br: brotliDecompressSync, gzip: gunzipSync } as const;
    const sizes = [`identity ${plain.body.length} B`];
    for (const enc of ['br', 'gzip'] as const) {
      const res = await get(landing, { ...key, 'accept-encoding': enc === 'br' ? 'gzip, deflate, br' : 'gzip' });
      expect(res.headers['x-cache']).toBe('HIT');
      expect(res.headers['content-encoding']).toBe(enc);
      expect(res.headers.vary).toMatch(/accept-encoding/);
      expect(res.headers.etag).not.toBe(plain.headers.etag);
      expect(res.body.length).toBeLessThan(plain.body.length / 2);
      expect(decode[enc](res.body).equals(plain.body)).toBe(true);
      sizes.push(`${enc} ${res.body.length} B`);
      expect((await get(landing, { ...key, 'accept-encoding': enc, 'if-none-match': res.headers.etag! })).status).toBe(304);
      // A validator of another encoding does not confirm these bytes.
      expect((await get(landing, { ...key, 'accept-encoding': enc, 'if-none-match': plain.headers.etag! })).status).toBe(200);
    }
    console.log(`landing page answer on the wire: ${sizes.join(', ')}`);
    const sitemap = await get('/sites/lakeshore-spine/sitemap.xml', { 'accept-encoding': 'gzip' });
    expect(sitemap.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(sitemap.body).toString()).toMatch(/^<\?xml[\s\S]*<urlset/);
  });

  it('never serves one site’s entry to another', async () => {
    const q = `{ site { slug } }`;
    await stack.gateway.query(q, { siteKey: DEV.siteKeys.lakeshore });
    const other = await stack.gateway.query(q, { siteKey: DEV.siteKeys.northshore });
    expect((other.body.data as any).site.slug).toBe('northshore-spine-partners');
  });

  it('a draft save changes nothing public: the published copy stays cached', async () => {
    const before = await stack.gateway.query(CITY_INTRO, chicago);
    await editChicagoIntro(stack.strapi, 'A draft nobody should see yet.', false);
    await new Promise((r) => setTimeout(r, 400)); // let the (draft) webhook arrive
    const after = await stack.gateway.query(CITY_INTRO, chicago);
    expect(after.headers.get('x-cache')).toBe('HIT');
    expect(intro(after)).toBe(intro(before));
  });

  it('publishing makes the next responses fresh, without evicting other cities’ pages', async () => {
    const evanston = { siteKey: DEV.siteKeys.northshore, variables: { procedure: 'kyphoplasty', location: 'evanston' } };
    await stack.gateway.query(LANDING, evanston);
    expect((await stack.gateway.query(LANDING, evanston)).headers.get('x-cache')).toBe('HIT');

    const text = `Published at ${Date.now()}: our Chicago spine team now offers evening consultations.`;
    const started = Date.now();
    await editChicagoIntro(stack.strapi, text, true);
    const elapsed = await waitFor(async () => intro(await stack.gateway.query(CITY_INTRO, chicago)) === text, 5000, 10);
    console.log(`publish → visible on the gateway in ${Date.now() - started} ms (poll ${elapsed} ms)`);

    const other = await stack.gateway.query(LANDING, evanston);
    expect(other.headers.get('x-cache')).toBe('HIT');
  });

  it('refuses a webhook with a wrong or missing secret and purges nothing', async () => {
    await stack.gateway.query(CITY_INTRO, chicago);
    const docs = stack.strapi.app.documents('api::location.location');
    const doc = await docs.findFirst({ filters: { slug: 'chicago' }, locale: 'en' });
    const payload = JSON.stringify({ event: 'entry.publish', uid: 'api::location.location', entry: { documentId: doc.documentId, slug: 'chicago', publishedAt: new Date().toISOString() } });
    for (const authorization of ['Bearer wrong-secret', undefined]) {
      const res = await fetch(`${stack.gateway.url}/webhooks/strapi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: payload,
      });
      expect(res.status).toBe(401);
    }
    expect((await stack.gateway.query(CITY_INTRO, chicago)).headers.get('x-cache')).toBe('HIT');

    const ok = await fetch(`${stack.gateway.url}/webhooks/strapi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV.webhookSecret}` },
      body: payload,
    });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { action: string }).action).toBe('purged');
    expect((await stack.gateway.query(CITY_INTRO, chicago)).headers.get('x-cache')).toBe('MISS');
  });

  it('acknowledges unknown events, rejects malformed bodies', async () => {
    const send = (body: string) =>
      fetch(`${stack.gateway.url}/webhooks/strapi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV.webhookSecret}` },
        body,
      });
    const unknown = await send(JSON.stringify({ event: 'review-workflows.updateEntryStage' }));
    expect(unknown.status).toBe(200);
    expect(((await unknown.json()) as { action: string }).action).toBe('ignored');
    expect((await send(JSON.stringify({ nope: true }))).status).toBe(400);
    expect((await send('{not json')).status).toBe(400);
  });

  it('bounds staleness after a lost webhook by the reconciliation interval', async () => {
    // A second gateway that Strapi's webhook does not know about: only reconciliation can tell it.
    const deaf: GatewayHandle = await startGateway({ strapiUrl: stack.strapi.url, env: { RECONCILE_INTERVAL_SECONDS: '1' } });
    try {
      await deaf.query(CITY_INTRO, chicago);
      expect((await deaf.query(CITY_INTRO, chicago)).headers.get('x-cache')).toBe('HIT');
      const text = `Reconciled at ${Date.now()}.`;
      await editChicagoIntro(stack.strapi, text, true);
      const ms = await waitFor(async () => intro(await deaf.query(CITY_INTRO, chicago)) === text, 3500, 50);
      console.log(`lost webhook → visible through reconciliation in ${ms} ms (interval 1 s)`);
    } finally {
      await deaf.stop();
    }
  });

  it('bounds staleness after a lost unpublish webhook too: the vanished page is gone within one interval', async () => {
    const deaf: GatewayHandle = await startGateway({ strapiUrl: stack.strapi.url, env: { RECONCILE_INTERVAL_SECONDS: '1' } });
    const docs = stack.strapi.app.documents('api::location.location');
    const es = { query: `{ location(slug: "chicago", locale: es) { slug intro } }` };
    const chicagoEs = await docs.findFirst({ filters: { slug: 'chicago' }, locale: 'es', status: 'published' });
    try {
      expect((await deaf.query(es.query)).body.data?.location.slug).toBe('chicago');
      // Reconciliation compares passes: wait for one to have seen the Spanish page published.
      const reconcile = deaf.gateway.app.get(ReconcileService);
      await waitFor(async () => reconcile.runs >= 1, 3000, 50);
      expect((await deaf.query(es.query)).headers.get('x-cache')).toBe('HIT');
      await docs.unpublish({ documentId: chicagoEs.documentId, locale: 'es' });
      const ms = await waitFor(async () => (await deaf.query(es.query)).body.data?.location === null, 3500, 50);
      console.log(`lost unpublish webhook → page gone through reconciliation in ${ms} ms (interval 1 s)`);
    } finally {
      await docs.publish({ documentId: chicagoEs.documentId, locale: 'es' });
      await deaf.stop();
    }
  });
});

describe('stale-if-error: Strapi stopped', () => {
  it('serves warm entries as STALE and answers cold ones with UPSTREAM_UNAVAILABLE, never hanging', async () => {
    const stack = await startStack({ gatewayEnv: { CACHE_SOFT_TTL_SECONDS: '1', UPSTREAM_TIMEOUT_MS: '500', UPSTREAM_RETRIES: '0' } });
    try {
      const warm = await stack.gateway.query(CITY_INTRO, chicago);
      expect(warm.headers.get('x-cache')).toBe('MISS');
      await stack.strapi.stop();
      await new Promise((r) => setTimeout(r, 1100));
      const stale = await stack.gateway.query(CITY_INTRO, chicago);
      expect(stale.status).toBe(200);
      expect(stale.headers.get('x-cache')).toBe('STALE');
      expect(stale.body).toEqual(warm.body);
      const started = Date.now();
      const cold = await stack.gateway.query(`{ procedure(slug: "kyphoplasty") { title } }`);
      expect(Date.now() - started).toBeLessThan(5000); // fails fast (a functional bound; not the upstream timeouts × retries)
      expect(cold.body.errors?.[0].extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(JSON.stringify(cold.body)).not.toContain(stack.strapi.url);
    } finally {
      await stack.gateway.stop();
    }
  });
});

const redisUrl = process.env.REDIS_URL;
const describeRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('⚠ REDIS_URL is not set: the shared-Redis replica tests are SKIPPED here (.ci/run sets it).');

describeRedis('two gateway replicas sharing Redis', () => {
  let stack: Stack;
  let replicaB: GatewayHandle;
  const prefix = `test-${process.pid}-${Date.now()}:`;
  beforeAll(async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: prefix };
    stack = await startStack({ gatewayEnv: env });
    replicaB = await startGateway({ strapiUrl: stack.strapi.url, env });
    await waitFor(async () => (await fetch(`${replicaB.url}/health/ready`)).status === 200, 5000);
  });
  afterAll(async () => {
    await replicaB?.stop();
    await stack?.stop();
  });

  it('a warm entry written by replica A is a hit on replica B', async () => {
    const q = `{ location(slug: "chicago") { slug city } }`;
    expect((await stack.gateway.query(q)).headers.get('x-cache')).toBe('MISS');
    const onB = await replicaB.query(q);
    expect(onB.headers.get('x-cache')).toBe('HIT');
  });

  it('replicas share one miss budget per site key', async () => {
    const env = { REDIS_URL: redisUrl!, REDIS_KEY_PREFIX: `${prefix}rl-`, RATE_LIMIT_MISS_UNITS_PER_WINDOW: '6', RATE_LIMIT_WINDOW_SECONDS: '60' };
    const a = await startGateway({ strapiUrl: stack.strapi.url, env });
    const b = await startGateway({ strapiUrl: stack.strapi.url, env });
    // Distinct operations: each is a miss, costing at least one unit.
    const miss = (i: number) => `{ s${i}: site { slug } }`;
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i += 1) statuses.push((await a.query(miss(i))).status);
      await new Promise((r) => setTimeout(r, 200)); // one flush interval (50 ms) and then some
      for (let i = 4; i < 8; i += 1) statuses.push((await b.query(miss(i))).status);
      // 6 allowed across both replicas, whichever answered them; alone, B would have allowed all 4.
      expect(statuses.filter((s) => s === 200)).toHaveLength(6);
      expect(statuses.slice(-2)).toEqual([429, 429]);
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('a publish (webhook to replica A) makes replica B fresh', async () => {
    await stack.gateway.query(CITY_INTRO, chicago);
    await replicaB.query(CITY_INTRO, chicago);
    expect((await replicaB.query(CITY_INTRO, chicago)).headers.get('x-cache')).toBe('HIT');
    const text = `Replicated at ${Date.now()}.`;
    await editChicagoIntro(stack.strapi, text, true);
    const ms = await waitFor(async () => intro(await replicaB.query(CITY_INTRO, chicago)) === text, 5000, 10);
    console.log(`publish → visible on replica B in ${ms} ms`);
  });

  it('after a publish, a page both replicas served is rebuilt by one of them; the other reads it from Redis', async () => {
    const caches = [stack.gateway, replicaB].map((g) => g.gateway.app.get(ResponseCacheService));
    const sum = (f: (c: ResponseCacheService) => number) => caches.reduce((n, c) => n + f(c), 0);
    for (const gw of [stack.gateway, replicaB]) await gw.query(CITY_INTRO, chicago);
    const purges = caches.map((c) => c.counters.purges);
    const rebuilt = sum((c) => c.counters.refreshAhead);
    const left = sum((c) => c.counters.refreshLeftToPeer);
    const computed = sum((c) => c.counters.computations);
    const text = `Rebuilt once at ${Date.now()}.`;
    await editChicagoIntro(stack.strapi, text, true);
    await waitFor(async () => caches.every((c, i) => c.counters.purges > purges[i] && c.refreshPending === 0), 5000, 10);
    // Every page either replica had used was rebuilt once: the replica that lost the claim left it to the other.
    expect(sum((c) => c.counters.refreshLeftToPeer) - left).toBeGreaterThanOrEqual(1);
    for (const gw of [stack.gateway, replicaB]) {
      const res = await gw.query(CITY_INTRO, chicago);
      expect(res.headers.get('x-cache')).toBe('HIT');
      expect(intro(res)).toBe(text);
    }
    // Only rebuilds went upstream: no visitor, on either replica, computed a page.
    expect(sum((c) => c.counters.computations) - computed).toBe(sum((c) => c.counters.refreshAhead) - rebuilt);
  });

  it('replica B follows what replica A applied: a change undoing it, handed to B, still purges the pages', async () => {
    const CLINICS_IN = `query ($slug: String!) { location(slug: $slug) { clinics { slug } } }`;
    const slug = 'chicago-north-side-spine-clinic';
    const clinicsIn = async (gw: GatewayHandle, city: string) =>
      ((await gw.query<any>(CLINICS_IN, { siteKey: DEV.siteKeys.northshore, variables: { slug: city } })).body.data?.location?.clinics ?? []).map((c: any) => c.slug);
    const indexB = replicaB.gateway.app.get(CatalogueIndexService);
    await indexB.ensureLoaded();
    const clinics = stack.strapi.app.documents('api::clinic.clinic');
    const cities = stack.strapi.app.documents('api::location.location');
    const clinic = await clinics.findFirst({ filters: { slug }, status: 'published' });
    const cityId = async (s: string) => (await cities.findFirst({ filters: { slug: s }, locale: 'en', status: 'published' })).documentId;
    const moveTo = async (city: string) =>
      clinics.update({ documentId: clinic.documentId, data: { location: { set: [{ documentId: await cityId(city), locale: 'en' }] } }, status: 'published' });
    expect(await clinicsIn(replicaB, 'chicago')).toContain(slug);

    // 1. Moved to Evanston; Strapi's webhook reaches replica A, which purges everywhere and tells B.
    const since = Date.now();
    await moveTo('evanston');
    await waitFor(async () => indexB.log.some((e) => e.documentId === clinic.documentId && e.at >= since && !e.purged), 5000, 10);
    expect(await clinicsIn(replicaB, 'chicago')).not.toContain(slug);
    expect(await clinicsIn(replicaB, 'evanston')).toContain(slug);

    // 2. Moved back. Strapi's webhooks are held, and the webhook goes to replica B, as a load balancer may send it.
    const runner = stack.strapi.app.get('webhookRunner');
    const events = [...runner.listeners.keys()];
    for (const event of events) runner.deleteListener(event);
    try {
      await moveTo('chicago');
    } finally {
      for (const event of events) runner.createListener(event);
    }
    const res = await fetch(`${replicaB.url}/webhooks/strapi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV.webhookSecret}` },
      body: JSON.stringify({ event: 'entry.publish', model: 'clinic', uid: 'api::clinic.clinic', entry: { documentId: clinic.documentId, publishedAt: new Date().toISOString() } }),
    });
    expect(res.status).toBe(200);
    // B diffed against the state A applied (Evanston), not the one before it (Chicago): Chicago's page was purged.
    expect(await clinicsIn(replicaB, 'chicago')).toContain(slug);
    expect(await clinicsIn(replicaB, 'evanston')).not.toContain(slug);
    expect(await clinicsIn(stack.gateway, 'chicago')).toContain(slug);
  });
});
