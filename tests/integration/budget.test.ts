import { DEV } from '../support/dev-env.js';
import { rawRequest } from '../support/edge-http.js';
import { startGateway } from '../support/gateway-harness.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';

/**
 * Budgets when a site's own server renders for many visitors (README, "Server-side callers"): with its
 * server key it names the visitor (`x-visitor-ip`), and that visitor — not the server — pays the per-client
 * budgets. A browser holding the public key cannot do the same; what is cached keeps being served to a
 * visitor whose budget is spent; work that needs Strapi is refused with 429 + Retry-After, never a 5xx.
 */
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({
    gatewayEnv: {
      RATE_LIMIT_MISS_UNITS_PER_WINDOW: '1000',
      RATE_LIMIT_MISS_UNITS_PER_IP_PER_WINDOW: '4',
      RATE_LIMIT_ANON_PER_WINDOW: '10',
      // Long windows: a test never straddles a reset.
      RATE_LIMIT_WINDOW_SECONDS: '3600',
      // Cached answers go stale quickly (they are still served, and refreshed in the background).
      CACHE_SOFT_TTL_SECONDS: '2',
    },
  });
});
afterAll(async () => {
  await stack?.stop();
});

const serverOf = (site: 'lakeshore' | 'northshore', visitor?: string): Record<string, string> => ({
  'x-site-server-key': DEV.serverKeys[site],
  ...(visitor ? { 'x-visitor-ip': visitor } : {}),
});
const VISITOR_A = '203.0.113.10';
const VISITOR_B = '2001:db8:1:2::20';
const distinct = (tag: string, i: number | string) => `{ ${tag}${i}: site { slug } }`;

/** Sends distinct (uncached) operations until the caller is refused; returns the statuses. */
async function spend(tag: string, headers: Record<string, string>, siteKey: string = DEV.siteKeys.lakeshore) {
  const statuses: number[] = [];
  for (let i = 0; i < 8 && !statuses.includes(429); i += 1) statuses.push((await stack.gateway.query(distinct(tag, i), { siteKey, headers })).status);
  return statuses;
}

describe('a server-side caller names its visitor', () => {
  it('visitor A spending its miss budget through the site’s server leaves visitor B, and the server itself, answering 200', async () => {
    const statuses = await spend('a', serverOf('lakeshore', VISITOR_A));
    // A share of 4 units, one per miss here (charged once each answer is sent): then 429, never a 5xx.
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, -1).every((s) => s === 200) && statuses.length >= 4).toBe(true);

    const refused = await stack.gateway.query(distinct('a', 'x'), { headers: serverOf('lakeshore', VISITOR_A) });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED'); // GraphQL-shaped
    // The site-addressed GET the website sends, too.
    const url = `${stack.gateway.url}/sites/lakeshore-spine/graphql?${new URLSearchParams({ query: distinct('ga', 0) })}`;
    const get = await rawRequest(url, { headers: { 'x-site-key': DEV.siteKeys.lakeshore, ...serverOf('lakeshore', VISITOR_A) } });
    expect([get.status, JSON.parse(get.text).errors[0].extensions.code, Number(get.headers['retry-after']) > 0]).toEqual([429, 'RATE_LIMITED', true]);

    for (let i = 0; i < 3; i += 1) {
      expect((await stack.gateway.query(distinct('b', i), { headers: serverOf('lakeshore', VISITOR_B) })).status).toBe(200);
      // The server's own requests (no visitor named) are budgeted as the server's, apart from its visitors'.
      expect((await stack.gateway.query(distinct('own', i), { headers: serverOf('lakeshore') })).status).toBe(200);
    }
  });

  it('a visitor whose budget is spent is still served what is cached: a HIT, and a STALE copy within its hard TTL', async () => {
    const page = '{ page: site { slug name } }';
    expect((await stack.gateway.query(page, { headers: serverOf('lakeshore', '203.0.113.30') })).status).toBe(200);
    expect((await stack.gateway.query(distinct('a', 'y'), { headers: serverOf('lakeshore', VISITOR_A) })).status).toBe(429);
    const hit = await stack.gateway.query(page, { headers: serverOf('lakeshore', VISITOR_A) });
    expect([hit.status, hit.headers.get('x-cache')]).toEqual([200, 'HIT']);
    // Past the soft TTL (2 s) the entry is stale: still served to A, whose budget forbids new upstream work.
    await waitFor(
      async () => {
        const r = await stack.gateway.query(page, { headers: serverOf('lakeshore', VISITOR_A) });
        expect(r.status).toBe(200);
        expect((r.body.data as any).page.slug).toBe('lakeshore-spine');
        return r.headers.get('x-cache') === 'STALE';
      },
      15_000,
      100,
    );
  });

  it('x-visitor-ip without the server key is ignored: the caller’s own address pays', async () => {
    const spentVisitor = '198.51.100.77';
    expect(await spend('n', serverOf('northshore', spentVisitor), DEV.siteKeys.northshore)).toContain(429);
    // A browser (public key only) claiming to be that spent visitor is charged to its own address, which
    // has spent nothing under this key...
    const claim = await stack.gateway.query(distinct('forged', 0), { siteKey: DEV.siteKeys.northshore, headers: { 'x-visitor-ip': spentVisitor } });
    expect(claim.status).toBe(200);
    // ...and claiming a fresh address on every request does not buy a fresh budget.
    const statuses: number[] = [];
    for (let i = 1; i < 8; i += 1) {
      statuses.push((await stack.gateway.query(distinct('forged', i), { siteKey: DEV.siteKeys.northshore, headers: { 'x-visitor-ip': `192.0.2.${i}` } })).status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(4);
  });

  it('pays the per-client budget of public files by the named visitor too', async () => {
    const sitemap = (headers: Record<string, string>) => rawRequest(`${stack.gateway.url}/sites/lakeshore-spine/sitemap.xml`, { headers });
    const statuses: number[] = [];
    for (let i = 0; i < 11; i += 1) statuses.push((await sitemap(serverOf('lakeshore', '203.0.113.99'))).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
    expect((await sitemap(serverOf('lakeshore', '203.0.113.100'))).status).toBe(200);
  });
});

const redisUrl = process.env.REDIS_URL;
const describeRedis = redisUrl ? describe : describe.skip;
if (!redisUrl) console.warn('⚠ REDIS_URL is not set: the shared-Redis budget test is SKIPPED here (.ci/run sets it).');

describeRedis('replicas sharing Redis', () => {
  it('a visitor spent on replica B is still served the page replica A stored (an L2 hit), not 429', async () => {
    const env = {
      REDIS_URL: redisUrl!,
      REDIS_KEY_PREFIX: `budget-${process.pid}-${Date.now()}:`,
      RATE_LIMIT_MISS_UNITS_PER_WINDOW: '1000',
      RATE_LIMIT_MISS_UNITS_PER_IP_PER_WINDOW: '4',
      RATE_LIMIT_WINDOW_SECONDS: '3600',
    };
    const a = await startGateway({ strapiUrl: stack.strapi.url, env });
    const b = await startGateway({ strapiUrl: stack.strapi.url, env });
    try {
      const visitor = serverOf('lakeshore', '203.0.113.60');
      const statuses: number[] = [];
      for (let i = 0; i < 8 && !statuses.includes(429); i += 1) statuses.push((await b.query(distinct('l2', i), { headers: visitor })).status);
      expect(statuses).toContain(429);
      const page = '{ shared: site { slug domain } }';
      expect((await a.query(page, { headers: serverOf('lakeshore', '203.0.113.61') })).headers.get('x-cache')).toBe('MISS');
      const fromL2 = await b.query(page, { headers: visitor });
      expect([fromL2.status, fromL2.headers.get('x-cache')]).toEqual([200, 'HIT']);
      expect((await b.query(distinct('l2', 'x'), { headers: visitor })).status).toBe(429);
    } finally {
      await a.stop();
      await b.stop();
    }
  });
});

describe('the server key is checked', () => {
  it('a server key that is not the site’s answers 401 SERVER_KEY_INVALID (cached URL or not), never echoing it; CORS never offers the server headers', async () => {
    const warm = '{ warm: site { slug } }';
    expect((await stack.gateway.query(warm, { method: 'GET', headers: serverOf('lakeshore', '203.0.113.40') })).status).toBe(200);
    expect((await stack.gateway.query(warm, { method: 'GET' })).headers.get('x-cache')).toBe('HIT');
    const cases: Array<[string, Record<string, string>, 'GET' | 'POST']> = [
      ['a guessed key on a cached GET', { 'x-site-server-key': 'guessed-server-key-123', 'x-visitor-ip': VISITOR_B }, 'GET'],
      ['the other site’s server key', serverOf('northshore', VISITOR_B), 'POST'],
      ['an empty key', { 'x-site-server-key': '', 'x-visitor-ip': VISITOR_B }, 'POST'],
    ];
    for (const [name, headers, method] of cases) {
      const r = await stack.gateway.query(warm, { method, headers });
      expect([name, r.status, r.body.errors?.[0].extensions?.code]).toEqual([name, 401, 'SERVER_KEY_INVALID']);
      if (headers['x-site-server-key']) expect(JSON.stringify(r.body)).not.toContain(headers['x-site-server-key']);
    }
    // And browsers are never invited to send the server headers (CORS).
    const pre = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.lakeshorespine.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-site-key,x-site-server-key,x-visitor-ip' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://www.lakeshorespine.example');
    expect(pre.headers.get('access-control-allow-headers')).not.toMatch(/x-site-server-key|x-visitor-ip/);
  });

  it('a named visitor that is not one IP address answers 400 VISITOR_ADDRESS_INVALID', async () => {
    for (const visitor of ['203.0.113.7, 10.0.0.1', 'localhost', '203.0.113.7:443']) {
      const r = await stack.gateway.query('{ warm: site { slug } }', { method: 'GET', headers: { 'x-site-server-key': DEV.serverKeys.lakeshore, 'x-visitor-ip': visitor } });
      expect([visitor, r.status, r.body.errors?.[0].extensions?.code]).toEqual([visitor, 400, 'VISITOR_ADDRESS_INVALID']);
    }
  });
});
