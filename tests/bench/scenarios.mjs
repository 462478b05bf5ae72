/**
 * What the bench measures: the autocannon runs with their response checks (`measure`), publish → visible,
 * the website's rows, made-up paths and fairness between sites. Each scenario takes the URLs of a stack
 * that boot.mjs started and returns its results for report.mjs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { DEV } from '../dist/support/dev-env.js';
import { counterSum, rawRequest } from '../dist/support/edge-http.js';
import { percentile } from '../dist/support/load.js';
import { freePort } from '../dist/support/ports.js';
import { benchTmpDir, bootBareServer, bootVarnish, bootWebsite, check, BenchError, log } from './boot.mjs';
import { fmt } from './report.mjs';

// ── Settings ───────────────────────────────────────────────────────────────────────────────────────
export const CONNECTIONS = 32;
export const DURATION_S = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
export const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
export const PUBLISH_ROUNDS = 20;
export const POLL_EVERY_MS = 5;
export const PUBLISH_TIMEOUT_MS = 10_000;

export const LANDING_QUERY = 'query Landing { landingPage(procedure:"kyphoplasty", location:"chicago") { path title h1 intro clinics { slug name } seo { title canonicalUrl jsonLd } } }';
export const CITY_QUERY = '{ location(slug:"chicago") { intro } }';
export const STRAPI_REST_PATH = '/api/procedures?filters[slug][$eq]=kyphoplasty&populate[steps]=true&populate[faqs]=true&populate[seo]=true';

/** The soak suite's load and settings (tests/integration/resilience-soak.test.ts), for publish-under-load. */
export const SOAK = {
  rounds: Number(process.env.BENCH_PUBLISH_ROUNDS ?? 100),
  pauseMs: 500,
  ratePerSec: 300,
  connections: 8,
  gatewayEnv: { CACHE_SOFT_TTL_SECONDS: '5', RECONCILE_INTERVAL_SECONDS: '10', RATE_LIMIT_ENABLED: 'false' },
  mix: [
    { query: CITY_QUERY },
    {
      query: 'query L($p: String!, $l: String!, $locale: Locale) { landingPage(procedure: $p, location: $l, locale: $locale) { title intro clinics { name } seo { title jsonLd } } }',
      variables: { p: 'kyphoplasty', l: 'chicago' },
    },
    {
      query: 'query L($p: String!, $l: String!, $locale: Locale) { landingPage(procedure: $p, location: $l, locale: $locale) { title intro clinics { name } seo { title jsonLd } } }',
      variables: { p: 'cifoplastia', l: 'chicago', locale: 'es' },
    },
    { query: '{ procedure(slug: "kyphoplasty") { slug title summary faqs { question } } }' },
    { query: '{ locations { slug city clinics { slug } } }' },
    { query: '{ sitemap { url lastModified } }' },
    { query: 'query L($p: String!, $l: String!) { landingPage(procedure: $p, location: $l) { title } }', variables: { p: 'kyphoplasty', l: 'evanston' }, northshore: true },
  ],
};

// ── Small helpers ──────────────────────────────────────────────────────────────────────────────────
/**
 * A response's JSON body, `{}` when it is not JSON. Any shape: the bench's checks say what they expect of it.
 * @param {Response} res
 * @returns {Promise<any>}
 */
const jsonOrEmpty = (res) => res.json().catch(() => ({}));

/** @param {number} ms */
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Where two bodies first differ, with context, for error messages. */
export function firstDiff(/** @type {Buffer} */ a, /** @type {Buffer} */ b) {
  const x = a.toString('utf8');
  const y = b.toString('utf8');
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return `lengths ${x.length}/${y.length}, first difference at ${i}:\n    …${x.slice(Math.max(0, i - 80), i + 120)}\n    …${y.slice(Math.max(0, i - 80), i + 120)}`;
}

export function readRssKb(/** @type {number} */ pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
const CLK_TCK = 100;
export function cpuSeconds(/** @type {number | undefined} */ pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK; // utime, stime (fields 14, 15)
  } catch {
    return NaN;
  }
}

/** Machine-wide busy CPU (all cores, in CPU-seconds) from /proc/stat: to spot other load on the box. */
export function machineBusySeconds() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = f;
    return (user + nice + system + irq + softirq + steal) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Requests the gateway answered (GraphQL, its fast path's hits included, and routes under /sites/), from its /metrics. */
export async function gatewayRequests(/** @type {string} */ gatewayUrl) {
  return (
    (await counterSum(`${gatewayUrl}/metrics`, 'gateway_graphql_requests_total')) +
    (await counterSum(`${gatewayUrl}/metrics`, 'gateway_http_requests_total', (labels) => labels.includes('route="/sites/')))
  );
}

/** varnishd -F is the manager; the cache (the process doing the work) is its child. */
export function varnishCacherPid(/** @type {number} */ managerPid) {
  try {
    return Number(readFileSync(`/proc/${managerPid}/task/${managerPid}/children`, 'utf8').trim().split(/\s+/)[0]) || managerPid;
  } catch {
    return managerPid;
  }
}

// ── Body checks ────────────────────────────────────────────────────────────────────────────────────

/** @param {Buffer} buf @param {string} where @returns {any} what the check below looks into */
function parseBody(buf, where) {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch {
    throw new BenchError(`${where}: body is not JSON: ${buf.toString('utf8').slice(0, 300)}`);
  }
}

export function checkLanding(/** @type {Buffer} */ buf, /** @type {string} */ where) {
  const json = parseBody(buf, where);
  const lp = json?.data?.landingPage;
  check(!json.errors, `${where}: GraphQL errors: ${JSON.stringify(json.errors)?.slice(0, 300)}`);
  check(lp && lp.path === '/chicago/kyphoplasty', `${where}: unexpected landingPage: ${JSON.stringify(json).slice(0, 300)}`);
  check(typeof lp.title === 'string' && lp.title && typeof lp.h1 === 'string' && lp.h1, `${where}: landingPage without title/h1`);
  check(Array.isArray(lp.clinics) && lp.clinics.length > 0 && lp.clinics.every((c) => c.slug && c.name), `${where}: landingPage without clinics`);
  check(lp.seo?.canonicalUrl && lp.seo?.jsonLd, `${where}: landingPage without seo`);
  JSON.parse(lp.seo.jsonLd); // throws on broken JSON-LD
  return json;
}

export function checkStrapiProcedure(/** @type {Buffer} */ buf, /** @type {string} */ where) {
  const json = parseBody(buf, where);
  const p = json?.data?.[0];
  check(json?.data?.length === 1 && p.slug === 'kyphoplasty', `${where}: unexpected body: ${JSON.stringify(json).slice(0, 300)}`);
  check(Array.isArray(p.steps) && p.steps.length > 0 && Array.isArray(p.faqs) && p.faqs.length > 0 && p.seo, `${where}: steps/faqs/seo not populated`);
  return json;
}

export function checkWebLanding(/** @type {Buffer} */ buf, /** @type {string} */ where) {
  const html = buf.toString('utf8');
  check(/<h1>Kyphoplasty in Chicago/.test(html), `${where}: no landing-page <h1>: ${html.slice(0, 300)}`);
  // The landing page is its own since the uniqueness guard: the procedure as a summary linking the article, and its clinics.
  check(html.includes('href="/procedures/kyphoplasty"') && html.includes('tel:+1'), `${where}: link to the article or clinics missing`);
  check(html.includes('<script type="application/ld+json">') && html.includes('<link rel="canonical"'), `${where}: JSON-LD or canonical missing`);
}

// ── Autocannon runs ────────────────────────────────────────────────────────────────────────────────

/** @param {import('autocannon').Options} opts @returns {Promise<import('autocannon').Result>} */
export function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, timeout: 10, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/**
 * One measured scenario: a pre-check of one response (status, x-cache, body), a short warm-up, then
 * the measured run, in which every response body is compared with the expected bytes.
 * @param {string} name
 * @param {object} o
 * @param {string} o.url
 * @param {string} [o.method]
 * @param {number} [o.connections] concurrent connections (CONNECTIONS unless a row measures latency at low load)
 * @param {Record<string, string>} [o.headers]
 * @param {string} [o.body]
 * @param {number} [o.expectStatus]
 * @param {string} [o.expectCache] the `x-cache` the pre-check must see
 * @param {(buf: Buffer, where: string) => unknown} o.validate throws (BenchError) on a wrong body
 * @param {() => () => Record<string, unknown>} [o.during] started with the measured run; what its stop returns joins the row
 * @param {number} o.serverPid
 * @param {number} [o.upstreamPid]
 */
export async function measure(name, { url, method = 'GET', headers = {}, body, expectStatus = 200, expectCache, validate, during, serverPid, upstreamPid, connections = CONNECTIONS }) {
  const pre = await rawRequest(url, { method, headers, body });
  check(pre.status === expectStatus, `${name}: pre-check got HTTP ${pre.status}: ${pre.body.toString().slice(0, 300)}`);
  if (expectCache) check(pre.headers['x-cache'] === expectCache, `${name}: pre-check x-cache is ${pre.headers['x-cache']}, expected ${expectCache}`);
  validate(pre.body, `${name} (pre-check)`);
  // Deterministic bodies are compared byte for byte on every measured response.
  const again = await rawRequest(url, { method, headers, body });
  const expectBody = again.body.equals(pre.body) ? pre.body.toString('utf8') : undefined;
  if (!expectBody) validate(again.body, `${name} (pre-check 2)`);

  // Deterministic bodies: every measured response is compared with the expected string (a plain string
  // comparison, cheap next to parsing); the first few wrong ones are kept for the report.
  const badBodies = [];
  const verifyBody = expectBody
    ? (b) => {
        if (b === expectBody) return true;
        if (badBodies.length < 3) badBodies.push(b.slice(0, 400));
        return false;
      }
    : undefined;
  const base = { url, method, headers, body, connections, ...(verifyBody ? { verifyBody } : {}) };
  log(`${name}: warm-up ${WARMUP_S} s`);
  const warm = await cannon({ ...base, duration: WARMUP_S });
  badBodies.length = 0;
  log(`${name}: measuring ${DURATION_S} s × ${connections} connections`);
  const stopDuring = during?.();
  const cpu0 = { server: cpuSeconds(serverPid), upstream: cpuSeconds(upstreamPid), machine: machineBusySeconds(), client: process.cpuUsage(), t: performance.now() };
  const r = await cannon({ ...base, duration: DURATION_S });
  const wallS = (performance.now() - cpu0.t) / 1000;
  const clientCpu = process.cpuUsage(cpu0.client);
  const cpuUsed = {
    serverCpuPct: (100 * (cpuSeconds(serverPid) - cpu0.server)) / wallS,
    clientCpuPct: (100 * (clientCpu.user + clientCpu.system)) / 1e6 / wallS,
    ...(upstreamPid ? { upstreamStrapiCpuPct: (100 * (cpuSeconds(upstreamPid) - cpu0.upstream)) / wallS } : {}),
    machineCpuPct: (100 * (machineBusySeconds() - cpu0.machine)) / wallS,
  };
  // CPU used on the box by anything but this run's client, server (and upstream): other load skews results.
  const cpu = { ...cpuUsed, foreignCpuPct: Math.max(0, cpuUsed.machineCpuPct - cpuUsed.serverCpuPct - cpuUsed.clientCpuPct - (cpuUsed.upstreamStrapiCpuPct ?? 0)) };
  const extra = stopDuring ? stopDuring() : undefined;
  // A post-check, too: the server must still answer correctly after the load.
  const post = await rawRequest(url, { method, headers, body });
  let postOk = post.status === expectStatus;
  try {
    validate(post.body, `${name} (post-check)`);
  } catch {
    postOk = false;
  }

  const measured = {
    name,
    url,
    method,
    connections,
    reqPerSec: r.requests.average,
    reqPerSecStddev: r.requests.stddev,
    totalRequests: r.requests.total,
    latencyMs: { avg: r.latency.average, p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, max: r.latency.max },
    throughputMBps: r.throughput.average / 1e6,
    responseBytes: pre.body.length,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    resets: r.resets,
    mismatches: r.mismatches,
    bodyCheckedEveryResponse: Boolean(expectBody),
    badBodySamples: badBodies.slice(),
    ...cpu,
    serverCpuMsPerRequest: ((cpu.serverCpuPct / 100) * wallS * 1000) / Math.max(1, r.requests.total),
    statusCodeStats: r.statusCodeStats,
    warmup: { totalRequests: warm.requests.total, non2xx: warm.non2xx, errors: warm.errors, mismatches: warm.mismatches },
    preCheck: { status: pre.status, xCache: pre.headers['x-cache'] ?? null },
    postCheckOk: postOk,
    durationS: r.duration,
    ...extra,
  };
  /**
   * The row; scenarios add what they count around it (renders, requests that reached the origin…).
   * @type {typeof measured & { valid: boolean } & Record<string, unknown>}
   */
  const result = {
    ...measured,
    valid: measured.non2xx === 0 && measured.errors === 0 && measured.timeouts === 0 && measured.mismatches === 0 && postOk && measured.totalRequests > 0,
  };
  log(
    `${name}: ${fmt(result.reqPerSec)} req/s, p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, wrong bodies ${result.mismatches}, server CPU ${fmt(cpu.serverCpuPct)} %, client CPU ${fmt(cpu.clientCpuPct)} %, other load ${fmt(cpu.foreignCpuPct)} %${result.valid ? '' : '  ← FAILURES'}`,
  );
  for (const b of result.badBodySamples) log(`  wrong body sample: ${b.replace(/\s+/g, ' ').slice(0, 300)}`);
  return result;
}

// ── Scenarios ──────────────────────────────────────────────────────────────────────────────────────

/**
 * Edit + publish the Chicago intro through Strapi's admin API; time until the gateway serves it.
 * @param {{ strapiUrl: string, gatewayUrl: string, siteHeaders: Record<string, string>, edgeUrl?: string, rounds?: number, pauseMs?: number }} o
 */
export async function publishToVisible({ strapiUrl, gatewayUrl, siteHeaders, edgeUrl, rounds: roundCount = PUBLISH_ROUNDS, pauseMs = 0 }) {
  const login = await fetch(`${strapiUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEV.admin),
  });
  const loginBody = await jsonOrEmpty(login);
  check(login.status === 200 && loginBody?.data?.token, `admin login failed: HTTP ${login.status} ${JSON.stringify(loginBody).slice(0, 200)}`);
  const admin = { authorization: `Bearer ${loginBody.data.token}`, 'content-type': 'application/json' };

  const find = await fetch(`${strapiUrl}/api/locations?filters[slug][$eq]=chicago&locale=en&fields[0]=intro`, {
    headers: { authorization: `Bearer ${DEV.strapiToken}` },
  });
  const found = /** @type {any} */ (await find.json());
  const documentId = found?.data?.[0]?.documentId;
  check(find.status === 200 && documentId, `could not find the Chicago location: ${JSON.stringify(found).slice(0, 200)}`);
  const doc = `${strapiUrl}/content-manager/collection-types/api::location.location/${documentId}`;

  const cityUrl = `${gatewayUrl}/graphql?${new URLSearchParams({ query: CITY_QUERY })}`;
  const cityIntro = async () => {
    const res = await fetch(cityUrl, { headers: siteHeaders });
    const json = /** @type {any} */ (await res.json());
    if (res.status !== 200 || json.errors) throw new BenchError(`gateway city query: HTTP ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
    return { intro: json.data?.location?.intro, cache: res.headers.get('x-cache') };
  };
  // The same query through Varnish at the site-addressed URL (when the gateway serves it).
  const edgeCityUrl = edgeUrl && `${edgeUrl}/sites/${DEV.sites.lakeshore}/graphql?${new URLSearchParams({ query: CITY_QUERY })}`;
  const edgeIntro = async () => {
    const res = await fetch(/** @type {string} */ (edgeCityUrl), { headers: siteHeaders });
    const json = await jsonOrEmpty(res);
    if (res.status !== 200 || json.errors) throw new BenchError(`edge city query: HTTP ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
    return { intro: json.data?.location?.intro, cache: res.headers.get('x-edge-cache') };
  };
  // Warm: the city page is cached before the first publish, as on a live site.
  const original = await cityIntro();
  check(typeof original.intro === 'string' && original.intro.length > 0, 'gateway city query: no intro');
  check((await cityIntro()).cache === 'HIT', 'gateway city query: not cached on the second request');

  const rounds = [];
  let previous = original.intro;
  for (let i = 1; i <= roundCount; i++) {
    if (pauseMs && i > 1) await sleep(pauseMs);
    const text = `Bench intro ${i} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}: our Chicago spine specialists see patients in the Loop and on the North Side.`;
    const put = await fetch(`${doc}?locale=en`, { method: 'PUT', headers: admin, body: JSON.stringify({ intro: text }) });
    const putBody = await jsonOrEmpty(put);
    check(put.status === 200 && putBody?.data?.intro === text, `draft update failed: HTTP ${put.status} ${JSON.stringify(putBody).slice(0, 300)}`);
    const beforePublish = await cityIntro();
    check(beforePublish.intro === previous, `round ${i}: the gateway shows the unpublished draft (or lost the previous intro)`);
    if (edgeCityUrl) {
      await edgeIntro(); // warm in Varnish, so that the round measures purge → refetch
      check((await edgeIntro()).intro === previous, `round ${i}: Varnish does not serve the previous intro`);
    }

    const t0 = performance.now();
    const publishing = fetch(`${doc}/actions/publish?locale=en`, { method: 'POST', headers: admin, body: '{}' }).then(async (res) => ({
      status: res.status,
      body: await jsonOrEmpty(res),
      ms: performance.now() - t0,
    }));
    let visibleMs;
    let polls = 0;
    let lastCache;
    while (performance.now() - t0 < PUBLISH_TIMEOUT_MS) {
      const seen = await cityIntro();
      polls += 1;
      lastCache = seen.cache;
      if (seen.intro === text) {
        visibleMs = performance.now() - t0;
        break;
      }
      await sleep(POLL_EVERY_MS);
    }
    // Varnish cannot be fresher than its origin: once the gateway shows the text, watch the edge.
    let edgeVisibleMs;
    while (edgeCityUrl && visibleMs !== undefined && performance.now() - t0 < PUBLISH_TIMEOUT_MS) {
      if ((await edgeIntro()).intro === text) {
        edgeVisibleMs = performance.now() - t0;
        break;
      }
      await sleep(POLL_EVERY_MS);
    }
    const pub = await publishing;
    check(pub.status === 200 && pub.body?.data?.publishedAt, `round ${i}: publish failed: HTTP ${pub.status} ${JSON.stringify(pub.body).slice(0, 300)}`);
    rounds.push({ round: i, visibleMs: visibleMs ?? null, edgeVisibleMs: edgeVisibleMs ?? null, publishResponseMs: pub.ms, polls, visibleWithXCache: visibleMs ? lastCache : null });
    if (visibleMs === undefined) process.stderr.write(`  round ${i}: new intro not visible within ${PUBLISH_TIMEOUT_MS} ms\n`);
    previous = visibleMs === undefined ? previous : text;
    if (visibleMs === undefined) break; // the gateway is serving stale content; further rounds would only repeat it
  }
  const ms = rounds.map((r) => (r.visibleMs === null ? Infinity : r.visibleMs)).sort((a, b) => a - b);
  const pubMs = rounds.map((r) => r.publishResponseMs).sort((a, b) => a - b);
  const failed = rounds.filter((r) => r.visibleMs === null).length;
  const edgeMs = rounds.map((r) => (r.edgeVisibleMs === null ? Infinity : r.edgeVisibleMs)).sort((a, b) => a - b);
  const edge = edgeCityUrl
    ? { p50Ms: percentile(edgeMs, 50), p99Ms: percentile(edgeMs, 99), maxMs: edgeMs[edgeMs.length - 1], failed: rounds.filter((r) => r.edgeVisibleMs === null).length }
    : undefined;
  return {
    edge,
    rounds: rounds.length,
    failed,
    valid: failed === 0 && rounds.length === roundCount,
    p50Ms: percentile(ms, 50),
    p99Ms: percentile(ms, 99),
    maxMs: ms[ms.length - 1],
    minMs: ms[0],
    publishResponseP50Ms: percentile(pubMs, 50),
    publishResponseMaxMs: pubMs[pubMs.length - 1],
    documentId,
    detail: rounds,
    note: 'timed from sending POST …/actions/publish (Strapi admin content-manager) until the caching gateway answers the new intro; the draft was saved beforehand with PUT',
  };
}

/**
 * Rows 5, 5b, 7 and 7b: the clinic website (web/: its front server, Next behind it) serving the Kyphoplasty ×
 * Chicago page from its page cache (no render: counted in /_web/metrics); a bare node:http server sending
 * the same page bytes and headers; Varnish serving that page (every request a hit, none reaching the website);
 * and the same Varnish serving a static object of the same size (the bare server's page, behind a second
 * varnishd with the same VCL), the fair bar for the Varnish row on a 2-core machine.
 */
export async function benchWebsite({ gatewayUrl, gatewayPid, port, webEdgeUrl, edgePid }) {
  const web = await bootWebsite({ port, gatewayUrl, site: DEV.sites.lakeshore, siteKey: DEV.siteKeys.lakeshore, serverKey: DEV.serverKeys.lakeshore });
  const webUrl = web.url;
  const metrics = web.metrics;
  const pageUrl = `${webUrl}/chicago/kyphoplasty`;
  await rawRequest(pageUrl);
  const hit = await rawRequest(pageUrl);
  check(hit.status === 200 && hit.headers['x-page-cache'] === 'HIT', `website: second request is x-page-cache ${hit.headers['x-page-cache']}, expected HIT`);
  checkWebLanding(hit.body, 'website (HIT)');
  const results = {};
  const before = await metrics();
  results.webLanding = await measure('5 website: cached page', { url: pageUrl, validate: checkWebLanding, serverPid: web.pid, upstreamPid: gatewayPid });
  results.webLanding.rendersDuringRun = (await metrics()).renders - before.renders;
  log(`website: ${results.webLanding.rendersDuringRun} renders during the run`);

  // The bare server replays the page response byte for byte (minus what node:http adds itself).
  const added = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);
  const specFile = path.join(benchTmpDir(), 'bare-page.json');
  writeFileSync(
    specFile,
    JSON.stringify({ status: hit.status, headers: hit.rawHeaders.filter(([k]) => !added.has(k.toLowerCase())), body: hit.body.toString('base64'), keepAliveTimeoutMs: 65_000 }),
  );
  const barePort = await freePort();
  const bare = await bootBareServer('bare node:http (page)', specFile, barePort);
  results.pageBytes = hit.body.length;
  results.barePage = await measure('5b bare node:http (same page bytes)', { url: `http://127.0.0.1:${barePort}/chicago/kyphoplasty`, validate: checkWebLanding, serverPid: bare.pid });

  // Varnish in front of the website: the page by host and path.
  const edgePageUrl = `${webEdgeUrl}/chicago/kyphoplasty`;
  const hostHeader = { host: '127.0.0.1' };
  await rawRequest(edgePageUrl, { headers: hostHeader });
  const edgeHit = await rawRequest(edgePageUrl, { headers: hostHeader });
  check(edgeHit.headers['x-edge-cache'] === 'HIT', `Varnish page: second request is x-edge-cache ${edgeHit.headers['x-edge-cache']}, expected HIT`);
  const seen = (m) => m.hits + m.misses + m.stale;
  const webBefore = seen(await metrics());
  results.edgePage = await measure('7 Varnish page hit (website door)', { url: edgePageUrl, headers: hostHeader, validate: checkWebLanding, serverPid: varnishCacherPid(edgePid) });
  results.edgePage.websiteRequestsDuringRun = seen(await metrics()) - webBefore;

  // The same VCL serving a static object of the same size: a second varnishd whose website is the bare server.
  const [staticPort, staticWebPort] = [await freePort(), await freePort()];
  const staticEdge = await bootVarnish({ port: staticPort, webPort: staticWebPort, originPort: barePort, websitePort: barePort });
  try {
    const staticUrl = `${staticEdge.webUrl}/chicago/kyphoplasty`;
    await rawRequest(staticUrl, { headers: hostHeader });
    const staticHit = await rawRequest(staticUrl, { headers: hostHeader });
    check(staticHit.headers['x-edge-cache'] === 'HIT' && staticHit.body.length === edgeHit.body.length, 'Varnish static object: not a hit of the page size');
    results.edgeStatic = await measure('7b Varnish static object (same size)', {
      url: staticUrl,
      headers: hostHeader,
      validate: checkWebLanding,
      serverPid: varnishCacherPid(/** @type {number} */ (staticEdge.pid)),
    });
  } finally {
    await staticEdge.stop();
  }
  return { results, url: webUrl, metrics };
}

/**
 * One address (127.0.0.1) asks the website for 1,000 distinct made-up paths within a minute (each a render,
 * then a cached 404), while another visitor (127.0.0.2) reads real pages that the website must render
 * (their pages are purged from the page cache before each read; the gateway's cache is warm). The website names each visitor to the
 * gateway, so A spends A's budget only; the website itself renders at most PAGE_RENDERS_PER_VISITOR_PER_MINUTE
 * for A (the rest: 429). Then A repeats the paths it was answered: they are kept, no render.
 */
export async function madeUpPaths({ webUrl, metrics, floodSeconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 60) }) {
  const realPages = ['/chicago/kyphoplasty', '/chicago', '/procedures/kyphoplasty'];
  // Drops B's pages only (A's cached 404s carry other facts): B's next read is a render.
  const purgeB = () =>
    rawRequest(`${webUrl}/`, { method: 'PURGE', headers: { 'xkey-purge': 'slug:location:chicago:en slug:procedure:kyphoplasty:en', authorization: `Bearer ${DEV.webPurgeSecret}` } });
  let otherNon200 = 0;
  let otherRenders = 0;
  // B reads at a patient's pace (one page every 600 ms, under B's own render budget): each read is a render.
  const timeB = async (n) => {
    const ms = [];
    for (let i = 0; i < n; i += 1) {
      const due = performance.now() + 600;
      await purgeB();
      const started = performance.now();
      const res = await rawRequest(`${webUrl}${realPages[i % realPages.length]}`, { localAddress: '127.0.0.2' });
      ms.push(performance.now() - started);
      if (res.status === 200) otherRenders += 1;
      else otherNon200 += 1;
      await sleep(Math.max(0, due - performance.now()));
    }
    return ms.sort((a, b) => a - b);
  };
  const idle = await timeB(15);
  const paths = Array.from({ length: 1000 }, (_, i) => `/made-up-${i}-${Date.now().toString(36)}`);
  const floodStatus = {};
  /** The made-up paths the website answered (404, kept); the others it refused (429: A's render budget). */
  const kept = [];
  const flood = async () => {
    const t0 = performance.now();
    for (let i = 0; i < paths.length; i += 1) {
      // Paced: 1,000 in floodSeconds, in bursts of 4 at a time.
      const due = t0 + (i / paths.length) * floodSeconds * 1000;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const res = await rawRequest(`${webUrl}${paths[i]}`).catch(() => ({ status: 'error' }));
      floodStatus[res.status] = (floodStatus[res.status] ?? 0) + 1;
      if (res.status === 404) kept.push(paths[i]);
    }
  };
  const r0 = (await metrics()).renders;
  const b0 = otherRenders;
  let floodDone = false;
  const floodRun = flood().finally(() => (floodDone = true));
  const loaded = [];
  while (!floodDone) loaded.push(...(await timeB(4)));
  await floodRun;
  // B's reads rendered too: A's renders are the rest.
  const rendersFirst = (await metrics()).renders - r0 - (otherRenders - b0);
  const r1 = (await metrics()).renders;
  for (const p of kept) await rawRequest(`${webUrl}${p}`);
  const rendersRepeat = (await metrics()).renders - r1;
  loaded.sort((a, b) => a - b);
  return {
    ...underLoad(idle, loaded),
    otherReads: idle.length + loaded.length,
    otherNon200,
    floodStatus,
    rendersFirst,
    rendersRepeat,
    repeated: kept.length,
    floodSeconds,
    valid: loaded.length > 0,
    note: 'A = 127.0.0.1 (1,000 distinct made-up paths, paced over floodSeconds); B = 127.0.0.2 (real pages, each rendered: the page cache is purged before each read)',
  };
}

/**
 * Publish → the rendered page: the Chicago intro published through Strapi's admin API, timed until the
 * website's /chicago page (rendered per request) shows it. WEB_PUBLISH_ROUNDS rounds, polled as fast as it renders.
 */
export async function publishToRenderedPage({ strapiUrl, webUrl, rounds = 10 }) {
  const login = await fetch(`${strapiUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEV.admin) });
  const token = (await jsonOrEmpty(login))?.data?.token;
  check(login.status === 200 && token, `admin login failed: HTTP ${login.status}`);
  const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const found = /** @type {any} */ (
    await (await fetch(`${strapiUrl}/api/locations?filters[slug][$eq]=chicago&locale=en&fields[0]=intro`, { headers: { authorization: `Bearer ${DEV.strapiToken}` } })).json()
  );
  const doc = `${strapiUrl}/content-manager/collection-types/api::location.location/${found?.data?.[0]?.documentId}`;
  const page = async () => (await rawRequest(`${webUrl}/chicago`, { headers: { host: '127.0.0.1' } })).body.toString('utf8');
  const times = [];
  let staleAfter = 0;
  for (let i = 1; i <= rounds; i++) {
    const text = `Rendered-page bench ${i} ${Date.now().toString(36)}: our Chicago spine team sees patients in the Loop and on the North Side.`;
    const put = await fetch(`${doc}?locale=en`, { method: 'PUT', headers: admin, body: JSON.stringify({ intro: text }) });
    check(put.status === 200, `draft update failed: HTTP ${put.status}`);
    check(!(await page()).includes(text), `round ${i}: the website shows the unpublished draft`);
    const t0 = performance.now();
    const publishing = fetch(`${doc}/actions/publish?locale=en`, { method: 'POST', headers: admin, body: '{}' });
    let ms;
    while (performance.now() - t0 < PUBLISH_TIMEOUT_MS) {
      if ((await page()).includes(text)) {
        ms = performance.now() - t0;
        break;
      }
      await sleep(POLL_EVERY_MS);
    }
    check((await publishing).status === 200, `round ${i}: publish failed`);
    times.push(ms ?? Infinity);
    if (ms === undefined) break;
    // Once visible, it stays visible: no older copy is served after the purge.
    for (let k = 0; k < 5; k++) if (!(await page()).includes(text)) staleAfter += 1;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    staleAfter,
    rounds: times.length,
    failed: times.filter((t) => t === Infinity).length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted[sorted.length - 1],
    valid: times.length === rounds && times.every((t) => t !== Infinity),
    note: 'timed from sending POST …/actions/publish until GET /chicago on the website (or through Varnish) contains the new intro; staleAfter counts old pages among 5 reads right after',
  };
}

/** Median latencies alone and under a flood, and how much the flood slowed them. @param {number[]} idle @param {number[]} loaded */
function underLoad(idle, loaded) {
  const idleP50Ms = percentile(idle, 50);
  const loadedP50Ms = percentile(loaded, 50);
  return { idleP50Ms, loadedP50Ms, ratio: loadedP50Ms / idleP50Ms };
}

/**
 * Fairness between sites on the default settings: site B's misses timed alone, then while site A sends
 * 1,000 distinct misses at 32 connections (each an upstream read). A pays with its own lane, budget and
 * queue (429 and 503 with Retry-After are A's answers, counted); B's misses should stay near idle.
 */
export async function fairness({ gatewayUrl }) {
  const probe = 'query Probe($s: String!) { procedure(slug: $s) { slug } }';
  const pathFor = (site, s) => `/sites/${site}/graphql?${new URLSearchParams({ query: probe, variables: JSON.stringify({ s }) })}`;
  const timeB = async (tag) => {
    const ms = [];
    for (let i = 0; i < 15; i += 1) {
      const started = performance.now();
      const res = await rawRequest(gatewayUrl + pathFor(DEV.sites.northshore, `${tag}-${i}-${Date.now()}`), { headers: { 'x-site-key': DEV.siteKeys.northshore } });
      check(res.status === 200 && res.headers['x-cache'] === 'MISS', `fairness: B's miss answered HTTP ${res.status}, x-cache ${res.headers['x-cache']}`);
      ms.push(performance.now() - started);
    }
    return ms.sort((a, b) => a - b);
  };
  const idle = await timeB('idle');
  let n = 0;
  let floodDone = false;
  const flood = new Promise((resolve, reject) =>
    autocannon(
      {
        url: gatewayUrl,
        connections: 32,
        amount: 1000,
        timeout: 30,
        headers: { 'x-site-key': DEV.siteKeys.lakeshore },
        requests: [{ setupRequest: (req) => ({ ...req, path: pathFor(DEV.sites.lakeshore, `flood-${n++}-${Date.now()}`) }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  ).finally(() => (floodDone = true));
  while (n < 100) await new Promise((r) => setTimeout(r, 5));
  const loaded = await timeB('loaded');
  const duringFlood = !floodDone;
  const a = await flood;
  return {
    ...underLoad(idle, loaded),
    measuredDuringFlood: duringFlood,
    floodRequests: a.requests.total,
    floodStatus: { '2xx': a['2xx'], non2xx: a.non2xx, errors: a.errors },
    valid: duringFlood,
  };
}

/** The redirect row: how many redirects the site holds while one of them is looked up. */
export const REDIRECT_ROWS = 10_000;
export const REDIRECT_QUERY = 'query R($path: String!) { redirect(path: $path) { to statusCode } }';
/** Row 8b: the lookup's latency at a load that does not queue on the shared 2-core machine (row 8 is at CONNECTIONS). */
export const REDIRECT_LATENCY_CONNECTIONS = 4;

/**
 * Row 8: a cached `redirect(path)` lookup (GET, the website's way) on a site holding REDIRECT_ROWS redirects,
 * imported in one CSV through the redirects plugin's admin route (as an editor would). The import's time is
 * reported too; the lookup must be a HIT with the expected target.
 * @param {{ strapiUrl: string, gatewayUrl: string, gatewayPid: number, siteHeaders: Record<string, string> }} o
 */
export async function redirectLookup({ strapiUrl, gatewayUrl, gatewayPid, siteHeaders }) {
  const login = await fetch(`${strapiUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEV.admin.email, password: DEV.admin.password }),
  });
  check(login.status === 200, `admin login: HTTP ${login.status}`);
  const token = /** @type {{ data: { token: string } }} */ (await login.json()).data.token;
  const lines = ['from,to,status'];
  for (let i = 0; i < REDIRECT_ROWS; i++) lines.push(`/bench/legacy-${i},${i % 2 ? '/chicago/kyphoplasty' : '/chicago'},301`);
  const form = new FormData();
  form.append('site', DEV.sites.lakeshore);
  form.append('replace', 'true');
  form.append('file', new Blob([lines.join('\n')], { type: 'text/csv' }), 'bench.csv');
  const started = performance.now();
  const res = await fetch(`${strapiUrl}/redirects/import`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const importMs = performance.now() - started;
  const body = /** @type {{ data: { imported: number, ms: number } }} */ (await res.json());
  check(res.status === 200 && body.data?.imported === REDIRECT_ROWS, `redirect import: HTTP ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  log(`redirects: imported ${REDIRECT_ROWS} rows in ${fmt(importMs)} ms (${body.data.ms} ms in Strapi)`);

  const path = `/bench/legacy-${REDIRECT_ROWS - 1}`;
  const url = `${gatewayUrl}/graphql?${new URLSearchParams({ query: REDIRECT_QUERY, variables: JSON.stringify({ path }) })}`;
  await rawRequest(url, { headers: siteHeaders }); // the miss that fills the cache
  const validate = (/** @type {Buffer} */ buf, /** @type {string} */ where) => {
    const r = JSON.parse(buf.toString('utf8'));
    check(r.data?.redirect?.to === '/chicago/kyphoplasty' && r.data.redirect.statusCode === 301, `${where}: wrong redirect answer ${buf.toString('utf8').slice(0, 200)}`);
  };
  const row = await measure(`8 gateway redirect hit GET (${fmt(REDIRECT_ROWS)} redirects)`, { url, headers: siteHeaders, expectCache: 'HIT', validate, serverPid: gatewayPid });
  const latency = await measure(`8b gateway redirect hit GET (${fmt(REDIRECT_ROWS)} redirects) @${REDIRECT_LATENCY_CONNECTIONS} conn`, {
    url,
    headers: siteHeaders,
    expectCache: 'HIT',
    validate,
    serverPid: gatewayPid,
    connections: REDIRECT_LATENCY_CONNECTIONS,
  });
  return { ...row, redirects: REDIRECT_ROWS, importMs, importStrapiMs: body.data.ms, latency };
}
