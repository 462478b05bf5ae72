#!/usr/bin/env node
/**
 * `npm run bench:scale` (root; builds first). Catalogue scale, in one process: a throw-away Strapi
 * (temp SQLite, or a throw-away PostgreSQL database when PG_TEST_URL is set) seeded through the
 * document service with a generated catalogue, a caching gateway and a cache-less one (the truth).
 * Reports, as a table and tests/bench/results/scale.json:
 *  - seed time, landing pages per site, cold crawl of one site's landing pages at 8 connections
 *    (pages/s, p50/p99, upstream requests per page), warm crawl hit ratio;
 *  - per kind of change (tests/support/catalogue-changes.mjs, the catalogue test's): entries purged vs
 *    pages affected (precision, recall) over that site's landing, city, procedure and sitemap pages;
 *    publish → visible (the webhook applied); every page asked for right after it, while refresh-ahead
 *    rebuilds (visitors who waited for a rebuild, old content served); operations run upstream; misses
 *    in a crawl once the rebuild is done;
 *  - reconciliation upstream requests per idle pass (and per minute at the default 30 s);
 *  - sitemap generation time and bytes; gateway RSS and L1 bytes;
 *  - the uniqueness scoring (issue 20): the whole catalogue's at the index's first read, and each change's.
 * CACHE_REFRESH_AHEAD_CONCURRENCY passes through to the caching gateway (its default otherwise).
 * Sizes: SCALE_PROCEDURES (40) SCALE_CITIES (200) SCALE_CLINICS (600) SCALE_PER_CLINIC (8) SCALE_SITES (4).
 */
import http from 'node:http';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { rawRequest } from '../dist/support/edge-http.js';
import { startGateway } from '../dist/support/gateway-harness.js';
import { createPgDatabase } from '../dist/support/pg-database.js';
import { freePorts } from '../dist/support/ports.js';
import { startStrapi } from '../dist/support/strapi-harness.js';
import { seedCatalogue, siteKeysOf } from '../support/catalogue-seed.mjs';
import { catalogueChanges } from '../support/catalogue-changes.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const RESULTS = path.join(BENCH_DIR, 'results', 'scale.json');
const num = (name, fallback) => Number(process.env[name] ?? fallback);
const SIZES = {
  procedures: num('SCALE_PROCEDURES', 40),
  cities: num('SCALE_CITIES', 200),
  clinics: num('SCALE_CLINICS', 600),
  perClinic: num('SCALE_PER_CLINIC', 8),
  sites: num('SCALE_SITES', 4),
  overrides: num('SCALE_OVERRIDES', 20),
};
const CONNECTIONS = 8;
const LANDING = `{ path title h1 intro lastModified clinics { slug name phone } procedure { slug title } location { slug city } seo { title canonicalUrl jsonLd alternates { hreflang url } } }`;
const LOCATION = `{ id slug city intro updatedAt clinics { slug name phone } procedures { slug title summary seo { alternates { hreflang url } } } seo { title jsonLd alternates { hreflang url } } }`;
const PROCEDURE = `{ id slug title summary updatedAt seo { title canonicalUrl jsonLd ogImage alternates { hreflang url } } }`;
const HOME = `{ path seo { title description canonicalUrl jsonLd alternates { hreflang url } } }`;
const ORGANIZATION = `{ name organization { name legalName logo { url alt } sameAs contactPoints { telephone contactType areaServed languages } } }`;
const CLINIC = `{ path lastModified clinic { slug name phone openingHours } location { slug city path } procedures { slug title summary landingPath } seo { title canonicalUrl jsonLd alternates { hreflang url } } }`;

const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : 0);
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * GET over node:http with a large header limit: a big site's sitemap carries thousands of cache tags
 * in `Surrogate-Key`, past undici's (fetch's) 16 KiB header limit.
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
/** @param {string} url @param {Record<string, string>} [headers] */
const get = (url, headers = {}) => rawRequest(url, { headers, agent, maxHeaderSize: 4 * 1024 * 1024 });

/** 503 SITE_BUSY answers (a miss that waited past MISS_QUEUE_TIMEOUT_MS): counted per change, then asked again as a client honouring Retry-After would. */
const busy = { answers: 0 };
/**
 * @template {{ status: number; headers: Record<string, unknown> }} R
 * @param {() => Promise<R>} ask
 * @returns {Promise<R>}
 */
async function honouringRetryAfter(ask) {
  for (;;) {
    const res = await ask();
    if (res.status !== 503) return res;
    busy.answers += 1;
    await new Promise((r) => setTimeout(r, Number(res.headers['retry-after'] ?? 1) * 1000));
  }
}

async function gql(url, key, query) {
  const res = await honouringRetryAfter(() => get(`${url}/graphql?${new URLSearchParams({ query })}`, { 'x-site-key': key }));
  const body = JSON.parse(res.body.toString('utf8'));
  if (res.status !== 200 || body.errors) throw new Error(`${res.status} ${JSON.stringify(body.errors)}`);
  return { cache: res.headers['x-cache'], body, surrogateKeyBytes: String(res.headers['surrogate-key'] ?? '').length };
}

/**
 * One page as a site asks for it: a GraphQL query (`field` and `selection`) or a plain path (the
 * sitemap). `data` is what a visitor sees: the query's data, or the document's bytes.
 */
async function fetchPage(url, key, p) {
  if (p.path) {
    const res = await honouringRetryAfter(() => get(`${url}${p.path}`));
    if (res.status !== 200) throw new Error(`${p.path}: ${res.status}`);
    return { cache: res.headers['x-cache'], data: res.body.toString('utf8') };
  }
  const r = await gql(url, key, `{ ${p.field} ${p.selection} }`);
  return { cache: r.cache, data: JSON.stringify(r.body.data) };
}

/** Requests every page at `connections` at a time; latencies in ms. */
async function crawl(url, key, pages, connections = CONNECTIONS) {
  const queue = [...pages];
  const out = new Map();
  const latencies = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let p = queue.shift(); p; p = queue.shift()) {
        const t = performance.now();
        const r = await fetchPage(url, key, p);
        const ms = performance.now() - t;
        out.set(p.id, { ...r, ms });
        latencies.push(ms);
      }
    }),
  );
  const ms = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return { out, ms, p50: pct(latencies, 50), p99: pct(latencies, 99), perSecond: pages.length / (ms / 1000) };
}

/** The cache-less gateway's answers, several queries per request (its registry read again first). */
async function truth(gw, url, key, pages) {
  await gw.registry.refresh();
  // Its catalogue index (the uniqueness verdicts) gets no webhook either: reconciliation brings it up to date.
  await gw.reconcile.runOnce();
  const out = new Map();
  const queue = [];
  const queries = pages.filter((p) => !p.path);
  for (let i = 0; i < queries.length; i += 6) queue.push(queries.slice(i, i + 6));
  for (const p of pages.filter((x) => x.path)) out.set(p.id, (await fetchPage(url, key, p)).data);
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let batch = queue.shift(); batch; batch = queue.shift()) {
        const r = await gql(url, key, `{ ${batch.map((p, k) => `a${k}: ${p.field} ${p.selection}`).join('\n')} }`);
        batch.forEach((p, k) => out.set(p.id, JSON.stringify({ [p.field.split('(')[0]]: r.body.data[`a${k}`] })));
      }
    }),
  );
  return out;
}

async function main() {
  const started = performance.now();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'clinic-scale-'));
  const [gatewayPort, strapiPort] = await freePorts(2);
  const pg = process.env.PG_TEST_URL;
  const created = pg ? await createPgDatabase('clinic_scale') : undefined;
  if (created && 'skipped' in created) throw new Error(`PG_TEST_URL is set but ${created.skipped}`);
  const pgDb = created?.db;
  // Strapi and both gateways in this process (the test harness's in-process Strapi and gateway).
  const strapiHandle = await startStrapi({
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    port: strapiPort,
    dbFile: path.join(tmp, 'data.db'),
    env: pgDb ? { DATABASE_CLIENT: 'postgres', DATABASE_URL: pgDb.url } : undefined,
  });
  const strapi = strapiHandle.app;
  const strapiUrl = strapiHandle.url;
  console.log(`strapi up (${pg ? 'postgres' : 'sqlite'}); seeding ${JSON.stringify(SIZES)} × 2 locales…`);
  const cat = await seedCatalogue(strapi, { ...SIZES, citiesPerSite: Math.ceil(SIZES.cities / 2) });
  console.log(`seeded ${cat.operations} document operations in ${round(cat.seedMs / 1000)} s`);

  const { CatalogueIndexService } = await import('@clinic/api/catalogue');
  const { ReconcileService } = await import('@clinic/api/reconcile');
  const { StrapiHttpService } = await import('@clinic/api/strapi-http');
  const { ResponseCacheService } = await import('@clinic/api/response-cache');
  const { SiteRegistryService } = await import('@clinic/api/site-registry');
  const { UniquenessService } = await import('@clinic/api/uniqueness');
  const env = {
    SITE_KEYS: siteKeysOf(cat),
    RATE_LIMIT_ENABLED: 'false',
    UPSTREAM_TIMEOUT_MS: '20000',
    BREAKER_FAILURE_THRESHOLD: '100000',
    CACHE_L1_MAX_BYTES: String(512 * 1024 * 1024),
    CACHE_SOFT_TTL_SECONDS: '3600',
    CACHE_HARD_TTL_SECONDS: '7200',
    // The rebuild's width is the trade-off to try: a shorter window after a publish against more load on Strapi.
    ...(process.env.CACHE_REFRESH_AHEAD_CONCURRENCY ? { CACHE_REFRESH_AHEAD_CONCURRENCY: process.env.CACHE_REFRESH_AHEAD_CONCURRENCY } : {}),
  };
  const { gateway, url } = await startGateway({ strapiUrl, port: gatewayPort, env });
  // No periodic reconciliation on the truth: `truth()` runs its own pass, which must not find one under way.
  const { gateway: truthGw, url: truthUrl } = await startGateway({ strapiUrl, env: { ...env, CACHE_ENABLED: 'false', RECONCILE_INTERVAL_SECONDS: '0' } });
  const index = gateway.app.get(CatalogueIndexService);
  const reconcile = gateway.app.get(ReconcileService);
  const upstream = gateway.app.get(StrapiHttpService);
  const cache = gateway.app.get(ResponseCacheService);
  const truthRegistry = { registry: truthGw.app.get(SiteRegistryService), reconcile: truthGw.app.get(ReconcileService) };
  const uniqueness = gateway.app.get(UniquenessService);
  await index.ensureLoaded();

  // One site's pages: every landing page of its sitemap, its city pages and procedure pages, both locales.
  const site = cat.sites[0];
  const sitemapStarted = performance.now();
  const sm = await get(`${url}/sites/${site.slug}/sitemap.xml`);
  const sitemapBytes = sm.body.byteLength;
  const sitemapSurrogateKeyBytes = String(sm.headers['surrogate-key'] ?? '').length;
  const sitemapMs = performance.now() - sitemapStarted;
  const { body: smBody } = await gql(url, site.key, '{ sitemap { url } }');
  const landing = [];
  const other = [];
  for (const { url: u } of smBody.data.sitemap) {
    const parts = new URL(u).pathname.split('/').filter(Boolean);
    const locale = parts[0] === 'es' ? 'es' : 'en';
    if (locale === 'es') parts.shift();
    if (parts[0] === 'clinics') other.push({ id: `${locale} ${u}`, field: `clinic(slug: "${parts[1]}", locale: ${locale})`, selection: CLINIC });
    else if (parts[0] === 'procedures') other.push({ id: `${locale} ${u}`, field: `procedure(slug: "${parts[1]}", locale: ${locale})`, selection: PROCEDURE });
    else if (parts.length === 1) other.push({ id: `${locale} ${u}`, field: `location(slug: "${parts[0]}", locale: ${locale})`, selection: LOCATION });
    else landing.push({ id: `${locale} ${u}`, field: `landingPage(procedure: "${parts[1]}", location: "${parts[0]}", locale: ${locale})`, selection: LANDING });
  }
  // The home pages (the group's JSON-LD) and the group as the website reads it: not in the sitemap, pages all the same.
  for (const locale of ['en', 'es']) other.push({ id: `${locale} home`, field: `homePage(locale: ${locale})`, selection: HOME });
  other.push({ id: 'organization', field: 'site', selection: ORGANIZATION });
  // The site's two sitemap entries depend on every page they list: they are pages too.
  const sitemaps = [
    { id: 'sitemap.xml', path: `/sites/${site.slug}/sitemap.xml` },
    { id: 'sitemap query', field: 'sitemap', selection: '{ url }' },
  ];
  const pages = [...landing, ...other, ...sitemaps];
  console.log(`${site.slug}: ${landing.length} landing pages, ${other.length} city/procedure/clinic pages; sitemap ${sitemapBytes} bytes in ${round(sitemapMs)} ms`);

  const before = upstream.stats.requests;
  const cold = await crawl(url, site.key, landing);
  const upstreamPerPage = (upstream.stats.requests - before) / landing.length;
  await crawl(url, site.key, other);
  const warm = await crawl(url, site.key, pages);
  const hitRatio = [...warm.out.values()].filter((v) => v.cache === 'HIT').length / pages.length;
  console.log(`cold crawl ${round(cold.perSecond)} pages/s p50 ${round(cold.p50)} p99 ${round(cold.p99)} ms, ${round(upstreamPerPage, 2)} upstream/page; warm hit ratio ${hitRatio}`);
  let known = await truth(truthRegistry, truthUrl, site.key, pages);

  const runner = strapi.get('webhookRunner');
  /** Until the gateway applied a webhook for each document and Strapi has none left to send; returns when each was first applied. */
  const settle = async (ids, since) => {
    for (let i = 0; i < 3000; i++) {
      const first = ids.map((id) => index.log.find((e) => e.documentId === id && e.at >= since)?.at);
      if (first.every(Boolean) && runner.queue.running === 0 && runner.queue.queue.length === 0) return Math.max(...first);
      await new Promise((r) => setTimeout(r, 5));
    }
    throw new Error('webhook never applied');
  };
  const refreshAheadDrained = async () => {
    for (let i = 0; i < 6000 && cache.refreshPending; i++) await new Promise((r) => setTimeout(r, 5));
  };
  const rows = [];
  for (const { name, run } of catalogueChanges(strapi, cat, site)) {
    const purgedBefore = cache.counters.purgedEntries;
    const busyBefore = busy.answers;
    const computedBefore = cache.counters.computations;
    const since = Date.now();
    const ids = await run();
    const appliedAt = await settle(ids, since);
    // Visitors at once: every page of the site asked for right after the webhook was applied (8 at a time),
    // while refresh-ahead is still rebuilding; each answer must already be the new content.
    const drained = refreshAheadDrained().then(() => Date.now());
    const during = await crawl(url, site.key, pages);
    const refreshedAt = await drained;
    // Operations run upstream for this change, refresh-ahead and visitors together: one per purged page when
    // visitors joined (or promoted) the rebuild instead of running their own.
    const computed = cache.counters.computations - computedBefore;
    const seen = await crawl(url, site.key, pages);
    const now = await truth(truthRegistry, truthUrl, site.key, pages);
    // Entries purged: the response cache's count (only this site's pages were cached).
    const purged = cache.counters.purgedEntries - purgedBefore;
    const affected = new Set(pages.filter((p) => known.get(p.id) !== now.get(p.id)).map((p) => p.id));
    const stale = pages.filter((p) => affected.has(p.id) && seen.out.get(p.id).data !== now.get(p.id)).length;
    const asked = pages.filter((p) => affected.has(p.id)).map((p) => ({ id: p.id, ...during.out.get(p.id) }));
    const askedMs = asked.map((v) => v.ms).sort((x, y) => x - y);
    const old = asked.filter((v) => v.data !== now.get(v.id));
    rows.push({
      change: name,
      affected: affected.size,
      purged,
      precision: purged ? round(Math.min(1, affected.size / purged), 3) : 1,
      recall: affected.size ? round((affected.size - stale) / affected.size, 3) : 1,
      visibleMs: appliedAt - since,
      refreshAheadMs: refreshedAt - appliedAt,
      computed,
      // Of the affected pages, asked for once right after the webhook: how many waited for their rebuild.
      visitorMisses: asked.filter((v) => v.cache === 'MISS').length,
      visitorMaxMs: round(askedMs.at(-1) ?? 0),
      // Soft purges (a site's own fields) serve the old page while it rebuilds, by design: STALE.
      oldContentServed: old.length,
      oldContentStatuses: [...new Set(old.map((v) => v.cache))].join(' '),
      missesAfterRefresh: pages.filter((p) => seen.out.get(p.id).cache === 'MISS').length,
      // Visitors told 503 SITE_BUSY during this change (waited past the miss queue's bound), then served on retry.
      siteBusyAnswers: busy.answers - busyBefore,
      // The uniqueness scoring of the change's last catalogue diff: its time, and the texts shingled and pairs compared anew.
      uniquenessMs: uniqueness.timings.last?.ms,
      uniquenessShingled: uniqueness.timings.last?.shingled,
      uniquenessCompared: uniqueness.timings.last?.compared,
    });
    console.log(JSON.stringify(rows.at(-1)));
    known = now;
  }

  await reconcile.runOnce();
  await reconcile.runOnce();
  const idle = reconcile.last.upstreamRequests;
  const rss = process.memoryUsage().rss;
  const result = {
    when: new Date().toISOString(),
    database: pg ? 'postgres' : 'sqlite',
    machine: { cpus: os.cpus().length, node: process.version },
    sizes: { ...SIZES, locales: 2 },
    refreshAheadConcurrency: process.env.CACHE_REFRESH_AHEAD_CONCURRENCY ?? 'default',
    seed: { operations: cat.operations, seconds: round(cat.seedMs / 1000) },
    site: { slug: site.slug, landingPages: landing.length, otherPages: other.length },
    coldCrawl: { connections: CONNECTIONS, pagesPerSecond: round(cold.perSecond), p50Ms: round(cold.p50), p99Ms: round(cold.p99), upstreamPerPage: round(upstreamPerPage, 2) },
    siteBusyAnswers: busy.answers,
    warmCrawl: { hitRatio: round(hitRatio, 4), p50Ms: round(warm.p50, 2), p99Ms: round(warm.p99, 2) },
    changes: rows,
    publishToVisibleMs: (() => {
      const v = rows.map((r) => r.visibleMs).sort((x, y) => x - y);
      return { p50: pct(v, 50), p99: pct(v, 99), max: v.at(-1) };
    })(),
    reconciliation: {
      upstreamPerIdlePass: idle,
      upstreamPerMinuteAt30s: idle * 2,
      indexedRows: /** @type {const} */ (['procedure', 'location', 'clinic', 'site', 'landingPage', 'slugRedirect']).reduce((n, t) => n + index.count(t), 0),
    },
    // Issue 20: every landing page of every site scored against its siblings, once whole (the index's first read)
    // and then per change (the rows above); the last figures are a change's.
    uniqueness: { full: uniqueness.timings.first, lastChange: uniqueness.timings.last },
    sitemap: { ms: round(sitemapMs), bytes: sitemapBytes, urls: smBody.data.sitemap.length, surrogateKeyHeaderBytes: sitemapSurrogateKeyBytes },
    gateway: { rssBytes: rss, l1Bytes: cache.l1.bytes, l1Entries: cache.l1.size, note: 'RSS of the whole bench process (Strapi, two gateways)' },
    totalSeconds: round((performance.now() - started) / 1000),
  };
  mkdirSync(path.dirname(RESULTS), { recursive: true });
  writeFileSync(pg ? RESULTS.replace('.json', '-postgres.json') : RESULTS, JSON.stringify(result, null, 2) + '\n');
  console.table(rows);
  console.log(JSON.stringify({ ...result, changes: undefined }, null, 2));
  await truthGw.close();
  await gateway.close();
  await strapiHandle.stop();
  rmSync(tmp, { recursive: true, force: true });
  if (pgDb) await pgDb.drop();
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
