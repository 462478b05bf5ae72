#!/usr/bin/env node
/**
 * `npm run bench -w tests` (root `npm run bench` builds first). One run, loopback, bounded in time:
 * boots the seeded stack (Strapi on a temp SQLite file, a caching gateway, a gateway with its cache
 * off, a bare node:http server replaying the gateway's exact response, Varnish with the repository's VCL
 * in front of the caching gateway), warms each, then measures with autocannon and prints a table; the
 * JSON goes to tests/bench/results/latest.json.
 *
 * Every run checks a response (status, x-cache, body) before and after measuring, counts non-2xx,
 * errors and timeouts, and compares every measured response body with the expected bytes.
 *
 * `npm run bench -w tests -- publish-under-load` runs one scenario alone instead: publish → visible over
 * 100 publishes (BENCH_PUBLISH_ROUNDS) while the gateway carries the soak suite's load and settings
 * (300 req/s on 8 connections, soft TTL 5 s, a reconciliation pass every 10 s); targets p99 ≤ 500 ms,
 * max ≤ 1 s. It boots its own Strapi and gateway (about 3 minutes); JSON in results/publish-under-load.json.
 *
 * Exit code: 0 when the bench ran, missed targets included (it is a report). 1 when the bench broke:
 * boot failure, a wrong response before/after a run, the time bound, or any non-2xx / error / wrong
 * body in a run that must never fail (bare server, gateway hits) — such numbers would be a lie.
 * Failures of the slow paths under load (gateway with cache off, Strapi direct, a publish that never
 * shows) are results: they are reported, and a target computed from them cannot PASS.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startVarnish, varnishAvailable } from '../../scripts/varnish.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(BENCH_DIR, '../..');
const CMS_DIR = path.join(ROOT, 'cms');
const API_DIR = path.join(ROOT, 'api');
const WEB_DIR = path.join(ROOT, 'web');
const WEB_MANIFEST = path.join(WEB_DIR, 'src', 'gql', 'persisted-documents.json');
const RESULTS_FILE = path.join(BENCH_DIR, 'results', 'latest.json');
const PUBLISH_UNDER_LOAD_FILE = path.join(BENCH_DIR, 'results', 'publish-under-load.json');
const SCENARIO = process.argv[2];

// ── Settings ───────────────────────────────────────────────────────────────────────────────────────
const CONNECTIONS = 32;
const DURATION_S = Number(process.env.BENCH_DURATION_SECONDS ?? 10);
const WARMUP_S = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const PUBLISH_ROUNDS = 20;
const POLL_EVERY_MS = 5;
const PUBLISH_TIMEOUT_MS = 10_000;
const WATCHDOG_MS = 9 * 60_000; // the whole bench (normally ~5 min with the page rows and the one-minute flood), or publish-under-load (~3 min)
const BOOT_TIMEOUT_MS = 120_000;

const DEV = {
  siteKey: 'dev-lakeshore-key',
  site: 'lakeshore-spine',
  otherSite: 'northshore-spine-partners',
  otherSiteKey: 'dev-northshore-key',
  strapiToken: 'dev-gateway-read-token-0123456789abcdef0123456789abcdef',
  admin: { email: 'admin@clinic.test', password: 'Admin-password-1' },
  siteServerKey: 'dev-lakeshore-server-key',
  webPurgeSecret: 'dev-web-purge-secret',
};
const L1_MAX_BYTES_DEFAULT = 64 * 1024 * 1024;

const LANDING_QUERY =
  'query Landing { landingPage(procedure:"kyphoplasty", location:"chicago") { path title h1 intro clinics { slug name } seo { title canonicalUrl jsonLd } } }';
const CITY_QUERY = '{ location(slug:"chicago") { intro } }';
const STRAPI_REST_PATH =
  '/api/procedures?filters[slug][$eq]=kyphoplasty&populate[steps]=true&populate[faqs]=true&populate[seo]=true';

const TARGETS = {
  gatewayOverBare: 0.7, // 2/1 ≥ (floor 0.5)
  gatewayOverStrapi: 50, // 2/4 ≥
  hitP99Ms: 10, // ≤, at 32 connections
  publishP99Ms: 1000, // ≤
  pageOverBare: 0.3, // 5/5b ≥: the website's cached page ÷ bare node sending the same bytes
  varnishPageOverStatic: 0.9, // 7/7b ≥: Varnish serving the page ÷ the same Varnish serving a static object of its size
  madeUpRatio: 2, // ≤: another visitor's real page p50 under one address's 1,000 made-up paths a minute ÷ idle
  gatewayRssMb: 250, // ≤
  fairnessRatio: 2, // ≤: site B's miss p50 under site A's flood ÷ idle
  publishUnderLoadP99Ms: 500, // ≤, publish-under-load
  publishUnderLoadMaxMs: 1000, // ≤, publish-under-load
};

/** The soak suite's load and settings (tests/integration/resilience-soak.test.ts), for publish-under-load. */
const SOAK = {
  rounds: Number(process.env.BENCH_PUBLISH_ROUNDS ?? 100),
  pauseMs: 500,
  ratePerSec: 300,
  connections: 8,
  gatewayEnv: { CACHE_SOFT_TTL_SECONDS: '5', RECONCILE_INTERVAL_SECONDS: '10', RATE_LIMIT_ENABLED: 'false' },
  mix: [
    { query: CITY_QUERY },
    { query: 'query L($p: String!, $l: String!, $locale: Locale) { landingPage(procedure: $p, location: $l, locale: $locale) { title intro clinics { name } seo { title jsonLd } } }', variables: { p: 'kyphoplasty', l: 'chicago' } },
    { query: 'query L($p: String!, $l: String!, $locale: Locale) { landingPage(procedure: $p, location: $l, locale: $locale) { title intro clinics { name } seo { title jsonLd } } }', variables: { p: 'kyphoplasty', l: 'chicago', locale: 'es' } },
    { query: '{ procedure(slug: "kyphoplasty") { slug title summary faqs { question } } }' },
    { query: '{ locations { slug city clinics { slug } } }' },
    { query: '{ sitemap { url lastModified } }' },
    { query: 'query L($p: String!, $l: String!) { landingPage(procedure: $p, location: $l) { title } }', variables: { p: 'kyphoplasty', l: 'evanston' }, northshore: true },
  ],
};

// ── Process management ─────────────────────────────────────────────────────────────────────────────
const children = [];
let tmpDir;
/** Varnish in front of the caching gateway (scripts/varnish.mjs), stopped by cleanup. */
let edge;
let cleaning;

function log(msg) {
  process.stdout.write(`» ${msg}\n`);
}

/** Starts a child, keeping the tail of its output for error reports. */
function startChild(name, args, { cwd, env }) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.benchName = name;
  child.tail = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split('\n')) {
      if (!line.trim()) continue;
      child.tail.push(line.length > 400 ? `${line.slice(0, 400)}…` : line);
      if (child.tail.length > 12) child.tail.shift();
    }
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  child.on('exit', (code, signal) => {
    if (!cleaning) process.stderr.write(`\n✖ ${name} exited unexpectedly (${signal ?? code}). Last output:\n${child.tail.join('\n')}\n`);
  });
  children.push(child);
  return child;
}

function cleanup() {
  if (cleaning) return cleaning;
  cleaning = (async () => {
    await edge?.stop().catch(() => undefined);
    await Promise.all(
      children.map(async (c) => {
        if (c.exitCode !== null || c.signalCode !== null) return;
        c.kill('SIGTERM');
        const t = setTimeout(() => c.kill('SIGKILL'), 5000);
        await c.exited;
        clearTimeout(t);
      }),
    );
    if (tmpDir) rmSync(tmpDir, { recursive: true, force: true });
  })();
  return cleaning;
}

async function abort(code, message) {
  if (message) process.stderr.write(`\n✖ ${message}\n`);
  await cleanup();
  process.exit(code);
}

process.on('SIGINT', () => abort(130, 'interrupted'));
process.on('SIGTERM', () => abort(143, 'terminated'));
process.on('unhandledRejection', (e) => abort(1, `bench broke: ${e?.stack ?? e}`));
process.on('uncaughtException', (e) => abort(1, `bench broke: ${e?.stack ?? e}`));
setTimeout(() => abort(1, `bench exceeded its ${WATCHDOG_MS / 1000} s time bound`), WATCHDOG_MS).unref();

class BenchError extends Error {}
function check(cond, message) {
  if (!cond) throw new BenchError(message);
}

// ── Small helpers ──────────────────────────────────────────────────────────────────────────────────
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHttp(url, okStatus, child, timeoutMs = BOOT_TIMEOUT_MS) {
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new BenchError(`${child.benchName} died while booting`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === okStatus) return Date.now() - started;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - started > timeoutMs) throw new BenchError(`${url} did not answer ${okStatus} within ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}

/** A raw HTTP exchange (node:http, so raw header names, order and body bytes are kept). */
function rawRequest(url, { method = 'GET', headers = {}, body, localAddress } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers, agent: false, localAddress }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const raw = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) raw.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        resolve({ status: res.statusCode, headers: res.headers, rawHeaders: raw, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Where two bodies first differ, with context, for error messages. */
function firstDiff(a, b) {
  const x = a.toString('utf8');
  const y = b.toString('utf8');
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return `lengths ${x.length}/${y.length}, first difference at ${i}:\n    …${x.slice(Math.max(0, i - 80), i + 120)}\n    …${y.slice(Math.max(0, i - 80), i + 120)}`;
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }) : String(n));

function readRssKb(pid) {
  try {
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
const CLK_TCK = 100;
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / CLK_TCK; // utime, stime (fields 14, 15)
  } catch {
    return NaN;
  }
}

/** Machine-wide busy CPU (all cores, in CPU-seconds) from /proc/stat: to spot other load on the box. */
function machineBusySeconds() {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, _idle, _iowait, irq, softirq, steal] = f;
    return (user + nice + system + irq + softirq + steal) / CLK_TCK;
  } catch {
    return NaN;
  }
}

/** Requests the gateway answered (GraphQL, its fast path's hits included, and routes under /sites/), from its /metrics. */
async function gatewayRequests(gatewayUrl) {
  const text = await (await fetch(`${gatewayUrl}/metrics`)).text();
  let sum = 0;
  for (const m of text.matchAll(/^gateway_(graphql|http)_requests_total\{([^}]*)\} (\S+)$/gm)) {
    if (m[1] === 'graphql' || m[2].includes('route="/sites/')) sum += Number(m[3]);
  }
  return sum;
}

/** varnishd -F is the manager; the cache (the process doing the work) is its child. */
function varnishCacherPid(managerPid) {
  try {
    return Number(readFileSync(`/proc/${managerPid}/task/${managerPid}/children`, 'utf8').trim().split(/\s+/)[0]) || managerPid;
  } catch {
    return managerPid;
  }
}

// ── Body checks ────────────────────────────────────────────────────────────────────────────────────
function checkLanding(buf, where) {
  let json;
  try {
    json = JSON.parse(buf.toString('utf8'));
  } catch {
    throw new BenchError(`${where}: body is not JSON: ${buf.toString('utf8').slice(0, 300)}`);
  }
  const lp = json?.data?.landingPage;
  check(!json.errors, `${where}: GraphQL errors: ${JSON.stringify(json.errors)?.slice(0, 300)}`);
  check(lp && lp.path === '/chicago/kyphoplasty', `${where}: unexpected landingPage: ${JSON.stringify(json).slice(0, 300)}`);
  check(typeof lp.title === 'string' && lp.title && typeof lp.h1 === 'string' && lp.h1, `${where}: landingPage without title/h1`);
  check(Array.isArray(lp.clinics) && lp.clinics.length > 0 && lp.clinics.every((c) => c.slug && c.name), `${where}: landingPage without clinics`);
  check(lp.seo?.canonicalUrl && lp.seo?.jsonLd, `${where}: landingPage without seo`);
  JSON.parse(lp.seo.jsonLd); // throws on broken JSON-LD
  return json;
}

function checkStrapiProcedure(buf, where) {
  let json;
  try {
    json = JSON.parse(buf.toString('utf8'));
  } catch {
    throw new BenchError(`${where}: body is not JSON: ${buf.toString('utf8').slice(0, 300)}`);
  }
  const p = json?.data?.[0];
  check(json?.data?.length === 1 && p.slug === 'kyphoplasty', `${where}: unexpected body: ${JSON.stringify(json).slice(0, 300)}`);
  check(Array.isArray(p.steps) && p.steps.length > 0 && Array.isArray(p.faqs) && p.faqs.length > 0 && p.seo, `${where}: steps/faqs/seo not populated`);
  return json;
}

// ── Autocannon runs ────────────────────────────────────────────────────────────────────────────────
function cannon(opts) {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, pipelining: 1, timeout: 10, ...opts }, (err, res) => (err ? reject(err) : resolve(res)));
  });
}

/**
 * One measured scenario: a pre-check of one response (status, x-cache, body), a short warm-up, then
 * the measured run, in which every response body is compared with the expected bytes.
 */
async function measure(name, { url, method = 'GET', headers = {}, body, expectStatus = 200, expectCache, validate, during, serverPid, upstreamPid }) {
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
  const base = { url, method, headers, body, ...(verifyBody ? { verifyBody } : {}) };
  log(`${name}: warm-up ${WARMUP_S} s`);
  const warm = await cannon({ ...base, duration: WARMUP_S });
  badBodies.length = 0;
  log(`${name}: measuring ${DURATION_S} s × ${CONNECTIONS} connections`);
  const stopDuring = during?.();
  const cpu0 = { server: cpuSeconds(serverPid), upstream: cpuSeconds(upstreamPid), machine: machineBusySeconds(), client: process.cpuUsage(), t: performance.now() };
  const r = await cannon({ ...base, duration: DURATION_S });
  const wallS = (performance.now() - cpu0.t) / 1000;
  const clientCpu = process.cpuUsage(cpu0.client);
  const cpu = {
    serverCpuPct: (100 * (cpuSeconds(serverPid) - cpu0.server)) / wallS,
    clientCpuPct: (100 * (clientCpu.user + clientCpu.system)) / 1e6 / wallS,
    ...(upstreamPid ? { upstreamStrapiCpuPct: (100 * (cpuSeconds(upstreamPid) - cpu0.upstream)) / wallS } : {}),
    machineCpuPct: (100 * (machineBusySeconds() - cpu0.machine)) / wallS,
  };
  // CPU used on the box by anything but this run's client, server (and upstream): other load skews results.
  cpu.foreignCpuPct = Math.max(0, cpu.machineCpuPct - cpu.serverCpuPct - cpu.clientCpuPct - (cpu.upstreamStrapiCpuPct ?? 0));
  const extra = stopDuring ? stopDuring() : undefined;
  // A post-check, too: the server must still answer correctly after the load.
  const post = await rawRequest(url, { method, headers, body });
  let postOk = post.status === expectStatus;
  try {
    validate(post.body, `${name} (post-check)`);
  } catch {
    postOk = false;
  }

  const result = {
    name,
    url,
    method,
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
    serverCpuMsPerRequest: (cpu.serverCpuPct / 100) * wallS * 1000 / Math.max(1, r.requests.total),
    statusCodeStats: r.statusCodeStats,
    warmup: { totalRequests: warm.requests.total, non2xx: warm.non2xx, errors: warm.errors, mismatches: warm.mismatches },
    preCheck: { status: pre.status, xCache: pre.headers['x-cache'] ?? null },
    postCheckOk: postOk,
    durationS: r.duration,
    ...extra,
  };
  result.valid = result.non2xx === 0 && result.errors === 0 && result.timeouts === 0 && result.mismatches === 0 && postOk && result.totalRequests > 0;
  log(
    `${name}: ${fmt(result.reqPerSec)} req/s, p99 ${result.latencyMs.p99} ms, non-2xx ${result.non2xx}, errors ${result.errors}, wrong bodies ${result.mismatches}, server CPU ${fmt(cpu.serverCpuPct)} %, client CPU ${fmt(cpu.clientCpuPct)} %, other load ${fmt(cpu.foreignCpuPct)} %${result.valid ? '' : '  ← FAILURES'}`,
  );
  for (const b of result.badBodySamples) log(`  wrong body sample: ${b.replace(/\s+/g, ' ').slice(0, 300)}`);
  return result;
}

// ── Main ───────────────────────────────────────────────────────────────────────────────────────────
/** Strapi on a temp SQLite file (in tmpDir), seeded, its webhook pointing at `gatewayUrl`. */
async function bootStrapi(strapiPort, gatewayUrl) {
  const strapiUrl = `http://127.0.0.1:${strapiPort}`;
  log(`booting Strapi on ${strapiUrl} (temp SQLite in ${tmpDir})`);
  const strapi = startChild('strapi', [path.join(BENCH_DIR, 'boot-strapi.cjs')], {
    cwd: CMS_DIR,
    env: {
      HOST: '127.0.0.1',
      PORT: String(strapiPort),
      DATABASE_CLIENT: 'sqlite',
      DATABASE_FILENAME: path.join(tmpDir, 'data.db'),
      GATEWAY_URL: gatewayUrl,
      GATEWAY_PUBLIC_URL: gatewayUrl,
      CMS_ADMIN_EMAIL: DEV.admin.email,
      CMS_ADMIN_PASSWORD: DEV.admin.password,
      NODE_ENV: 'development',
      STRAPI_TELEMETRY_DISABLED: 'true',
      BROWSER: 'false',
      BENCH_STRAPI_LOG_LEVEL: 'warn',
    },
  });
  const strapiBootMs = await waitHttp(`${strapiUrl}/_health`, 204, strapi);
  log(`Strapi up in ${(strapiBootMs / 1000).toFixed(1)} s`);
  return { strapi, strapiBootMs };
}

/**
 * Publish → visible under the soak suite's load: a gateway with the soak's settings carries its request mix
 * at a fixed rate (autocannon) while an editor publishes the Chicago intro SOAK.rounds times (draft saved
 * first, then timed from the Publish request until the gateway answers the new intro). The gateway's own
 * "Slow catalogue change" warnings are collected, so that an outlier names where its time went.
 */
async function publishUnderLoad() {
  const started = Date.now();
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-'));
  const [strapiPort, gatewayPort] = await Promise.all([freePort(), freePort()]);
  const strapiUrl = `http://127.0.0.1:${strapiPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  await bootStrapi(strapiPort, gatewayUrl);
  const gateway = startChild('gateway (soak settings)', [path.join(API_DIR, 'dist', 'main.js')], {
    cwd: API_DIR,
    env: { NODE_ENV: 'development', PORT: String(gatewayPort), HOST: '127.0.0.1', STRAPI_URL: strapiUrl, LOG_LEVEL: 'warn', ...SOAK.gatewayEnv },
  });
  const slowChanges = [];
  gateway.stdout.on('data', (chunk) => {
    for (const line of String(chunk).split('\n')) if (line.includes('Slow catalogue change')) slowChanges.push(line.slice(0, 400));
  });
  await waitHttp(`${gatewayUrl}/health/live`, 200, gateway);
  const siteHeaders = { 'x-site-key': DEV.siteKey };
  const requests = SOAK.mix.map((r) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', 'x-site-key': r.northshore ? DEV.otherSiteKey : DEV.siteKey },
    body: JSON.stringify({ query: r.query, variables: r.variables }),
  }));
  for (const r of requests) {
    const res = await rawRequest(gatewayUrl + r.path, r);
    check(res.status === 200 && !JSON.parse(res.body.toString()).errors, `soak mix: HTTP ${res.status} ${res.body.toString().slice(0, 300)}`);
  }
  log(`load: the soak's mix at ${SOAK.ratePerSec} req/s on ${SOAK.connections} connections; ${SOAK.rounds} publishes`);
  let load;
  const loaded = new Promise((resolve, reject) => {
    load = autocannon({ url: gatewayUrl, connections: SOAK.connections, overallRate: SOAK.ratePerSec, duration: 3600, timeout: 10, requests }, (err, res) => (err ? reject(err) : resolve(res)));
  });
  const cpuBefore = machineBusySeconds();
  const pub = await publishToVisible({ strapiUrl, gatewayUrl, siteHeaders, rounds: SOAK.rounds, pauseMs: SOAK.pauseMs });
  load.stop();
  const l = await loaded;
  const wallS = (Date.now() - started) / 1000;
  const targets = [
    { name: 'publish → visible p99 under load', target: `≤ ${TARGETS.publishUnderLoadP99Ms} ms`, shown: `${fmt(pub.p99Ms, 1)} ms`, result: pub.valid && pub.p99Ms <= TARGETS.publishUnderLoadP99Ms ? 'PASS' : 'MISS' },
    { name: 'publish → visible max under load', target: `≤ ${TARGETS.publishUnderLoadMaxMs} ms`, shown: `${fmt(pub.maxMs, 1)} ms`, result: pub.valid && pub.maxMs <= TARGETS.publishUnderLoadMaxMs ? 'PASS' : 'MISS' },
  ];
  table(
    ['scenario', 'publishes', 'p50 ms', 'p99 ms', 'max ms', 'publish request p50 ms', 'load req/s', 'non-2xx', 'errors'],
    [['7 publish → visible under the soak load', `${pub.rounds} (${pub.failed} not visible)`, fmt(pub.p50Ms, 1), fmt(pub.p99Ms, 1), fmt(pub.maxMs, 1), fmt(pub.publishResponseP50Ms, 1), fmt(l.requests.average), String(l.non2xx), String(l.errors)]],
    'Publish under load',
  );
  table(['target', 'wanted', 'measured', 'result'], targets.map((t) => [t.name, t.target, t.shown, t.result]), 'Targets');
  const slowest = [...pub.detail].sort((a, b) => (b.visibleMs ?? Infinity) - (a.visibleMs ?? Infinity)).slice(0, 5);
  console.log(`Slowest rounds: ${slowest.map((r) => `#${r.round} ${fmt(r.visibleMs, 0)} ms (publish request ${fmt(r.publishResponseMs, 0)} ms)`).join(', ')}`);
  console.log(slowChanges.length ? `Gateway's slow catalogue changes:\n  ${slowChanges.join('\n  ')}` : "Gateway's slow catalogue changes: none (no change took over 500 ms)");
  const loadAvg = os.loadavg();
  console.log(`Machine: load average ${loadAvg.map((x) => x.toFixed(1)).join(' / ')} on ${os.cpus().length} cores (the load generator, Strapi and the gateway share them).`);
  mkdirSync(path.dirname(PUBLISH_UNDER_LOAD_FILE), { recursive: true });
  writeFileSync(
    PUBLISH_UNDER_LOAD_FILE,
    JSON.stringify({ finishedAt: new Date().toISOString(), benchSeconds: wallS, git: gitState(), loadAverage: loadAvg, machineBusySeconds: machineBusySeconds() - cpuBefore, settings: SOAK, publish: pub, load: { reqPerSec: l.requests.average, non2xx: l.non2xx, errors: l.errors, latencyMs: l.latency }, slowChanges, targets }, null, 2) + '\n',
  );
  log(`JSON written to ${path.relative(ROOT, PUBLISH_UNDER_LOAD_FILE)} (took ${fmt(wallS, 0)} s)`);
  return pub.valid && l.errors === 0 ? 0 : 1;
}

async function main() {
  const benchStarted = Date.now();
  tmpDir = mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-'));
  const [strapiPort, gatewayPort, nocachePort, barePort, edgePort, webPort, webEdgePort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const strapiUrl = `http://127.0.0.1:${strapiPort}`;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  const nocacheUrl = `http://127.0.0.1:${nocachePort}`;
  const bareUrl = `http://127.0.0.1:${barePort}`;

  // Strapi first: its webhook (provisioned at boot) targets the caching gateway's port.
  const { strapi, strapiBootMs } = await bootStrapi(strapiPort, gatewayUrl);

  const gatewayEnv = (port) => ({
    NODE_ENV: 'development',
    PORT: String(port),
    HOST: '127.0.0.1',
    STRAPI_URL: strapiUrl,
    LOG_LEVEL: 'warn',
    RECONCILE_INTERVAL_SECONDS: '0',
    // Budgets at their defaults: hits are free, so a site's own load of hits must never meet a 429.
    // The website's trusted documents (row 5 sends only their hashes); query text is still served outside production.
    TRUSTED_DOCUMENTS: `${DEV.site}=${WEB_MANIFEST}`,
  });
  // The caching gateway purges Varnish on every publish, as in production.
  const gateway = startChild('gateway', [path.join(API_DIR, 'dist', 'main.js')], {
    cwd: API_DIR,
    // …and the website's page cache before it (WEB_PURGE_URLS).
    env: { ...gatewayEnv(gatewayPort), CDN_PROVIDER: 'varnish', CDN_PURGE_URLS: `http://127.0.0.1:${edgePort}/`, WEB_PURGE_URLS: `http://127.0.0.1:${webPort}/` },
  });
  const nocache = startChild('gateway (cache off)', [path.join(API_DIR, 'dist', 'main.js')], {
    cwd: API_DIR,
    // Every request of this run is upstream work from one client: the budgets would (rightly) stop it.
    // Its upstream lane is opened wide too: this row measures the miss path's throughput, not the lane.
    env: { ...gatewayEnv(nocachePort), CACHE_ENABLED: 'false', RATE_LIMIT_ENABLED: 'false', SITE_MAX_CONCURRENT_MISSES: '64', MISS_QUEUE_TIMEOUT_MS: '30000' },
  });
  await Promise.all([waitHttp(`${gatewayUrl}/health/live`, 200, gateway), waitHttp(`${nocacheUrl}/health/live`, 200, nocache)]);
  log(`gateways up (cache on ${gatewayUrl}, cache off ${nocacheUrl})`);
  check(varnishAvailable(), 'varnishd with vmod xkey is required for the edge row: apt-get install varnish varnish-modules');
  edge = await startVarnish({
    listen: [`127.0.0.1:${edgePort}`],
    webListen: `127.0.0.1:${webEdgePort}`,
    backend: { host: '127.0.0.1', port: gatewayPort },
    web: { host: '127.0.0.1', port: webPort },
    purgers: ['127.0.0.1'],
  });
  log(`Varnish up on ${edge.url} in front of the caching gateway and on ${edge.webUrl} in front of the website (deploy/varnish/default.vcl)`);
  const l1MaxBytes = Number(process.env.CACHE_L1_MAX_BYTES ?? L1_MAX_BYTES_DEFAULT);

  // ── Reference response: the gateway's landing-page answer (MISS, then HIT) ──
  const siteHeaders = { 'x-site-key': DEV.siteKey };
  // The URL a clinic site calls (README): the site in the path, cacheable by a CDN.
  const getPath = `/sites/${DEV.site}/graphql?${new URLSearchParams({ query: LANDING_QUERY })}`;
  const postBody = JSON.stringify({ query: LANDING_QUERY });
  const postHeaders = { ...siteHeaders, 'content-type': 'application/json' };

  const first = await rawRequest(gatewayUrl + getPath, { headers: siteHeaders });
  check(first.status === 200, `gateway landing GET: HTTP ${first.status}: ${first.body.toString().slice(0, 300)}`);
  checkLanding(first.body, 'gateway landing GET (first)');
  const hit = await rawRequest(gatewayUrl + getPath, { headers: siteHeaders });
  check(hit.headers['x-cache'] === 'HIT', `gateway landing GET: second request is x-cache ${hit.headers['x-cache']}, expected HIT`);
  check(hit.body.equals(first.body), `gateway landing GET: HIT body differs from the MISS body: ${firstDiff(first.body, hit.body)}`);
  const postHit = await rawRequest(gatewayUrl + '/graphql', { method: 'POST', headers: postHeaders, body: postBody });
  check(postHit.status === 200 && postHit.headers['x-cache'] === 'HIT', `gateway landing POST: HTTP ${postHit.status}, x-cache ${postHit.headers['x-cache']}`);
  check(postHit.body.equals(hit.body), `gateway landing POST: body differs from the GET body: ${firstDiff(hit.body, postHit.body)}`);
  const nc = await rawRequest(nocacheUrl + getPath, { headers: siteHeaders });
  check(nc.status === 200, `gateway (cache off) landing GET: HTTP ${nc.status}: ${nc.body.toString().slice(0, 300)}`);
  checkLanding(nc.body, 'gateway (cache off) landing GET');
  const canon = (buf) => JSON.stringify(JSON.parse(buf.toString('utf8')));
  check(canon(nc.body) === canon(hit.body), `gateway (cache off) landing GET: JSON differs from the cached body: ${firstDiff(hit.body, nc.body)}`);

  // ── The bare node:http server replaying the HIT response byte for byte ──
  const added = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']); // node:http adds these itself
  const keepAlive = /timeout=(\d+)/.exec(hit.headers['keep-alive'] ?? '');
  const spec = {
    status: hit.status,
    headers: hit.rawHeaders.filter(([k]) => !added.has(k.toLowerCase())),
    body: hit.body.toString('base64'),
    keepAliveTimeoutMs: keepAlive ? Number(keepAlive[1]) * 1000 : undefined,
  };
  const specFile = path.join(tmpDir, 'bare-response.json');
  writeFileSync(specFile, JSON.stringify(spec));
  const bare = startChild('bare node:http', [path.join(BENCH_DIR, 'bare-server.mjs'), specFile, String(barePort)], { cwd: BENCH_DIR, env: {} });
  await waitHttp(`${bareUrl}/`, 200, bare, 10_000);
  const bareRes = await rawRequest(bareUrl + getPath, { headers: siteHeaders });
  const noDate = (raw) => JSON.stringify(raw.filter(([k]) => k.toLowerCase() !== 'date'));
  check(bareRes.body.equals(hit.body), `bare server: body bytes differ from the gateway: ${firstDiff(hit.body, bareRes.body)}`);
  check(noDate(bareRes.rawHeaders) === noDate(hit.rawHeaders), `bare server: headers differ from the gateway:\n  ${noDate(bareRes.rawHeaders)}\n  ${noDate(hit.rawHeaders)}`);
  log(`bare server replays the gateway's ${hit.body.length}-byte body and ${hit.rawHeaders.length} headers (identical except Date)`);

  // ── Measurements ──
  const results = {};
  const landingCheck = (buf, where) => checkLanding(buf, where);
  const rssSampler = (pid) => () => {
    const samples = [];
    const t = setInterval(() => {
      const kb = readRssKb(pid);
      if (kb !== undefined) samples.push(kb);
    }, 100);
    return () => {
      clearInterval(t);
      const kb = readRssKb(pid);
      if (kb !== undefined) samples.push(kb);
      return { gatewayRssMaxMb: Math.max(...samples) / 1024, gatewayRssSamples: samples.length };
    };
  };

  results.bare = await measure('1 bare node:http (same bytes)', { url: bareUrl + getPath, headers: siteHeaders, validate: landingCheck, serverPid: bare.pid });
  results.gatewayGet = await measure('2 gateway hit GET', {
    url: gatewayUrl + getPath,
    headers: siteHeaders,
    expectCache: 'HIT',
    validate: landingCheck,
    during: rssSampler(gateway.pid),
    serverPid: gateway.pid,
  });
  results.gatewayPost = await measure('2 gateway hit POST', {
    url: gatewayUrl + '/graphql',
    method: 'POST',
    headers: postHeaders,
    body: postBody,
    expectCache: 'HIT',
    validate: landingCheck,
    during: rssSampler(gateway.pid),
    serverPid: gateway.pid,
  });
  results.gatewayNoCache = await measure('3 gateway cache off GET', {
    url: nocacheUrl + getPath,
    headers: siteHeaders,
    expectCache: 'BYPASS',
    validate: landingCheck,
    serverPid: nocache.pid,
    upstreamPid: strapi.pid,
  });
  results.strapiDirect = await measure('4 Strapi REST direct', {
    url: strapiUrl + STRAPI_REST_PATH,
    headers: { authorization: `Bearer ${DEV.strapiToken}` },
    validate: checkStrapiProcedure,
    serverPid: strapi.pid,
  });
  // ── Edge: the same landing page through Varnish, at the same site-addressed URL (cacheable by URL) ──
  const edgeUrl = edge.url + getPath;
  const edgeFirst = await rawRequest(edgeUrl, { headers: siteHeaders });
  check(edgeFirst.status === 200, `edge landing GET: HTTP ${edgeFirst.status}: ${edgeFirst.body.toString().slice(0, 300)}`);
  const edgeHit = await rawRequest(edgeUrl, { headers: siteHeaders });
  check(edgeHit.headers['x-edge-cache'] === 'HIT', `edge: second request is x-edge-cache ${edgeHit.headers['x-edge-cache']}, expected HIT`);
  check(edgeHit.body.equals(hit.body), `edge: body differs from the gateway's: ${firstDiff(hit.body, edgeHit.body)}`);
  const edgeGatewayBefore = await gatewayRequests(gatewayUrl);
  results.edgeGet = await measure('6 Varnish hit GET', {
    url: edgeUrl,
    headers: siteHeaders,
    validate: landingCheck,
    serverPid: varnishCacherPid(edge.pid),
  });
  // Every measured request was a Varnish hit: none of them reached the gateway.
  results.edgeGet.gatewayRequestsDuringRun = (await gatewayRequests(gatewayUrl)) - edgeGatewayBefore;
  log(`edge: ${results.edgeGet.gatewayRequestsDuringRun} of ${fmt(results.edgeGet.totalRequests)} requests reached the gateway`);

  const website = await benchWebsite({ gatewayUrl, gatewayPid: gateway.pid, port: webPort, webEdgeUrl: edge.webUrl, edgePid: edge.pid });
  Object.assign(results, website.results);
  results.strapiDirect.note =
    'one REST call for the procedure only; a clinic site rendering the landing page without the gateway needs several (landing page, location, clinics, site, procedure) plus its own SEO/JSON-LD assembly';

  // ── Publish-to-visible ──
  log(`publish-to-visible: ${PUBLISH_ROUNDS} rounds (poll every ${POLL_EVERY_MS} ms)`);
  results.publish = await publishToVisible({ strapiUrl, gatewayUrl, siteHeaders, edgeUrl: edge.url });
  log(`publish-to-visible: p50 ${fmt(results.publish.p50Ms, 1)} ms, p99 ${fmt(results.publish.p99Ms, 1)} ms, max ${fmt(results.publish.maxMs, 1)} ms`);
  if (results.publish.edge) log(`publish-to-visible through Varnish: p50 ${fmt(results.publish.edge.p50Ms, 1)} ms, p99 ${fmt(results.publish.edge.p99Ms, 1)} ms`);

  log('publish-to-rendered-page: 10 rounds on the website, 10 through Varnish');
  results.publishRendered = await publishToRenderedPage({ strapiUrl, webUrl: website.url });
  results.publishRenderedEdge = await publishToRenderedPage({ strapiUrl, webUrl: edge.webUrl });
  log(`publish-to-rendered-page: p50 ${fmt(results.publishRendered.p50Ms, 1)} ms, p99 ${fmt(results.publishRendered.p99Ms, 1)} ms; through Varnish p50 ${fmt(results.publishRenderedEdge.p50Ms, 1)} ms, p99 ${fmt(results.publishRenderedEdge.p99Ms, 1)} ms`);

  log('made-up paths: one address sends 1,000 distinct made-up paths in a minute through the website; another visitor reads real pages');
  results.madeUp = await madeUpPaths({ webUrl: website.url, metrics: website.metrics });
  log(`made-up paths: real page p50 idle ${fmt(results.madeUp.idleP50Ms, 1)} ms, under the flood ${fmt(results.madeUp.loadedP50Ms, 1)} ms (${fmt(results.madeUp.ratio, 2)}×); renders ${results.madeUp.rendersFirst} then ${results.madeUp.rendersRepeat} on the repeat`);

  log('fairness: site B misses, idle and under site A\'s flood of 1,000 distinct misses');
  results.fairness = await fairness({ gatewayUrl });
  log(`fairness: B miss p50 idle ${fmt(results.fairness.idleP50Ms, 1)} ms, under A's flood ${fmt(results.fairness.loadedP50Ms, 1)} ms (${fmt(results.fairness.ratio, 2)}×)`);

  // ── Report ──
  const g = results.gatewayGet;
  const p = results.gatewayPost;
  const rssMaxMb = Math.max(g.gatewayRssMaxMb, p.gatewayRssMaxMb);
  const ratios = {
    gatewayGetOverBare: g.reqPerSec / results.bare.reqPerSec,
    gatewayPostOverBare: p.reqPerSec / results.bare.reqPerSec,
    gatewayGetOverStrapi: g.reqPerSec / results.strapiDirect.reqPerSec,
    gatewayPostOverStrapi: p.reqPerSec / results.strapiDirect.reqPerSec,
    gatewayGetOverNoCache: g.reqPerSec / results.gatewayNoCache.reqPerSec,
    edgeOverBare: results.edgeGet.reqPerSec / results.bare.reqPerSec,
    edgeOverGateway: results.edgeGet.reqPerSec / g.reqPerSec,
  };
  const runs = [results.bare, g, p, results.gatewayNoCache, results.strapiDirect, results.edgeGet, results.webLanding, results.barePage, results.edgePage, results.edgeStatic];
  ratios.pageOverBare = results.webLanding.reqPerSec / results.barePage.reqPerSec;
  ratios.edgePageOverStatic = results.edgePage.reqPerSec / results.edgeStatic.reqPerSec;
  ratios.edgePageOverBare = results.edgePage.reqPerSec / results.barePage.reqPerSec;
  const invalidRuns = runs.filter((r) => !r.valid).map((r) => r.name);
  // A target computed from an invalid run (or a failed publish round) cannot pass.
  const ok = (cond, ...deps) => (cond && deps.every((d) => d.valid) ? 'PASS' : 'MISS');
  const targets = [
    { name: '2/1 gateway GET hits ÷ bare node', target: `≥ ${TARGETS.gatewayOverBare}`, value: ratios.gatewayGetOverBare, shown: fmt(ratios.gatewayGetOverBare, 3), result: ok(ratios.gatewayGetOverBare >= TARGETS.gatewayOverBare, g, results.bare) },
    { name: '2/4 gateway GET hits ÷ Strapi direct', target: `≥ ${TARGETS.gatewayOverStrapi}`, value: ratios.gatewayGetOverStrapi, shown: fmt(ratios.gatewayGetOverStrapi, 1), result: ok(ratios.gatewayGetOverStrapi >= TARGETS.gatewayOverStrapi, g, results.strapiDirect) },
    { name: `p99 gateway hit GET @${CONNECTIONS} conn`, target: `≤ ${TARGETS.hitP99Ms} ms`, value: g.latencyMs.p99, shown: `${g.latencyMs.p99} ms`, result: ok(g.latencyMs.p99 <= TARGETS.hitP99Ms, g) },
    { name: `p99 gateway hit POST @${CONNECTIONS} conn`, target: `≤ ${TARGETS.hitP99Ms} ms`, value: p.latencyMs.p99, shown: `${p.latencyMs.p99} ms`, result: ok(p.latencyMs.p99 <= TARGETS.hitP99Ms, p) },
    { name: 'publish-to-visible p99', target: `≤ ${TARGETS.publishP99Ms} ms`, value: results.publish.p99Ms, shown: `${fmt(results.publish.p99Ms, 1)} ms`, result: ok(results.publish.p99Ms <= TARGETS.publishP99Ms, results.publish) },
    { name: 'publish-to-rendered-page p99 (website)', target: `≤ ${TARGETS.publishP99Ms} ms`, value: results.publishRendered.p99Ms, shown: `${fmt(results.publishRendered.p99Ms, 1)} ms (stale after visible: ${results.publishRendered.staleAfter})`, result: ok(results.publishRendered.p99Ms <= TARGETS.publishP99Ms && results.publishRendered.staleAfter === 0, results.publishRendered) },
    { name: 'publish-to-rendered-page p99 (through Varnish)', target: `≤ ${TARGETS.publishP99Ms} ms`, value: results.publishRenderedEdge.p99Ms, shown: `${fmt(results.publishRenderedEdge.p99Ms, 1)} ms (stale after visible: ${results.publishRenderedEdge.staleAfter})`, result: ok(results.publishRenderedEdge.p99Ms <= TARGETS.publishP99Ms && results.publishRenderedEdge.staleAfter === 0, results.publishRenderedEdge) },
    { name: '5/5b website cached page ÷ bare node (same bytes)', target: `≥ ${TARGETS.pageOverBare}`, value: ratios.pageOverBare, shown: `${fmt(ratios.pageOverBare, 3)} (renders during the run: ${results.webLanding.rendersDuringRun})`, result: ok(ratios.pageOverBare >= TARGETS.pageOverBare && results.webLanding.rendersDuringRun === 0, results.webLanding, results.barePage) },
    { name: '7/7b Varnish page hit ÷ Varnish static object', target: `≥ ${TARGETS.varnishPageOverStatic}`, value: ratios.edgePageOverStatic, shown: `${fmt(ratios.edgePageOverStatic, 3)} (÷ bare node ${fmt(ratios.edgePageOverBare, 3)}; reached the website: ${results.edgePage.websiteRequestsDuringRun})`, result: ok(ratios.edgePageOverStatic >= TARGETS.varnishPageOverStatic && results.edgePage.websiteRequestsDuringRun === 0, results.edgePage, results.edgeStatic) },
    { name: "real page p50 under one address's 1,000 made-up paths/min ÷ idle", target: `≤ ${TARGETS.madeUpRatio}×`, value: results.madeUp.ratio, shown: `${fmt(results.madeUp.ratio, 2)}× (${fmt(results.madeUp.idleP50Ms, 1)} → ${fmt(results.madeUp.loadedP50Ms, 1)} ms; other visitor non-200: ${results.madeUp.otherNon200}; flood: ${JSON.stringify(results.madeUp.floodStatus)}; renders ${results.madeUp.rendersFirst} + ${results.madeUp.rendersRepeat} on the repeat)`, result: ok(results.madeUp.ratio <= TARGETS.madeUpRatio && results.madeUp.otherNon200 === 0 && results.madeUp.rendersRepeat <= 5, results.madeUp) },
    { name: 'gateway RSS under load (max)', target: `≤ ${TARGETS.gatewayRssMb} MB`, value: rssMaxMb, shown: `${fmt(rssMaxMb, 1)} MB`, result: ok(rssMaxMb <= TARGETS.gatewayRssMb, g, p) },
    { name: "site B miss p50 under A's 1,000 misses ÷ idle", target: `≤ ${TARGETS.fairnessRatio}×`, value: results.fairness.ratio, shown: `${fmt(results.fairness.ratio, 2)}× (${fmt(results.fairness.idleP50Ms, 1)} → ${fmt(results.fairness.loadedP50Ms, 1)} ms; A: ${results.fairness.floodStatus['2xx']} 2xx, ${results.fairness.floodStatus.non2xx} non-2xx)`, result: ok(results.fairness.ratio <= TARGETS.fairnessRatio, results.fairness) },
  ];

  printReport({ runs, ratios, targets, results, rssMaxMb, l1MaxBytes, invalidRuns });

  const report = {
    finishedAt: new Date().toISOString(),
    benchSeconds: (Date.now() - benchStarted) / 1000,
    git: gitState(),
    loadAverage: os.loadavg(),
    environment: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, totalMemMb: Math.round(os.totalmem() / 2 ** 20) },
    settings: { connections: CONNECTIONS, durationS: DURATION_S, warmupS: WARMUP_S, pipelining: 1, loopback: true, publishRounds: PUBLISH_ROUNDS, pollEveryMs: POLL_EVERY_MS },
    queries: { landing: LANDING_QUERY, city: CITY_QUERY, strapiRest: STRAPI_REST_PATH },
    boot: { strapiMs: strapiBootMs },
    results,
    ratios,
    gateway: { rssMaxMb, l1MaxBytes, l1MaxMb: l1MaxBytes / 2 ** 20 },
    targets,
    invalidRuns,
    valid: invalidRuns.length === 0 && results.publish.valid,
  };
  // The bare server and the gateway hit paths must answer every request correctly.
  const broken = [results.bare, g, p, results.edgeGet].filter((r) => !r.valid).map((r) => r.name);
  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify(report, null, 2) + '\n');
  log(`JSON written to ${path.relative(ROOT, RESULTS_FILE)} (bench took ${fmt(report.benchSeconds, 0)} s)`);
  if (broken.length) {
    process.stderr.write(`\n✖ bench broke: failures in ${broken.join(', ')}; these numbers are not results\n`);
    return 1;
  }
  return 0;
}

/**
 * Fairness between sites on the default settings: site B's misses timed alone, then while site A sends
 * 1,000 distinct misses at 32 connections (each an upstream read). A pays with its own lane, budget and
 * queue (429 and 503 with Retry-After are A's answers, counted); B's misses should stay near idle.
 */
async function fairness({ gatewayUrl }) {
  const probe = 'query Probe($s: String!) { procedure(slug: $s) { slug } }';
  const pathFor = (site, s) => `/sites/${site}/graphql?${new URLSearchParams({ query: probe, variables: JSON.stringify({ s }) })}`;
  const timeB = async (tag) => {
    const ms = [];
    for (let i = 0; i < 15; i += 1) {
      const started = performance.now();
      const res = await rawRequest(gatewayUrl + pathFor(DEV.otherSite, `${tag}-${i}-${Date.now()}`), { headers: { 'x-site-key': DEV.otherSiteKey } });
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
        headers: { 'x-site-key': DEV.siteKey },
        requests: [{ setupRequest: (req) => ({ ...req, path: pathFor(DEV.site, `flood-${n++}-${Date.now()}`) }) }],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    ),
  ).finally(() => (floodDone = true));
  while (n < 100) await new Promise((r) => setTimeout(r, 5));
  const loaded = await timeB('loaded');
  const duringFlood = !floodDone;
  const a = await flood;
  const idleP50Ms = percentile(idle, 50);
  const loadedP50Ms = percentile(loaded, 50);
  return {
    idleP50Ms,
    loadedP50Ms,
    ratio: loadedP50Ms / idleP50Ms,
    measuredDuringFlood: duringFlood,
    floodRequests: a.requests.total,
    floodStatus: { '2xx': a['2xx'], non2xx: a.non2xx, errors: a.errors },
    valid: duringFlood,
  };
}

/**
 * Rows 5, 5b, 7 and 7b: the clinic website (web/: its front server, Next behind it) serving the Kyphoplasty ×
 * Chicago page from its page cache (no render: counted in /_web/metrics); a bare node:http server sending
 * the same page bytes and headers; Varnish serving that page (every request a hit, none reaching the website);
 * and the same Varnish serving a static object of the same size (the bare server's page, behind a second
 * varnishd with the same VCL), the fair bar for the Varnish row on a 2-core machine.
 */
async function benchWebsite({ gatewayUrl, gatewayPid, port, webEdgeUrl, edgePid }) {
  const web = startChild('website', [path.join(WEB_DIR, 'dist', 'server', 'main.mjs')], {
    cwd: WEB_DIR,
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      GATEWAY_URL: gatewayUrl,
      SITES: `127.0.0.1=${DEV.site}:${DEV.siteKey}`,
      SITE_SERVER_KEYS: `${DEV.siteServerKey}:${DEV.site}`,
      SITES_ALLOW_DEV_KEYS: 'true',
    },
  });
  const webUrl = `http://127.0.0.1:${port}`;
  await waitHttp(`${webUrl}/icon.svg`, 200, web, 60_000);
  const metrics = async () => {
    const text = (await rawRequest(`${webUrl}/_web/metrics`)).body.toString('utf8');
    return Object.fromEntries(text.split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf(' ')).replace(/^web_page_cache_|_total$/g, ''), Number(l.slice(l.indexOf(' ') + 1))]));
  };
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
  const specFile = path.join(tmpDir, 'bare-page.json');
  writeFileSync(specFile, JSON.stringify({ status: hit.status, headers: hit.rawHeaders.filter(([k]) => !added.has(k.toLowerCase())), body: hit.body.toString('base64'), keepAliveTimeoutMs: 65_000 }));
  const barePort = await freePort();
  const bare = startChild('bare node:http (page)', [path.join(BENCH_DIR, 'bare-server.mjs'), specFile, String(barePort)], { cwd: BENCH_DIR, env: {} });
  await waitHttp(`http://127.0.0.1:${barePort}/`, 200, bare, 10_000);
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
  const staticEdge = await startVarnish({
    listen: [`127.0.0.1:${staticPort}`],
    webListen: `127.0.0.1:${staticWebPort}`,
    backend: { host: '127.0.0.1', port: barePort },
    web: { host: '127.0.0.1', port: barePort },
    purgers: ['127.0.0.1'],
  });
  try {
    const staticUrl = `${staticEdge.webUrl}/chicago/kyphoplasty`;
    await rawRequest(staticUrl, { headers: hostHeader });
    const staticHit = await rawRequest(staticUrl, { headers: hostHeader });
    check(staticHit.headers['x-edge-cache'] === 'HIT' && staticHit.body.length === edgeHit.body.length, 'Varnish static object: not a hit of the page size');
    results.edgeStatic = await measure('7b Varnish static object (same size)', { url: staticUrl, headers: hostHeader, validate: checkWebLanding, serverPid: varnishCacherPid(staticEdge.pid) });
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
async function madeUpPaths({ webUrl, metrics, floodSeconds = Number(process.env.BENCH_FLOOD_SECONDS ?? 60) }) {
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
  const idleP50Ms = percentile(idle, 50);
  const loadedP50Ms = percentile(loaded, 50);
  return {
    idleP50Ms,
    loadedP50Ms,
    ratio: loadedP50Ms / idleP50Ms,
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
async function publishToRenderedPage({ strapiUrl, webUrl, rounds = 10 }) {
  const login = await fetch(`${strapiUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(DEV.admin) });
  const token = (await login.json().catch(() => ({})))?.data?.token;
  check(login.status === 200 && token, `admin login failed: HTTP ${login.status}`);
  const admin = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const found = await (await fetch(`${strapiUrl}/api/locations?filters[slug][$eq]=chicago&locale=en&fields[0]=intro`, { headers: { authorization: `Bearer ${DEV.strapiToken}` } })).json();
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

function checkWebLanding(buf, where) {
  const html = buf.toString('utf8');
  check(/<h1>Kyphoplasty in Chicago/.test(html), `${where}: no landing-page <h1>: ${html.slice(0, 300)}`);
  check(html.includes('What happens, step by step') && html.includes('tel:+1'), `${where}: article or clinics missing`);
  check(html.includes('<script type="application/ld+json">') && html.includes('<link rel="canonical"'), `${where}: JSON-LD or canonical missing`);
}

/** Edit + publish the Chicago intro through Strapi's admin API; time until the gateway serves it. */
async function publishToVisible({ strapiUrl, gatewayUrl, siteHeaders, edgeUrl, rounds: roundCount = PUBLISH_ROUNDS, pauseMs = 0 }) {
  const login = await fetch(`${strapiUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(DEV.admin),
  });
  const loginBody = await login.json().catch(() => ({}));
  check(login.status === 200 && loginBody?.data?.token, `admin login failed: HTTP ${login.status} ${JSON.stringify(loginBody).slice(0, 200)}`);
  const admin = { authorization: `Bearer ${loginBody.data.token}`, 'content-type': 'application/json' };

  const find = await fetch(`${strapiUrl}/api/locations?filters[slug][$eq]=chicago&locale=en&fields[0]=intro`, {
    headers: { authorization: `Bearer ${DEV.strapiToken}` },
  });
  const found = await find.json();
  const documentId = found?.data?.[0]?.documentId;
  check(find.status === 200 && documentId, `could not find the Chicago location: ${JSON.stringify(found).slice(0, 200)}`);
  const doc = `${strapiUrl}/content-manager/collection-types/api::location.location/${documentId}`;

  const cityUrl = `${gatewayUrl}/graphql?${new URLSearchParams({ query: CITY_QUERY })}`;
  const cityIntro = async () => {
    const res = await fetch(cityUrl, { headers: siteHeaders });
    const json = await res.json();
    if (res.status !== 200 || json.errors) throw new BenchError(`gateway city query: HTTP ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
    return { intro: json.data?.location?.intro, cache: res.headers.get('x-cache') };
  };
  // The same query through Varnish at the site-addressed URL (when the gateway serves it).
  const edgeCityUrl = edgeUrl && `${edgeUrl}/sites/${DEV.site}/graphql?${new URLSearchParams({ query: CITY_QUERY })}`;
  const edgeIntro = async () => {
    const res = await fetch(edgeCityUrl, { headers: siteHeaders });
    const json = await res.json().catch(() => ({}));
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
    const putBody = await put.json().catch(() => ({}));
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
      body: await res.json().catch(() => ({})),
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

function printReport({ runs, ratios, targets, results, rssMaxMb, l1MaxBytes, invalidRuns }) {
  const rows = runs.map((r) => [
    r.name,
    fmt(r.reqPerSec),
    fmt(r.latencyMs.p50),
    fmt(r.latencyMs.p99),
    fmt(r.latencyMs.max),
    fmt(r.totalRequests),
    String(r.non2xx),
    String(r.errors), // autocannon counts timeouts among errors
    r.bodyCheckedEveryResponse ? String(r.mismatches) : 'n/a',
    fmt(r.serverCpuMsPerRequest * 1000),
    fmt(r.foreignCpuPct),
    r.valid ? 'ok' : 'FAILURES',
  ]);
  table(['scenario', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'requests', 'non-2xx', 'errors', 'bad bodies', 'srv CPU µs/req', 'other load %', 'status'], rows, 'Throughput and latency');
  const pub = results.publish;
  console.log(
    `Publish-to-visible (${pub.rounds}/${PUBLISH_ROUNDS} rounds, ${pub.failed} not visible in ${PUBLISH_TIMEOUT_MS / 1000} s): ` +
      `p50 ${fmt(pub.p50Ms, 1)} ms · p99 ${fmt(pub.p99Ms, 1)} ms · max ${fmt(pub.maxMs, 1)} ms (publish request itself: p50 ${fmt(pub.publishResponseP50Ms, 1)} ms)`,
  );
  console.log(
    results.publish.edge
      ? `Publish-to-visible through Varnish (purged by the gateway): p50 ${fmt(results.publish.edge.p50Ms, 1)} ms · p99 ${fmt(results.publish.edge.p99Ms, 1)} ms · max ${fmt(results.publish.edge.maxMs, 1)} ms (${results.publish.edge.failed} not visible)`
      : 'Publish-to-visible through Varnish: n/a (needs the gateway\'s /sites/<site>/graphql)',
  );
  console.log(
    `Edge (6): ${fmt(ratios.edgeOverBare, 2)}× the bare node server, ${fmt(ratios.edgeOverGateway, 2)}× the gateway's own hits; ` +
      `${results.edgeGet.gatewayRequestsDuringRun} requests reached the gateway during the run`,
  );
  for (const [label, pr] of [['website', results.publishRendered], ['through Varnish', results.publishRenderedEdge]]) {
    console.log(
      `Publish-to-rendered-page (${label}, /chicago, ${pr.rounds} rounds, ${pr.failed} not visible): p50 ${fmt(pr.p50Ms, 1)} ms · p99 ${fmt(pr.p99Ms, 1)} ms · max ${fmt(pr.maxMs, 1)} ms · old page served after it showed: ${pr.staleAfter}`,
    );
  }
  console.log(
    `Pages (5, 7): the website's cached page ${fmt(ratios.pageOverBare, 3)}× bare node sending the same ${fmt(results.pageBytes)} bytes (${results.webLanding.rendersDuringRun} renders); ` +
      `Varnish ${fmt(ratios.edgePageOverStatic, 3)}× its own static object of that size, ${fmt(ratios.edgePageOverBare, 3)}× bare node (${results.edgePage.websiteRequestsDuringRun} requests reached the website)`,
  );
  const mu = results.madeUp;
  console.log(
    `Made-up paths (1,000 from one address in ${mu.floodSeconds} s): ${mu.rendersFirst} renders, then ${mu.rendersRepeat} when the ${mu.repeated} answered were asked again; flood answers ${JSON.stringify(mu.floodStatus)}; ` +
      `another visitor's rendered real page p50 ${fmt(mu.idleP50Ms, 1)} → ${fmt(mu.loadedP50Ms, 1)} ms (${fmt(mu.ratio, 2)}×), ${mu.otherNon200} not 200 of ${mu.otherReads}`,
  );
  console.log(`Gateway RSS under hit load: max ${fmt(rssMaxMb, 1)} MB · L1 bound CACHE_L1_MAX_BYTES = ${fmt(l1MaxBytes)} bytes (${fmt(l1MaxBytes / 2 ** 20)} MiB)`);
  console.log(
    `Ratios: 2/1 GET ${fmt(ratios.gatewayGetOverBare, 3)} (POST ${fmt(ratios.gatewayPostOverBare, 3)}) · 2/4 GET ${fmt(ratios.gatewayGetOverStrapi, 1)} (POST ${fmt(ratios.gatewayPostOverStrapi, 1)}) · 2/3 GET hit ÷ cache off ${fmt(ratios.gatewayGetOverNoCache, 1)}`,
  );
  console.log(`Note (4): ${results.strapiDirect.note}.`);
  const foreign = Math.max(...runs.map((r) => r.foreignCpuPct));
  console.log(
    `CPU: ${os.cpus().length} cores shared by the load generator and the server under test (loopback). ` +
      (foreign > 10 ? `⚠ up to ${fmt(foreign)} % of a core was used by OTHER processes during the runs: numbers are skewed; rerun on an idle machine.` : 'No significant other load during the runs.'),
  );
  table(['target', 'wanted', 'measured', 'result'], targets.map((t) => [t.name, t.target, t.shown, t.result]), 'Targets');
  if (invalidRuns.length) console.log(`\n⚠ runs with failures (non-2xx, errors, wrong bodies or a failed post-check): ${invalidRuns.join(', ')}`);
  if (!pub.valid) console.log('⚠ publish-to-visible did not complete every round');
}

function gitState() {
  const git = (...args) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' }).stdout?.trim();
  try {
    return { commit: git('rev-parse', 'HEAD'), dirtyFiles: (git('status', '--porcelain') || '').split('\n').filter(Boolean).length };
  } catch {
    return undefined;
  }
}

function table(head, rows, title) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => '│ ' + cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' │ ') + ' │';
  const rule = (l, m, r) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  console.log(`\n${title}`);
  console.log(rule('┌', '┬', '┐'));
  console.log(line(head));
  console.log(rule('├', '┼', '┤'));
  for (const r of rows) console.log(line(r));
  console.log(rule('└', '┴', '┘'));
}

let exitCode = 1;
try {
  if (SCENARIO === 'publish-under-load') exitCode = await publishUnderLoad();
  else if (SCENARIO) throw new BenchError(`unknown scenario ${SCENARIO} (known: publish-under-load)`);
  else exitCode = await main();
} catch (e) {
  process.stderr.write(`\n✖ bench broke: ${e instanceof BenchError ? e.message : e?.stack ?? e}\n`);
  for (const c of children) if (c.tail.length) process.stderr.write(`--- ${c.benchName} (last lines) ---\n${c.tail.join('\n')}\n`);
  exitCode = 1;
}
await cleanup();
process.exit(exitCode);
