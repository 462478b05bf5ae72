/**
 * Lists at scale on a generated catalogue: cursor pagination walks the same items as the plain lists,
 * the sitemap becomes an index of child sitemaps past SITEMAP_MAX_URLS, and reconciliation's upstream
 * cost per idle pass stays the same when the catalogue doubles.
 */
import { ReconcileService } from '@clinic/api/reconcile';
import { startGateway, graphql, type GatewayHandle } from '../support/gateway-harness.js';
import { startStrapi, type StrapiHandle } from '../support/strapi-harness.js';
import { freePort } from '../support/ports.js';
import { sitemapXsdErrors } from '../support/sitemap-xsd.js';
import { seedCatalogue, siteKeysOf } from '../support/catalogue-seed.mjs';

type Json = any;
let strapi: StrapiHandle;
let gateway: GatewayHandle;
let cat: Awaited<ReturnType<typeof seedCatalogue>>;
const MAX_URLS = 25;

beforeAll(async () => {
  const port = await freePort();
  strapi = await startStrapi({ gatewayUrl: `http://127.0.0.1:${port}` });
  cat = await seedCatalogue(strapi.app, { procedures: 4, cities: 8, clinics: 16, perClinic: 2, sites: 1, citiesPerSite: 8 });
  gateway = await startGateway({
    strapiUrl: strapi.url,
    port,
    env: { SITE_KEYS: siteKeysOf(cat), SITEMAP_MAX_URLS: String(MAX_URLS), RATE_LIMIT_ENABLED: 'false', UPSTREAM_TIMEOUT_MS: '15000', CACHE_SOFT_TTL_SECONDS: '3600' },
  });
}, 180_000);

afterAll(async () => {
  await gateway?.stop();
  await strapi?.stop();
});

const q = (query: string) => graphql<Json>(gateway.url, query, { siteKey: cat.sites[0].key });

async function walk(field: (after: string | null) => string, pick: (data: Json) => Json) {
  const seen: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 50; i++) {
    const res = await q(field(after));
    expect(res.body.errors).toBeUndefined();
    const page = pick(res.body.data);
    expect(page.nodes.length).toBeLessThanOrEqual(3);
    seen.push(...page.nodes.map((n: Json) => n.slug));
    if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

describe('cursor pagination', () => {
  it('procedures, locations and a city’s clinics page through exactly the plain lists, in order', async () => {
    const cursor = (after: string | null) => (after ? `, after: "${after}"` : '');
    const plain = (await q('{ procedures { slug } locations { slug clinics { slug } } }')).body.data;
    const procs = await walk(
      (a) => `{ proceduresConnection(first: 3${cursor(a)}) { nodes { slug } pageInfo { endCursor hasNextPage } totalCount } }`,
      (d) => d.proceduresConnection,
    );
    expect(procs.seen).toEqual(plain.procedures.map((p: Json) => p.slug));
    expect(procs.total).toBe(plain.procedures.length);
    const locs = await walk(
      (a) => `{ locationsConnection(first: 3${cursor(a)}) { nodes { slug } pageInfo { endCursor hasNextPage } totalCount } }`,
      (d) => d.locationsConnection,
    );
    expect(locs.seen).toEqual(plain.locations.map((l: Json) => l.slug));
    const city = plain.locations[0];
    const clinics = await walk(
      (a) => `{ location(slug: "${city.slug}") { clinicsConnection(first: 1${cursor(a)}) { nodes { slug } pageInfo { endCursor hasNextPage } totalCount } } }`,
      (d) => d.location.clinicsConnection,
    );
    expect(clinics.seen).toEqual(city.clinics.map((c: Json) => c.slug));
  });

  it('refuses a page size over the maximum and a forged cursor with BAD_USER_INPUT', async () => {
    for (const query of ['{ proceduresConnection(first: 101) { totalCount } }', '{ locationsConnection(after: "not-a-cursor") { totalCount } }']) {
      const res = await q(query);
      expect(res.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});

describe('sitemap index', () => {
  it('past SITEMAP_MAX_URLS, sitemap.xml is an index whose children list every URL once', async () => {
    const urls = ((await q('{ sitemap { url } }')).body.data.sitemap as Json[]).map((e) => e.url);
    expect(urls.length).toBeGreaterThan(MAX_URLS);
    const site = cat.sites[0];
    const index = await fetch(`${gateway.url}/sites/${site.slug}/sitemap.xml`);
    expect(index.status).toBe(200);
    const xml = await index.text();
    expect(xml).toContain('<sitemapindex');
    expect(sitemapXsdErrors(xml)).toEqual([]);
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toHaveLength(Math.ceil(new Set(urls).size / MAX_URLS));
    const listed: string[] = [];
    for (const [i, loc] of locs.entries()) {
      expect(loc).toBe(`https://${site.slug}.example/sitemaps/${i + 1}.xml`);
      const child = await fetch(`${gateway.url}/sites/${site.slug}/sitemaps/${i + 1}.xml`);
      expect(child.status).toBe(200);
      const body = await child.text();
      expect(body).toContain('<urlset');
      expect(sitemapXsdErrors(body)).toEqual([]);
      const inChild = [...body.matchAll(/<url>\s*<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
      expect(inChild.length).toBeLessThanOrEqual(MAX_URLS);
      listed.push(...inChild);
      expect((await fetch(`${gateway.url}/sites/${site.slug}/sitemaps/${i + 1}.xml`)).headers.get('x-cache')).toBe('HIT');
    }
    expect(listed).toEqual([...new Set(urls)]);
    expect((await fetch(`${gateway.url}/sites/${site.slug}/sitemaps/${locs.length + 1}.xml`)).status).toBe(404);
    expect((await fetch(`${gateway.url}/sites/${site.slug}/sitemaps/..%2Fx.xml`)).status).toBe(404);
  });
});

describe('reconciliation', () => {
  it('costs the same upstream requests per idle pass when the catalogue doubles, and still sees a lost publish', async () => {
    const reconcile = gateway.gateway.app.get(ReconcileService);
    await reconcile.runOnce();
    await reconcile.runOnce();
    const before = reconcile.last.upstreamRequests;
    // Double the catalogue (the seed keeps Strapi's webhook silent: only reconciliation can tell).
    await seedCatalogue(strapi.app, { procedures: 4, cities: 8, clinics: 16, perClinic: 2, sites: 1, citiesPerSite: 8, prefix: 'h' });
    expect(await reconcile.runOnce()).toBeGreaterThan(0);
    await reconcile.runOnce();
    expect(reconcile.last.changed + reconcile.last.vanished).toBe(0);
    expect(reconcile.last.upstreamRequests).toBe(before);
    console.log(`reconciliation at idle: ${before} upstream requests per pass, before and after doubling the catalogue`);
  });
});
