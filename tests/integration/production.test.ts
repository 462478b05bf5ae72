/**
 * Production topology: Strapi on PostgreSQL, Prometheus metrics, readiness that follows Redis, JSON logs
 * without secrets, and a graceful SIGTERM under load (the gateway as a real child process).
 *
 * Needs PostgreSQL (PG_TEST_URL or DATABASE_URL_TEST, e.g. postgres://postgres@127.0.0.1:5432/test; a
 * throw-away database is created next to it and dropped afterwards) and `redis-server` on the PATH
 * (a private instance on a free port: the shared Redis is never touched). Without them, the parts
 * that need them are skipped with a warning; the rest runs on SQLite.
 */
import { createRequire } from 'node:module';
import http from 'node:http';
import path from 'node:path';
import { DEV, gatewayTestEnv } from '../support/dev-env.js';
import { startGateway, type GatewayHandle } from '../support/gateway-harness.js';
import { freePort } from '../support/ports.js';
import { CITY_INTRO, LANDING } from '../support/queries.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';
import { spawnNode } from '../support/node-child.js';
import { API_MAIN, CMS_DIR } from '../support/paths.js';
import { redisServerAvailable, spawnRedis, type RedisProcess } from '../support/redis-process.js';
import { createPgDatabase } from '../support/pg-database.js';

const require = createRequire(path.join(CMS_DIR, 'package.json'));

// ── PostgreSQL: a fresh database per run, or SQLite with a visible warning ──────────────────────────
// A throw-away PostgreSQL database (tests/support/pg-database.ts); without one, the PostgreSQL checks are skipped, visibly.
const pg = await createPgDatabase('clinic_test');
const pgDb = 'db' in pg ? pg.db : undefined;
const pgUrl = pgDb?.url;
if (!pgDb) console.warn(`⚠ ${'skipped' in pg ? pg.skipped : ''}: Strapi runs on SQLite and the PostgreSQL checks are SKIPPED here.`);
const itPg = pgUrl ? it : it.skip;

// ── redis-server: our own instance (tests/support/redis-process.ts), started and stopped by this file ──
if (!redisServerAvailable()) console.warn('⚠ redis-server is not on the PATH: the readiness-follows-Redis test is SKIPPED.');

// ── Prometheus text helpers ─────────────────────────────────────────────────────────────────────────
async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return res.text();
}
/** The value of one series; `labels` must all match (other labels are ignored). Missing → 0. */
function metric(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) sum += Number(m[3]);
  }
  return sum;
}

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    strapiEnv: pgUrl ? { DATABASE_CLIENT: 'postgres', DATABASE_URL: pgUrl, DATABASE_POOL_MIN: '0', DATABASE_POOL_MAX: '5' } : {},
  });
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  // Strapi's pool is closed by now; anything left is terminated before the drop.
  await pgDb?.drop().catch((e: Error) => console.warn(`could not drop ${pgDb.name}: ${e.message}`));
}, 60_000);

describe('Strapi on PostgreSQL', () => {
  itPg('boots on the PostgreSQL database, seeds it, and the gateway serves from it', async () => {
    expect(stack.strapi.app.config.get('database.connection.client')).toBe('postgres');
    expect(stack.strapi.app.db.dialect.client).toBe('postgres');
    // The seed is in PostgreSQL itself (not in some SQLite file): read it with a separate connection.
    const rows = await pgDb!.query<{ slug: string }>(`SELECT DISTINCT slug FROM locations ORDER BY slug`);
    expect(rows.map((r) => r.slug)).toEqual(expect.arrayContaining(['chicago', 'evanston']));
    const tokens = await pgDb!.query<{ n: number }>(`SELECT count(*)::int AS n FROM strapi_api_tokens`);
    expect(tokens[0].n).toBeGreaterThanOrEqual(1);

    const page = await stack.gateway.query(LANDING, { variables: { procedure: 'kyphoplasty', location: 'chicago' } });
    expect(page.status).toBe(200);
    expect(page.body.errors).toBeUndefined();
    expect((page.body.data as any).landingPage.clinics.length).toBeGreaterThan(0);
    const ready = await fetch(`${stack.gateway.url}/health/ready`);
    expect(ready.status).toBe(200);
  });

  itPg('the seed is idempotent on PostgreSQL: a second bootstrap creates nothing', async () => {
    const count = () => pgDb!.query<{ l: number; c: number }>(`SELECT (SELECT count(*) FROM locations)::int AS l, (SELECT count(*) FROM clinics)::int AS c`);
    const before = (await count())[0];
    const { seedContent } = require(path.join(CMS_DIR, 'dist/src/bootstrap/seed'));
    await seedContent(stack.strapi.app);
    expect((await count())[0]).toEqual(before);
  });
});

describe('GET /metrics (Prometheus)', () => {
  it('counts requests by operation and status, cache hits/misses by tier, upstream calls, L1 bytes and states', async () => {
    const url = stack.gateway.url;
    const before = await scrape(url);
    const slug = 'chicago';
    const query = `query MetricsProbe($slug: String!) { location(slug: $slug) { slug city } }`;
    const miss = await stack.gateway.query(query, { variables: { slug } });
    expect(miss.headers.get('x-cache')).toBe('MISS');
    const hit = await stack.gateway.query(query, { variables: { slug } });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const unauth = await stack.gateway.query(query, { variables: { slug }, siteKey: 'not-a-key' });
    expect(unauth.status).toBe(401);
    const after = await scrape(url);

    const delta = (name: string, labels?: Record<string, string>) => metric(after, name, labels) - metric(before, name, labels);
    expect(delta('gateway_graphql_requests_total', { operation: 'MetricsProbe', status: '200', cache: 'MISS', site: 'lakeshore-spine' })).toBe(1);
    expect(delta('gateway_graphql_requests_total', { operation: 'MetricsProbe', status: '200', cache: 'HIT' })).toBe(1);
    // Refused at the site step, before its body is read: its operation is not known.
    expect(delta('gateway_graphql_requests_total', { operation: 'anonymous', status: '401', site: 'unknown' })).toBe(1);
    expect(delta('gateway_graphql_request_duration_seconds_count', { operation: 'MetricsProbe' })).toBe(2);
    expect(delta('gateway_cache_misses_total')).toBe(1);
    expect(delta('gateway_cache_hits_total', { tier: 'l1' })).toBe(1);
    expect(delta('gateway_cache_hits_total', { tier: 'l2' })).toBe(0);
    expect(delta('gateway_upstream_request_duration_seconds_count', { outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(metric(after, 'gateway_cache_l1_bytes')).toBeGreaterThan(0);
    expect(metric(after, 'gateway_cache_l1_entries')).toBeGreaterThan(0);
    expect(metric(after, 'gateway_redis_state', { state: 'disabled' })).toBe(1);
    expect(metric(after, 'gateway_upstream_circuit_state', { state: 'closed' })).toBe(1);
    expect(metric(after, 'gateway_process_resident_memory_bytes')).toBeGreaterThan(0);

    // A publish webhook purges: the purge counter moves.
    const doc = await stack.strapi.app.documents('api::location.location').findFirst({ filters: { slug }, locale: 'en' });
    const res = await fetch(`${url}/webhooks/strapi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV.webhookSecret}` },
      body: JSON.stringify({ event: 'entry.publish', uid: 'api::location.location', entry: { documentId: doc.documentId, slug, publishedAt: new Date().toISOString() } }),
    });
    expect(res.status).toBeLessThan(300);
    const purged = await scrape(url);
    expect(metric(purged, 'gateway_cache_purges_total') - metric(after, 'gateway_cache_purges_total')).toBeGreaterThanOrEqual(1);
    expect(metric(purged, 'gateway_cache_purged_entries_total') - metric(after, 'gateway_cache_purged_entries_total')).toBeGreaterThanOrEqual(1);
  });

  it('counts upstream errors and shows the breaker opening', async () => {
    const dead = await startGateway({
      strapiUrl: `http://127.0.0.1:${await freePort()}`,
      env: { UPSTREAM_RETRIES: '0', BREAKER_FAILURE_THRESHOLD: '1', BREAKER_COOLDOWN_MS: '60000', UPSTREAM_TIMEOUT_MS: '500' },
    });
    try {
      await dead.query(CITY_INTRO, { variables: { slug: 'chicago' } });
      const text = await scrape(dead.url);
      expect(metric(text, 'gateway_upstream_errors_total')).toBeGreaterThanOrEqual(1);
      expect(metric(text, 'gateway_upstream_request_duration_seconds_count', { outcome: 'error' })).toBeGreaterThanOrEqual(1);
      expect(metric(text, 'gateway_upstream_circuit_state', { state: 'open' })).toBe(1);
    } finally {
      await dead.stop();
    }
  });

  it('each gateway instance has its own registry (two in one process do not share counters)', async () => {
    const other = await startGateway({ strapiUrl: stack.strapi.url });
    try {
      await stack.gateway.query(CITY_INTRO, { variables: { slug: 'chicago' } });
      const mine = await scrape(stack.gateway.url);
      const theirs = await scrape(other.url);
      expect(metric(mine, 'gateway_graphql_requests_total')).toBeGreaterThan(0);
      expect(metric(theirs, 'gateway_graphql_requests_total')).toBe(0);
    } finally {
      await other.stop();
    }
  });
});

(redisServerAvailable() ? describe : describe.skip)('GET /health/ready follows Redis', () => {
  let redis: RedisProcess | undefined;
  let gateway: GatewayHandle;
  beforeAll(async () => {
    redis = await spawnRedis();
    await redis.start();
    gateway = await startGateway({ strapiUrl: stack.strapi.url, env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await gateway?.stop();
    await redis?.stop();
  });

  const ready = async () => {
    const res = await fetch(`${gateway.url}/health/ready`);
    return { status: res.status, body: (await res.json()) as any };
  };

  it('ready with Redis up, not ready (503, redis down) while it is down, ready again when it returns', async () => {
    await waitFor(async () => (await ready()).status === 200, 5000);
    let r = await ready();
    expect(r.body).toMatchObject({ status: 'ready', components: { strapi: { status: 'up' }, redis: { status: 'up' } } });
    expect(metric(await scrape(gateway.url), 'gateway_redis_up')).toBe(1);

    await redis!.kill('SIGTERM');
    const downAfter = await waitFor(async () => (await ready()).status === 503, 5000);
    r = await ready();
    expect(r.body).toMatchObject({ status: 'not-ready', components: { strapi: { status: 'up' }, redis: { status: 'down' } } });
    expect(metric(await scrape(gateway.url), 'gateway_redis_up')).toBe(0);
    // Liveness is unaffected: the process is fine, it just must not take traffic needing Redis.
    expect((await fetch(`${gateway.url}/health/live`)).status).toBe(200);
    // Pages still answer (L1 + Strapi) while Redis is down.
    expect((await gateway.query(CITY_INTRO, { variables: { slug: 'chicago' } })).status).toBe(200);

    await redis!.start();
    const upAfter = await waitFor(async () => (await ready()).status === 200, 10_000, 100);
    expect((await ready()).body.components.redis.status).toBe('up');
    console.log(`readiness: not-ready ${downAfter} ms after Redis stopped, ready ${upAfter} ms after it restarted`);
  }, 30_000);
});

describe('the gateway process: JSON logs and graceful SIGTERM under load', () => {
  interface Outcome {
    id: string;
    startedAt: number;
    endedAt: number;
    status?: number;
    error?: string;
  }

  /** One POST on its own connection (no keep-alive): refused connections are unambiguous. */
  function post(port: number, id: string, body: string): Promise<Outcome> {
    const startedAt = Date.now();
    return new Promise((resolve) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/graphql',
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'x-site-key': DEV.siteKeys.lakeshore, 'x-request-id': id, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ id, startedAt, endedAt: Date.now(), status: res.statusCode }));
          res.on('error', (e) => resolve({ id, startedAt, endedAt: Date.now(), error: (e as NodeJS.ErrnoException).code ?? e.message }));
        },
      );
      req.on('error', (e) => resolve({ id, startedAt, endedAt: Date.now(), error: (e as NodeJS.ErrnoException).code ?? e.message }));
      req.end(body);
    });
  }

  it('SIGTERM mid-load: every accepted request completes, the process exits 0 within 10 s; logs are JSON without secrets', async () => {
    const port = await freePort();
    let stdout = '';
    let stderr = '';
    const gateway = spawnNode([API_MAIN], {
      env: { PATH: process.env.PATH, ...gatewayTestEnv({ port, strapiUrl: stack.strapi.url }), LOG_LEVEL: 'debug', RATE_LIMIT_ENABLED: 'false' },
      onOutput: (text, stream) => (stream === 'stdout' ? (stdout += text) : (stderr += text)),
    });
    const exited = gateway.exited().then(() => ({ code: gateway.child.exitCode, signal: gateway.child.signalCode, at: Date.now() }));
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(async () => (await fetch(`${base}/health/ready`).catch(() => undefined))?.status === 200, 15_000, 100);

      // Requests carrying credentials that must never reach the logs.
      await fetch(`${base}/webhooks/strapi`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${DEV.webhookSecret}` },
        body: JSON.stringify({ event: 'entry.update', uid: 'api::location.location', entry: { documentId: 'x', slug: 'chicago' } }),
      });
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-site-key': DEV.siteKeys.northshore, 'x-preview-token': 'preview-token-should-not-be-logged' },
        body: JSON.stringify({ query: '{ site { slug } }' }),
      });
      // A site's server naming its visitor, with its key and with a wrong one (401): neither key is logged.
      for (const serverKey of [DEV.serverKeys.northshore, 'server-key-should-not-be-logged']) {
        await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-site-key': DEV.siteKeys.northshore, 'x-site-server-key': serverKey, 'x-visitor-ip': '203.0.113.9' },
          body: JSON.stringify({ query: '{ site { slug } }' }),
        });
      }

      // Load: 200 cold keys (each one a Strapi read), 10 at a time; SIGTERM once 60 have completed.
      const TOTAL = 200;
      const CONCURRENCY = 10;
      const outcomes: Outcome[] = [];
      let next = 0;
      let sigtermAt = 0;
      const worker = async () => {
        while (next < TOTAL) {
          const i = next++;
          const body = JSON.stringify({ query: CITY_INTRO, variables: { slug: `cold-${process.pid}-${i}` } });
          outcomes.push(await post(port, `load-${i}`, body));
          if (outcomes.length === 60 && !sigtermAt) {
            sigtermAt = Date.now();
            gateway.child.kill('SIGTERM');
          }
        }
      };
      await Promise.all(Array.from({ length: CONCURRENCY }, worker));
      const exit = await Promise.race([exited, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no exit within 10 s')), 10_000))]);
      const shutdownMs = exit.at - sigtermAt;

      const lines = stdout.split('\n').filter(Boolean);
      const logs = lines.map((l) => JSON.parse(l)); // every line is JSON (throws otherwise)
      const accepted = new Set(logs.filter((l) => l.msg === 'request received' && String(l.reqId).startsWith('load-')).map((l) => l.reqId));
      const byId = new Map(outcomes.map((o) => [o.id, o]));
      const failedAccepted = [...accepted].filter((id) => byId.get(id)?.status !== 200);
      const inFlightAtSigterm = outcomes.filter((o) => o.startedAt < sigtermAt && o.endedAt >= sigtermAt && o.status === 200).length;
      const notAccepted = outcomes.filter((o) => !accepted.has(o.id));
      const refusedKinds = [...new Set(notAccepted.map((o) => o.error ?? `HTTP ${o.status}`))];
      console.log(
        `graceful shutdown: exit ${exit.code} after ${shutdownMs} ms; ${accepted.size} requests accepted, ` +
          `${outcomes.filter((o) => o.status === 200).length} answered 200 (${inFlightAtSigterm} in flight at SIGTERM), ` +
          `${failedAccepted.length} accepted-but-failed, ${notAccepted.length} refused after close (${refusedKinds.join(', ')})`,
      );

      expect(exit.signal).toBeNull();
      expect(exit.code).toBe(0);
      expect(shutdownMs).toBeLessThan(10_000);
      expect(failedAccepted).toEqual([]);
      expect(accepted.size).toBeGreaterThanOrEqual(60);
      expect(inFlightAtSigterm).toBeGreaterThan(0);
      // Whatever was not accepted was refused at the door, never half-answered.
      for (const o of notAccepted) expect(o.status === 503 || ['ECONNREFUSED', 'ECONNRESET'].includes(o.error ?? '')).toBe(true);
      expect(logs.some((l) => l.msg?.includes('Stopped cleanly'))).toBe(true);

      // Logs: structured, with request id and site slug; no key, token or secret anywhere.
      const done = logs.filter((l) => l.msg === 'request completed' && l.route === '/graphql');
      expect(done.length).toBeGreaterThan(0);
      for (const l of done) {
        expect(l).toEqual(expect.objectContaining({ level: 'info', reqId: expect.any(String), site: expect.any(String), status: expect.any(Number), ms: expect.any(Number) }));
      }
      expect(done.find((l) => l.reqId === 'load-0')).toMatchObject({ site: 'lakeshore-spine', operation: 'City', cache: 'MISS', status: 200 });
      for (const secret of [
        DEV.siteKeys.lakeshore,
        DEV.siteKeys.northshore,
        DEV.webhookSecret,
        DEV.strapiToken,
        DEV.previewSecret,
        'preview-token-should-not-be-logged',
        DEV.serverKeys.northshore,
        'server-key-should-not-be-logged',
      ]) {
        expect(stdout).not.toContain(secret);
        expect(stderr).not.toContain(secret);
      }
    } finally {
      await gateway.kill();
    }
  }, 60_000);
});
