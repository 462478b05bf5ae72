import { signPreviewToken } from '@clinic/shared';
import { DEV } from '../support/dev-env.js';
import { editChicagoIntro } from '../support/cms-edit.js';
import { startGateway, type GatewayHandle } from '../support/gateway-harness.js';
import { CITY_INTRO } from '../support/queries.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * The public edge under bad input: every case answers a clear status and a stable error code, leaks
 * nothing of the server, and leaves the gateway answering normal queries right after.
 */
// Not the dev token, so that a production-mode gateway may use it too.
const TOKEN = 'edge-suite-strapi-token-0123456789abcdef0123456789';
let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ strapiEnv: { STRAPI_TOKEN: TOKEN }, gatewayEnv: { STRAPI_TOKEN: TOKEN } });
});
afterAll(async () => {
  await stack?.stop();
});

const key = { 'x-site-key': DEV.siteKeys.lakeshore };
const json = { 'content-type': 'application/json', ...key };
const post = (body: unknown, headers: Record<string, string> = json) => ({ method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
const gql = (query: string, variables?: unknown) => post({ query, variables });
const get = (params: Record<string, string>, headers: Record<string, string> = key) => ({ method: 'GET', headers, query: params });
const webhook = (body: string, authorization?: string) => ({
  method: 'POST',
  path: '/webhooks/strapi',
  headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
  body,
});
const preview = (token: string) => post({ query: '{ site { slug } }' }, { ...json, 'x-preview-token': token });
const slugQuery = (slug: unknown) => gql('query($s: String!) { procedure(slug: $s) { slug } }', { s: slug });

type Case = {
  name: string;
  req: { method: string; path?: string; headers?: Record<string, string>; body?: string; query?: Record<string, string> };
  status: number;
  code: string | string[];
};

const many = (n: number, s: string) => Array.from({ length: n }, (_, i) => s.replace('#', String(i))).join(' ');

const cases: Case[] = [
  { name: 'malformed JSON', req: post('{"query": "{ site { slug } }"'), status: 400, code: 'BAD_REQUEST' },
  { name: 'wrong content type (text/plain)', req: post('{"query":"{ site { slug } }"}', { ...key, 'content-type': 'text/plain' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'form-encoded body', req: post('query=%7Bsite%7Bslug%7D%7D', { ...key, 'content-type': 'application/x-www-form-urlencoded' }), status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
  { name: 'empty body', req: post('', json), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON null body', req: post('null'), status: 400, code: 'BAD_REQUEST' },
  { name: 'JSON string body', req: post('"{ site { slug } }"'), status: 400, code: 'BAD_REQUEST' },
  { name: 'huge body (> 64 KB)', req: post({ query: `{ site { slug } } # ${'x'.repeat(70_000)}` }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'huge query text', req: gql(`{ site { slug } } # ${'x'.repeat(20_000)}`), status: 413, code: 'QUERY_TOO_COMPLEX' },
  { name: 'deep nesting', req: gql('{ a { b { c { d { e { f { g { h { i { j { k } } } } } } } } } } }'), status: 400, code: ['QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED'] },
  { name: 'alias bomb', req: gql(`{ ${many(40, 'a#: site { slug }')} }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'fragment cycle', req: gql('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }'), status: 400, code: ['GRAPHQL_VALIDATION_FAILED', 'QUERY_TOO_COMPLEX'] },
  { name: 'duplicated fields flood', req: gql(`{ site { ${many(1000, 'slug')} } }`), status: 400, code: 'QUERY_TOO_COMPLEX' },
  { name: 'directive flood', req: gql(`{ site ${many(30, '@include(if: true)')} { slug } }`), status: 400, code: ['QUERY_TOO_COMPLEX', 'GRAPHQL_VALIDATION_FAILED'] },
  { name: 'unknown field', req: gql('{ site { slug password } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'syntax error', req: gql('{ site { slug '), status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'wrong variable type', req: slugQuery(42), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'object where a slug string goes (operator injection)', req: slugQuery({ $ne: null }), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'missing required variable', req: gql('query($s: String!) { procedure(slug: $s) { slug } }'), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'variables as an array', req: post({ query: '{ site { slug } }', variables: [1] }), status: 400, code: 'BAD_REQUEST' },
  { name: 'query as a number', req: post({ query: 42 }), status: 400, code: 'BAD_REQUEST' },
  { name: 'unknown enum value (locale: fr)', req: gql('{ procedure(slug: "kyphoplasty", locale: fr) { slug } }'), status: 400, code: 'GRAPHQL_VALIDATION_FAILED' },
  { name: 'slug with spaces and capitals', req: slugQuery('Kypho Plasty'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'slug over 100 characters', req: slugQuery('a'.repeat(101)), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'SQL-injection-shaped slug', req: slugQuery("kyphoplasty' OR 1=1--"), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'path-traversal slug', req: slugQuery('../../admin'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'slug with a NUL byte', req: slugQuery('kypho\u0000plasty'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'Strapi filter syntax in a slug', req: slugQuery('kyphoplasty&filters[slug][$ne]=x'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'bad location slug in landingPage', req: gql('{ landingPage(procedure: "kyphoplasty", location: "Chicago IL") { path } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'redirect path that is not a site path', req: gql('{ redirect(path: "https://evil.example/x") { to } }'), status: 200, code: 'BAD_USER_INPUT' },
  { name: 'missing site key', req: post({ query: '{ site { slug } }' }, { 'content-type': 'application/json' }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'unknown site key', req: post({ query: '{ site { slug } }' }, { 'content-type': 'application/json', 'x-site-key': 'guess-1234567' }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'oversized site key', req: post({ query: '{ site { slug } }' }, { 'content-type': 'application/json', 'x-site-key': 'k'.repeat(4000) }), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'forged preview token', req: preview(signPreviewToken('not-the-secret', 'lakeshore-spine')), status: 401, code: 'PREVIEW_TOKEN_INVALID' },
  { name: 'expired preview token', req: preview(signPreviewToken(DEV.previewSecret, 'lakeshore-spine', 60, Date.now() - 3_600_000)), status: 401, code: 'PREVIEW_TOKEN_INVALID' },
  { name: 'other site’s preview token', req: preview(signPreviewToken(DEV.previewSecret, 'northshore-spine-partners')), status: 401, code: 'PREVIEW_TOKEN_INVALID' },
  { name: 'garbage preview token', req: preview('v1.abc.def'), status: 401, code: 'PREVIEW_TOKEN_INVALID' },
  { name: 'webhook without secret', req: webhook('{"event":"entry.publish"}'), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'webhook with wrong secret', req: webhook('{"event":"entry.publish"}', 'Bearer nope'), status: 401, code: 'UNAUTHENTICATED' },
  { name: 'webhook with bad JSON', req: webhook('{"event":', `Bearer ${DEV.webhookSecret}`), status: 400, code: 'BAD_REQUEST' },
  { name: 'webhook with an array body', req: webhook('[1,2]', `Bearer ${DEV.webhookSecret}`), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'webhook entry event without documentId',
    req: webhook('{"event":"entry.publish","uid":"api::location.location","entry":{}}', `Bearer ${DEV.webhookSecret}`),
    status: 400,
    code: 'BAD_REQUEST',
  },
  { name: 'GET with a mutation', req: get({ query: 'mutation { site { slug } }' }), status: 405, code: 'METHOD_NOT_ALLOWED' },
  { name: 'POST with a subscription', req: gql('subscription { site { slug } }'), status: 400, code: 'BAD_REQUEST' },
  { name: 'GET with invalid variables JSON', req: get({ query: '{ site { slug } }', variables: '{nope' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'GET without a query', req: get({}), status: 400, code: 'BAD_REQUEST' },
  {
    name: 'GET with an unknown persisted-query hash',
    req: get({ extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } }) }),
    status: 200,
    code: 'PERSISTED_QUERY_NOT_FOUND',
  },
  { name: 'batched array body', req: post([{ query: '{ site { slug } }' }, { query: '{ site { name } }' }]), status: 400, code: 'BAD_REQUEST' },
  { name: 'two operations without operationName', req: gql('query A { site { slug } } query B { site { name } }'), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'operationName that matches nothing', req: post({ query: 'query A { site { slug } }', operationName: 'B' }), status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  {
    name: 'variable the operation does not declare',
    req: gql('query($s: String!) { procedure(slug: $s) { slug } }', { s: 'kyphoplasty', bust: 'x'.repeat(500) }),
    status: 400,
    code: 'UNKNOWN_VARIABLE',
  },
  { name: 'undeclared variable on an operation without variables', req: get({ query: '{ site { slug } }', variables: '{"n":1}' }), status: 400, code: 'UNKNOWN_VARIABLE' },
  {
    name: 'key of another site on a site-addressed URL',
    req: { method: 'GET', path: '/sites/northshore-spine-partners/graphql', headers: key, query: { query: '{ site { slug } }' } },
    status: 403,
    code: 'SITE_MISMATCH',
  },
  { name: 'no key on a site-addressed URL', req: { method: 'GET', path: '/sites/lakeshore-spine/graphql', query: { query: '{ site { slug } }' } }, status: 401, code: 'UNAUTHENTICATED' },
  { name: 'malformed site in the URL', req: { method: 'GET', path: '/sites/Not_A_Slug/graphql', headers: key, query: { query: '{ site { slug } }' } }, status: 404, code: 'NOT_FOUND' },
  { name: 'documentId that is not a hash', req: get({ documentId: 'nope' }), status: 400, code: 'BAD_REQUEST' },
  { name: 'PUT on /graphql', req: { method: 'PUT', headers: json, body: '{}' }, status: 404, code: 'NOT_FOUND' },
  { name: 'unknown route', req: { method: 'GET', path: '/wp-admin/setup.php', headers: key }, status: 404, code: 'NOT_FOUND' },
];

const LEAKS = [TOKEN, DEV.strapiToken, DEV.webhookSecret, DEV.previewSecret, 'node_modules', 'stacktrace', '/work/', 'sqlite', 'SELECT '];

async function send(c: Case['req']) {
  const qs = c.query ? `?${new URLSearchParams(c.query)}` : '';
  return fetch(`${stack.gateway.url}${c.path ?? '/graphql'}${qs}`, { method: c.method, headers: c.headers, body: c.body });
}

describe('bad input is answered cleanly', () => {
  it(`has at least 40 cases (${cases.length})`, () => expect(cases.length).toBeGreaterThanOrEqual(40));

  it.each(cases)('$name → $status', async (c) => {
    const res = await send(c.req);
    const text = await res.text();
    expect(res.status).toBe(c.status);
    const body = JSON.parse(text);
    const codes = (body.errors ?? []).map((e: any) => e.extensions?.code);
    if (process.env.EDGE_DEBUG) console.log(c.name, res.status, text.slice(0, 300));
    expect(codes.some((code: string) => (Array.isArray(c.code) ? c.code : [c.code]).includes(code))).toBe(true);
    for (const leak of [...LEAKS, stack.strapi.url]) expect(text).not.toContain(leak);
    expect(res.headers.get('x-powered-by')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');

    const normal = await stack.gateway.query(CITY_INTRO, { variables: { slug: 'chicago' } });
    expect(normal.status).toBe(200);
    expect((normal.body.data as any).location.slug).toBe('chicago');
  });
});

describe('scoping and preview never poison the public cache', () => {
  it('site A never sees site B’s city, neither fresh nor from the cache', async () => {
    const q = `{ location(slug: "evanston") { slug } }`;
    const b1 = await stack.gateway.query(q, { siteKey: DEV.siteKeys.northshore });
    expect((b1.body.data as any).location.slug).toBe('evanston');
    for (let i = 0; i < 2; i += 1) {
      const a = await stack.gateway.query(q, { siteKey: DEV.siteKeys.lakeshore });
      expect(a.body.data).toEqual({ location: null });
    }
  });

  it('a preview request reads drafts, bypasses the cache, and leaves the public copy alone', async () => {
    const published = await stack.gateway.query(CITY_INTRO, { variables: { slug: 'chicago' } });
    const draftText = `Draft intro ${Date.now()}`;
    await editChicagoIntro(stack.strapi, draftText, false);
    const token = signPreviewToken(DEV.previewSecret, 'lakeshore-spine');
    const prev = await stack.gateway.query(CITY_INTRO, { variables: { slug: 'chicago' }, headers: { 'x-preview-token': token } });
    expect((prev.body.data as any).location.intro).toBe(draftText);
    expect(prev.headers.get('x-cache')).toBe('BYPASS');
    expect(prev.headers.get('cache-control')).toBe('private, no-store');
    const pub = await stack.gateway.query(CITY_INTRO, { variables: { slug: 'chicago' } });
    expect((pub.body.data as any).location.intro).toBe((published.body.data as any).location.intro);
    expect(['HIT', 'MISS']).toContain(pub.headers.get('x-cache'));

    const page = await fetch(`${stack.gateway.url}/preview/lakeshore-spine/chicago?token=${encodeURIComponent(token)}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(page.headers.get('cache-control')).toBe('private, no-store');
    expect(await page.text()).toContain(draftText);
    const bad = await fetch(`${stack.gateway.url}/preview/northshore-spine-partners/chicago?token=${encodeURIComponent(token)}`);
    expect(bad.status).toBe(401);
  });

  it('Strapi’s preview button leads to the draft of the matching page on the gateway', async () => {
    const draftText = `Preview button draft ${Date.now()}`;
    const documentId = await editChicagoIntro(stack.strapi, draftText, false);
    // The handler Strapi's admin calls for its "Open preview" button (cms/config/admin.ts).
    const handler = stack.strapi.app.config.get('admin.preview.config.handler');
    const url: string = await handler('api::location.location', { documentId, locale: 'en', status: 'draft' });
    const path = new URL(url).pathname + new URL(url).search;
    expect(path).toMatch(/^\/preview\/(lakeshore-spine|northshore-spine-partners)\/chicago\?token=v1\./);
    const page = await fetch(`${stack.gateway.url}${path}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(draftText);
    const landing: string = await handler('api::procedure.procedure', {
      documentId: (await stack.strapi.app.documents('api::procedure.procedure').findFirst({ filters: { slug: 'kyphoplasty' } })).documentId,
      locale: 'es',
      status: 'draft',
    });
    // The Spanish preview opens the Spanish URL: the procedure's Spanish slug.
    expect(new URL(landing).pathname).toMatch(/\/es\/procedures\/cifoplastia$/);
    expect((await fetch(`${stack.gateway.url}${new URL(landing).pathname}${new URL(landing).search}`)).status).toBe(200);
  });

  it('allows CORS only from the sites’ own origins', async () => {
    const pre = (origin: string) =>
      fetch(`${stack.gateway.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-site-key,content-type' } });
    const ok = await pre('https://www.lakeshorespine.example');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://www.lakeshorespine.example');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/x-site-key/);
    const evil = await pre('https://evil.example');
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const hit = await stack.gateway.query('{ site { slug } }', { headers: { origin: 'https://www.northshorespine.example' } });
    expect(hit.headers.get('access-control-allow-origin')).toBe('https://www.northshorespine.example');
  });
});

describe('cost-based budgets', () => {
  let limited: GatewayHandle;
  beforeAll(async () => {
    limited = await startGateway({
      strapiUrl: stack.strapi.url,
      env: {
        STRAPI_TOKEN: TOKEN,
        RATE_LIMIT_MISS_UNITS_PER_WINDOW: '1000',
        RATE_LIMIT_MISS_UNITS_PER_IP_PER_WINDOW: '4',
        RATE_LIMIT_ANON_PER_WINDOW: '3',
        RATE_LIMIT_OPS_PER_WINDOW: '4',
        RATE_LIMIT_WINDOW_SECONDS: '60',
      },
    });
  });
  afterAll(async () => {
    await limited?.stop();
  });

  it('charges misses, not hits: once a client spent its share, its misses get 429 RATE_LIMITED and its hits still answer', async () => {
    const warm = '{ site { slug name } }';
    expect((await limited.query(warm)).status).toBe(200);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i += 1) statuses.push((await limited.query(`{ s${i}: site { slug } }`)).status);
    // The warm query cost one unit, each distinct miss at least one more: the share of 4 runs out.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(3);
    const res = await limited.query('{ fresh: site { slug } }');
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.body.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    for (let i = 0; i < 20; i += 1) {
      const hit = await limited.query(warm);
      expect(hit.status).toBe(200);
      expect(hit.headers.get('x-cache')).toBe('HIT');
    }
    // Another site's key has its own budget.
    expect((await limited.query('{ other: site { slug } }', { siteKey: DEV.siteKeys.northshore })).status).toBe(200);
  });

  it('a forged X-Forwarded-For never changes which budget pays', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      const res = await limited.query(`{ spoof${i}: site { slug } }`, { siteKey: DEV.siteKeys.northshore, headers: { 'x-forwarded-for': `203.0.113.${i + 10}` } });
      statuses.push(res.status);
    }
    // Same socket address for all four: the northshore share (4 units, one spent above) runs out.
    expect(statuses).toContain(429);
  });

  it('limits requests without a valid key per client, and operations endpoints separately', async () => {
    const anon: number[] = [];
    for (let i = 0; i < 5; i += 1) anon.push((await limited.query('{ site { slug } }', { siteKey: 'guess-000000' })).status);
    expect(anon).toEqual([401, 401, 401, 429, 429]);
    const health: number[] = [];
    for (let i = 0; i < 6; i += 1) health.push((await fetch(`${limited.url}/health/live`, { headers: { 'x-forwarded-for': `198.51.100.${i}` } })).status);
    expect(health).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('production mode', () => {
  let prod: GatewayHandle;
  beforeAll(async () => {
    prod = await startGateway({
      strapiUrl: stack.strapi.url,
      env: {
        NODE_ENV: 'production',
        STRAPI_TOKEN: TOKEN,
        WEBHOOK_SECRET: 'prod-webhook-secret-value',
        PREVIEW_SECRET: 'prod-preview-secret-value',
        SITE_KEYS: 'prod-lakeshore-key-1:lakeshore-spine',
        SITE_SERVER_KEYS: 'prod-lakeshore-server-key-1:lakeshore-spine',
      },
    });
  });
  afterAll(async () => {
    await prod?.stop();
  });

  it('disables introspection and GraphiQL, hides field suggestions', async () => {
    const intro = await prod.query('{ __schema { types { name } } }', { siteKey: 'prod-lakeshore-key-1' });
    expect(intro.status).toBe(400);
    const typo = await prod.query('{ sit { slug } }', { siteKey: 'prod-lakeshore-key-1' });
    expect(JSON.stringify(typo.body)).not.toMatch(/Did you mean/);
    const page = await fetch(`${prod.url}/graphql`, { headers: { accept: 'text/html', 'x-site-key': 'prod-lakeshore-key-1' } });
    expect(page.status).toBe(400);
    expect(prod.gateway.config.isProduction).toBe(true);
    const ok = await prod.query('{ site { slug } }', { siteKey: 'prod-lakeshore-key-1' });
    expect((ok.body.data as any).site.slug).toBe('lakeshore-spine');
    expect(ok.headers.get('strict-transport-security')).toMatch(/max-age/);
  });
});

describe('JSON-LD safe to inline', () => {
  it('escapes an editor’s </script> in an FAQ answer, a clinic name and a title, and still parses to what the editor wrote', async () => {
    const evil = '</script><script>alert("x")</script> & more';
    const procedures = stack.strapi.app.documents('api::procedure.procedure');
    const kypho = await procedures.findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft', populate: { faqs: true } });
    const faqs = kypho.faqs.map((f: any, i: number) => ({ question: f.question, answer: i === 0 ? `${f.answer} ${evil}` : f.answer }));
    await procedures.update({ documentId: kypho.documentId, locale: 'en', data: { title: `Kyphoplasty ${evil}`, faqs } });
    await procedures.publish({ documentId: kypho.documentId, locale: 'en' });
    const clinics = stack.strapi.app.documents('api::clinic.clinic');
    const clinic = await clinics.findFirst({ filters: { location: { slug: 'chicago' } }, status: 'draft' });
    await clinics.update({ documentId: clinic.documentId, data: { name: `${clinic.name} ${evil}` } });
    await clinics.publish({ documentId: clinic.documentId });

    const q = '{ landingPage(procedure: "kyphoplasty", location: "chicago") { seo { jsonLd } } procedure(slug: "kyphoplasty") { seo { jsonLd } } }';
    const fresh = async () => {
      const res = await stack.gateway.query(q);
      const text: string = (res.body.data as any).landingPage.seo.jsonLd;
      return text.includes('alert') ? res : undefined;
    };
    let res: Awaited<ReturnType<typeof fresh>>;
    for (let i = 0; i < 100 && !(res = await fresh()); i += 1) await new Promise((r) => setTimeout(r, 20));
    for (const text of [(res!.body.data as any).landingPage.seo.jsonLd, (res!.body.data as any).procedure.seo.jsonLd] as string[]) {
      expect(text).not.toMatch(/[<>&\u2028\u2029]/);
      const values = JSON.stringify(JSON.parse(text));
      expect(values).toContain(`Kyphoplasty ${evil}`.replace(/"/g, '\\"'));
      expect(values).toContain(evil.replace(/"/g, '\\"'));
    }
    expect(JSON.stringify(JSON.parse((res!.body.data as any).landingPage.seo.jsonLd))).toContain(`${clinic.name} ${evil}`.replace(/"/g, '\\"'));
  });
});
