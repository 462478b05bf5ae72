/**
 * Pages are queried as a site renders them (every field of each document they show): tags are per
 * document and locale, so a query selecting fewer fields of a document is purged with it.
 *
 * Exact invalidation on a generated catalogue (hundreds of cached pages over two sites and two
 * locales). For each kind of editorial change, through Strapi's document service and its real
 * webhook: the pages the gateway purged (the next request is not a HIT) must be exactly the pages
 * whose answer changed (compared with a second gateway whose cache is off), and every other page
 * must still be a HIT with the same bytes.
 */
import { CatalogueIndexService } from '@clinic/api/catalogue';
import { ReconcileService } from '@clinic/api/reconcile';
import { SiteRegistryService } from '@clinic/api/site-registry';
import { startGateway, graphql, type GatewayHandle } from '../support/gateway-harness.js';
import { startStrapi, type StrapiHandle } from '../support/strapi-harness.js';
import { freePort } from '../support/ports.js';
import { sitemapXsdErrors } from '../support/sitemap-xsd.js';
import { startDelayProxy, type DelayProxy } from '../support/delay-proxy.js';
import { ResponseCacheService } from '@clinic/api/response-cache';
import { waitFor } from '../support/stack.js';
import { rawRequest } from '../support/edge-http.js';
import { DEV } from '../support/dev-env.js';
import { seedCatalogue, siteKeysOf, UID } from '../support/catalogue-seed.mjs';
import { catalogueChanges } from '../support/catalogue-changes.mjs';

type Json = any;
interface Page {
  id: string;
  siteKey: string;
  /** Root field with literal arguments, e.g. `landingPage(procedure: "x", location: "y", locale: es)`. */
  field: string;
  selection: string;
}

const SEL = {
  procedure: `{ id slug title summary updatedAt seo { title canonicalUrl jsonLd ogImage alternates { hreflang url } } }`,
  location: `{ id slug city intro updatedAt clinics { slug name phone } procedures { slug title summary seo { alternates { hreflang url } } } seo { title jsonLd alternates { hreflang url } } }`,
  landing: `{ path title h1 intro lastModified clinics { slug name phone } procedure { slug title } location { slug city } seo { title canonicalUrl jsonLd alternates { hreflang url } } }`,
  procedures: `{ slug title summary seo { alternates { hreflang url } } }`,
  locations: `{ slug city clinics { slug name phone } seo { jsonLd } }`,
  sitemap: `{ url lastModified locale alternates { hreflang url } }`,
  clinic: `{ path lastModified clinic { slug name phone openingHours } location { slug city path } procedures { slug title summary landingPath } seo { title canonicalUrl jsonLd alternates { hreflang url } } }`,
  home: `{ path seo { title description canonicalUrl jsonLd alternates { hreflang url } } }`,
  organization: `{ name organization { name legalName logo { url alt } sameAs contactPoints { telephone contactType areaServed languages } } }`,
};

let strapi: StrapiHandle;
let gateway: GatewayHandle;
let truth: GatewayHandle;
let index: CatalogueIndexService;
let cat: Awaited<ReturnType<typeof seedCatalogue>>;
const pages: Page[] = [];
let proxy: DelayProxy | undefined;
/** The last known answer of each page (its `data` field, as JSON). */
let known = new Map<string, string>();

const rootOf = (field: string) => field.split('(')[0];
const dataOf = (body: Json, field: string) => JSON.stringify(body.data?.[rootOf(field)] ?? null);

/** GET with a large header limit: a sitemap answer carries every fact of every page in `Surrogate-Key`. */
const getLarge = (url: string, headers: Record<string, string>) => rawRequest(url, { headers, maxHeaderSize: 4 * 1024 * 1024 });

/**
 * Every page once, 8 at a time. `cold`: the cache is empty, so every page is a miss and, on a loaded machine, one may
 * wait past the site's miss queue bound and be told 503 SITE_BUSY; such a crawler asks again after `Retry-After`, as
 * a client should (a few times at most). Elsewhere a SITE_BUSY fails the test.
 */
async function observe({ cold = false } = {}): Promise<Map<string, { cache: string; data: string }>> {
  const out = new Map<string, { cache: string; data: string }>();
  const queue = [...pages];
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const url = `${gateway.url}/graphql?${new URLSearchParams({ query: `{ ${p.field} ${p.selection} }` })}`;
        let res = await getLarge(url, { 'x-site-key': p.siteKey });
        for (let retry = 0; cold && res.status === 503 && retry < 5 && JSON.parse(res.text).errors?.[0]?.extensions?.code === 'SITE_BUSY'; retry++) {
          await new Promise((r) => setTimeout(r, Number(res.headers['retry-after'] ?? 1) * 1000));
          res = await getLarge(url, { 'x-site-key': p.siteKey });
        }
        const body = JSON.parse(res.text);
        if (res.status !== 200 || body.errors) throw new Error(`${p.id}: ${res.status} ${JSON.stringify(body.errors)}`);
        out.set(p.id, { cache: String(res.headers['x-cache'] ?? ''), data: dataOf(body, p.field) });
      }
    }),
  );
  return out;
}

/** Every page's current answer, computed by the cache-less gateway (several pages per request). */
async function fresh(): Promise<Map<string, string>> {
  // The cache-less gateway gets no webhook: it reads the sites again itself, and its catalogue index (whose
  // uniqueness verdicts pages show) catches up by reconciliation.
  await truth.gateway.app.get(SiteRegistryService).refresh();
  await truth.gateway.app.get(ReconcileService).runOnce();
  const out = new Map<string, string>();
  const bySite = new Map<string, Page[]>();
  for (const p of pages) bySite.set(p.siteKey, [...(bySite.get(p.siteKey) ?? []), p]);
  for (const [siteKey, list] of bySite) {
    for (let i = 0; i < list.length; i += 6) {
      const batch = list.slice(i, i + 6);
      const query = `{ ${batch.map((p, k) => `a${k}: ${p.field} ${p.selection}`).join('\n')} }`;
      const res = await graphql<Json>(truth.url, query, { siteKey });
      if (res.status !== 200 || res.body.errors) throw new Error(`truth: ${res.status} ${JSON.stringify(res.body.errors)}`);
      batch.forEach((p, k) => out.set(p.id, JSON.stringify(res.body.data[`a${k}`] ?? null)));
    }
  }
  return out;
}

/** Runs an editorial change, waits until the gateway applied the webhooks it names, then compares. */
async function expectExactPurge(name: string, change: () => Promise<string[]>) {
  const since = Date.now();
  const documentIds = await change();
  await settled(documentIds, since);
  const seen = await observe();
  const now = await fresh();
  const purged = pages
    .filter((p) => seen.get(p.id)!.cache !== 'HIT')
    .map((p) => p.id)
    .sort();
  const affected = pages
    .filter((p) => known.get(p.id) !== now.get(p.id))
    .map((p) => p.id)
    .sort();
  const staleHits = pages.filter((p) => seen.get(p.id)!.cache === 'HIT' && seen.get(p.id)!.data !== now.get(p.id)).map((p) => p.id);
  if (process.env.CATALOGUE_DEBUG) console.log(JSON.stringify(index.log.filter((e) => e.at >= since)));
  const extra = purged.filter((id) => !affected.includes(id));
  const missed = affected.filter((id) => !purged.includes(id));
  console.log(
    `${name}: ${affected.length} affected, ${purged.length} purged of ${pages.length} pages` +
      (extra.length || missed.length ? `; over-purged ${extra.slice(0, 8).join(', ')}; missed ${missed.slice(0, 8).join(', ')}` : ''),
  );
  // The purged pages were recomputed by this very observation: the next change starts from `now`.
  known = now;
  expect(affected.length).toBeGreaterThan(0);
  expect(staleHits).toEqual([]);
  expect(purged).toEqual(affected);
}

const docs = (uid: string) => strapi.app.documents(uid);

/**
 * Waits until the gateway applied a webhook for each named document and Strapi has no webhook left to
 * deliver (its runner awaits the gateway's answer, which comes after the purge): one change may send
 * several events (update, publish), and a late one must not land in the next test's observation.
 */
async function settled(documentIds: string[], since: number) {
  const queue = strapi.app.get('webhookRunner').queue;
  await waitFor(async () => documentIds.every((id) => index.log.some((e) => e.documentId === id && e.at >= since)) && queue.running === 0 && queue.queue.length === 0, 30_000, 10);
}

let gatewayPort = 0;
let env: Record<string, string> = {};

beforeAll(async () => {
  gatewayPort = await freePort();
  strapi = await startStrapi({ gatewayUrl: `http://127.0.0.1:${gatewayPort}` });
  cat = await seedCatalogue(strapi.app, { procedures: 5, cities: 12, clinics: 30, perClinic: 3, sites: 2, citiesPerSite: 8, overrides: 4 });
  env = {
    SITE_KEYS: `${DEV.siteKeys.lakeshore}:lakeshore-spine,${siteKeysOf(cat)}`,
    RATE_LIMIT_ENABLED: 'false',
    // Two shared cores: a cold sitemap read may be slow, and must not trip the breaker.
    UPSTREAM_TIMEOUT_MS: '15000',
    BREAKER_FAILURE_THRESHOLD: '1000',
    // The suite runs for minutes: no entry may go stale by age and pass for a purge.
    CACHE_SOFT_TTL_SECONDS: '3600',
    CACHE_HARD_TTL_SECONDS: '7200',
    // Purged entries must show as misses here; refresh-ahead (which would hide them) is measured by bench:scale.
    CACHE_REFRESH_AHEAD_SECONDS: '0',
  };
  gateway = await startGateway({ strapiUrl: strapi.url, port: gatewayPort, env });
  // No reconciliation of its own: a periodic pass under way would make `fresh()`'s pass return at once, and the
  // truth's uniqueness verdicts would lag one change behind.
  truth = await startGateway({ strapiUrl: strapi.url, env: { ...env, CACHE_ENABLED: 'false', RECONCILE_INTERVAL_SECONDS: '0' } });
  index = gateway.gateway.app.get(CatalogueIndexService);
  await index.ensureLoaded();

  for (const site of cat.sites) {
    const add = (id: string, field: string, selection: string) => pages.push({ id: `${site.slug} ${id}`, siteKey: site.key, field, selection });
    for (const locale of ['en', 'es']) {
      add(`procedures ${locale}`, `procedures(locale: ${locale})`, SEL.procedures);
      add(`locations ${locale}`, `locations(locale: ${locale})`, SEL.locations);
      for (const p of cat.procedures) add(`/procedures/${p.slug} ${locale}`, `procedure(slug: "${p.slug}", locale: ${locale})`, SEL.procedure);
      for (const c of cat.cities) {
        add(`/${c.slug} ${locale}`, `location(slug: "${c.slug}", locale: ${locale})`, SEL.location);
        for (const p of cat.procedures) {
          add(`/${c.slug}/${p.slug} ${locale}`, `landingPage(procedure: "${p.slug}", location: "${c.slug}", locale: ${locale})`, SEL.landing);
        }
      }
      // Every clinic's page, also where the site does not serve its city (a null that a move may bring back).
      for (const c of cat.clinics) add(`/clinics/${c.slug} ${locale}`, `clinic(slug: "${c.slug}", locale: ${locale})`, SEL.clinic);
      add(`home ${locale}`, `homePage(locale: ${locale})`, SEL.home);
    }
    add('organization', 'site', SEL.organization);
    add('sitemap', 'sitemap', SEL.sitemap);
  }
  await observe({ cold: true });
  const warm = await observe();
  expect([...warm.values()].filter((v) => v.cache !== 'HIT')).toEqual([]);
  known = await fresh();
  expect(pages.filter((p) => known.get(p.id) !== warm.get(p.id)!.data)).toEqual([]);
  const nonNull = [...known.values()].filter((v) => v !== 'null').length;
  console.log(`catalogue: ${pages.length} cached pages (${nonNull} non-empty), seeded in ${cat.seedMs} ms`);
  expect(nonNull).toBeGreaterThan(200);
}, 300_000);

afterAll(async () => {
  await proxy?.close();
  await truth?.stop();
  await gateway?.stop();
  await strapi?.stop();
});

describe('a publish purges exactly the pages whose answer changed', () => {
  // Created lazily: the catalogue is seeded in beforeAll. Each change touches the first site's pages.
  let changes: Array<{ name: string; run: () => Promise<string[]> }> = [];
  const change = (name: string) => () => changes.find((c) => c.name === name)!.run();
  beforeAll(() => {
    changes = catalogueChanges(strapi.app, cat, cat.sites[0]);
  });
  let unpublishedClinic = '';

  for (const { name } of catalogueChanges()) {
    it(name, () =>
      expectExactPurge(name, async () => {
        const ids = await change(name)();
        if (name === 'clinic unpublished') unpublishedClinic = ids[0];
        return ids;
      }),
    );
  }

  it('deleting a clinic that is not published changes nothing public: nothing is purged', async () => {
    const since = Date.now();
    await docs(UID.clinic).delete({ documentId: unpublishedClinic });
    await settled([unpublishedClinic], since);
    const seen = await observe();
    expect([...seen.values()].filter((v) => v.cache !== 'HIT')).toEqual([]);
  });
});

describe('refresh-ahead: after a publish, the pages visitors use are rebuilt before they ask', () => {
  let cache: ResponseCacheService;
  /** The computations a purge may cause since the counters read `purged` and `overtaken`: one per entry. */
  const rebuilds = (purged: number, overtaken: number) => cache.counters.purgedEntries - purged + (cache.counters.overtaken - overtaken);
  const sitemapPath = () => `/sites/${cat.sites[0].slug}/sitemap.xml`;
  /** One clinic no earlier change touched, shown by both sites. */
  const clinic = () => cat.clinics.find((c) => c.slug === 'g-clinic-29')!;
  const setPhone = async (phone: string) => {
    const since = Date.now();
    await docs(UID.clinic).update({ documentId: clinic().documentId, data: { phone }, status: 'published' });
    await settled([clinic().documentId], since);
  };

  beforeAll(async () => {
    // The same port, so Strapi's webhooks reach it: a gateway with refresh-ahead on, reading Strapi through
    // a proxy the test can slow down (a rebuild then takes long enough for visitors to arrive during it).
    await gateway.stop();
    proxy = await startDelayProxy({ host: '127.0.0.1', port: Number(new URL(strapi.url).port) });
    gateway = await startGateway({ strapiUrl: proxy.url, port: gatewayPort, env: { ...env, CACHE_REFRESH_AHEAD_SECONDS: '600' } });
    index = gateway.gateway.app.get(CatalogueIndexService);
    cache = gateway.gateway.app.get(ResponseCacheService);
    await index.ensureLoaded();
    await observe({ cold: true });
    // A crawler read the site's sitemap.xml: it is a recently used page too.
    await getLarge(`${gateway.url}${sitemapPath()}`, {});
    known = await fresh();
  }, 300_000);

  it('once the rebuild ran, the first request of every purged page is a HIT with the new content, each rebuilt once', async () => {
    const computed = cache.counters.computations;
    const purged = cache.counters.purgedEntries;
    const overtaken = cache.counters.overtaken;
    const sitemapBefore = (await getLarge(`${gateway.url}${sitemapPath()}`, {})).text;
    await setPhone('(312) 555-0123');
    await waitFor(async () => cache.refreshPending === 0, 30_000, 10);
    const seen = await observe();
    const now = await fresh();
    const affected = pages.filter((p) => known.get(p.id) !== now.get(p.id));
    known = now;
    expect(affected.length).toBeGreaterThan(0);
    expect(pages.filter((p) => seen.get(p.id)!.cache !== 'HIT').map((p) => p.id)).toEqual([]);
    expect(pages.filter((p) => seen.get(p.id)!.data !== now.get(p.id)).map((p) => p.id)).toEqual([]);
    const sitemap = await getLarge(`${gateway.url}${sitemapPath()}`, {});
    expect(sitemap.headers['x-cache']).toBe('HIT');
    expect(sitemap.text).toBe((await getLarge(`${truth.url}${sitemapPath()}`, {})).text);
    // Generated names and slugs at scale: still valid against sitemaps.org's XSD.
    expect(sitemapXsdErrors(sitemap.text)).toEqual([]);
    // (It changed: the clinic's pages' lastmod moved.)
    expect(sitemap.text).not.toBe(sitemapBefore);
    // A publish may arrive as two webhooks (update, publish), each purging the clinic's pages: at most one
    // computation per purged entry (plus one per rebuild the second purge overtook), never one per visitor.
    expect(cache.counters.computations - computed).toBeGreaterThanOrEqual(affected.length);
    expect(cache.counters.computations - computed).toBeLessThanOrEqual(rebuilds(purged, overtaken));
  });

  it('a visitor who asks during the rebuild already gets the new content, and joins the rebuild', async () => {
    proxy!.delayMs = 100;
    const computed = cache.counters.computations;
    const purged = cache.counters.purgedEntries;
    const overtaken = cache.counters.overtaken;
    await setPhone('(312) 555-0124');
    const seen = await observe();
    proxy!.delayMs = 0;
    const now = await fresh();
    const affected = pages.filter((p) => known.get(p.id) !== now.get(p.id));
    known = now;
    expect(affected.length).toBeGreaterThan(0);
    // The visitors did arrive during the rebuild (some of them waited for it)…
    expect(affected.filter((p) => seen.get(p.id)!.cache === 'MISS').length).toBeGreaterThan(0);
    // …and none of them got the old content, nor ran a computation of their own beside the rebuild's.
    expect(pages.filter((p) => seen.get(p.id)!.data !== now.get(p.id)).map((p) => p.id)).toEqual([]);
    await waitFor(async () => cache.refreshPending === 0, 30_000, 10);
    expect(cache.counters.computations - computed).toBeLessThanOrEqual(rebuilds(purged, overtaken));
  });
});
