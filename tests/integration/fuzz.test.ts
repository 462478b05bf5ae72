import fc from 'fast-check';
import { signPreviewToken } from '@clinic/shared';
import { DEV } from '../support/dev-env.js';
import { counterSum, rawRequest } from '../support/edge-http.js';
import { CITY_INTRO } from '../support/queries.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';
import { startWeb, WEB_TRUSTED_DOCUMENTS, type WebProcess } from '../support/web-process.js';

/**
 * Issue 19, classes 3 and 4, against the real gateway, Strapi and website:
 * - requests that cannot succeed cost no upstream work (a child sitemap that does not exist is answered
 *   from sitemap.xml, cached, and purged when it starts existing);
 * - property-based (fast-check, fixed seed and run counts): generated GraphQL GET/POST parameters,
 *   headers, variables of any depth, size and type, webhook bodies, sitemap/robots/preview URLs and odd
 *   methods never make the gateway answer 5xx, it keeps answering, and a warm page stays a HIT;
 *   generated website paths never make the website answer 5xx.
 */
const SITE = 'lakeshore-spine';
const KEY = DEV.siteKeys.lakeshore;
const SEED = 19_2026;
// Per property: bounded so that the whole file stays well under 90 s on the loaded 2-core machine.
const RUNS = 150;
const WEB_RUNS = 40;

let stack: Stack;
let web: WebProcess;
let url: string;
beforeAll(async () => {
  stack = await startStack({
    gatewayEnv: {
      TRUSTED_DOCUMENTS: WEB_TRUSTED_DOCUMENTS,
      // Lakeshore's seeded sitemap has 10 URLs (city, landing page, procedure and two clinic pages, in two
      // languages): at 5 per file it is an index of 2 children.
      SITEMAP_MAX_URLS: '5',
      // Generated requests are many from one address: 429s are fine answers, but the properties want the others too.
      RATE_LIMIT_ANON_PER_WINDOW: '100000',
      RATE_LIMIT_OPS_PER_WINDOW: '100000',
      RATE_LIMIT_MISS_UNITS_PER_IP_PER_WINDOW: '100000',
      RATE_LIMIT_MISS_UNITS_PER_WINDOW: '100000',
    },
  });
  url = stack.gateway.url;
  web = await startWeb({ gatewayUrl: url });
}, 180_000);
afterAll(async () => {
  await web?.stop();
  await stack?.stop();
});

const upstreamRequests = () => counterSum(`${url}/metrics`, 'gateway_upstream_request_duration_seconds_count');
const file = (path: string, headers: Record<string, string> = {}) =>
  rawRequest(`${url}/sites/${SITE}/${path}`, {
    headers,
    maxHeaderSize: 65_536,
  });
const codeOf = (text: string) => (JSON.parse(text) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code;

describe('requests that cannot succeed cost no upstream work', () => {
  it('a child sitemap that does not exist is answered 404 from sitemap.xml, cached once for every number, and served once it exists', async () => {
    const index = await file('sitemap.xml');
    expect(index.status).toBe(200);
    expect(index.text.match(/<sitemap>/g)).toHaveLength(2);

    const before = await upstreamRequests();
    const first = await file('sitemaps/3.xml');
    expect(first.status).toBe(404);
    expect(codeOf(first.text)).toBe('NOT_FOUND');
    expect(first.headers['x-cache']).toBe('MISS');
    // Cached like a file: a CDN may keep it too, and it is purged by the tags of what sitemap.xml lists.
    expect(first.headers['cache-control']).toMatch(/^public, .*s-maxage=/);
    expect(first.headers['surrogate-key']).toContain(`site:${SITE}`);
    for (const n of ['3', '4', '999999']) {
      const again = await file(`sitemaps/${n}.xml`);
      expect([again.status, again.headers['x-cache']]).toEqual([404, 'HIT']);
    }
    // Numbers the file grammar refuses (huge, zero, not a number) are 404 before any lookup.
    for (const name of ['99999999999999999999.xml', '0.xml', 'abc.xml', '..%2f..%2fsitemap.xml']) expect((await file(`sitemaps/${name}`)).status).toBe(404);
    expect(await upstreamRequests()).toBe(before);

    // The site starts serving Evanston (its city page, landing page and clinic page, English only): 13 URLs, 3 children.
    const sites = stack.strapi.app.documents('api::site.site');
    const site = await sites.findFirst({
      filters: { slug: SITE },
      status: 'published',
    });
    const evanston = await stack.strapi.app.documents('api::location.location').findFirst({
      filters: { slug: 'evanston' },
      locale: 'en',
      status: 'published',
    });
    await sites.update({
      documentId: site.documentId,
      data: {
        locations: {
          connect: [{ documentId: evanston.documentId, locale: 'en' }],
        },
      },
      status: 'published',
    });
    await waitFor(async () => (await file('sitemaps/3.xml')).status === 200, 10_000, 50);
    const third = await file('sitemaps/3.xml');
    expect(third.headers['content-type']).toMatch(/application\/xml/);
    expect(third.text).toContain('<urlset');
    expect((await file('sitemap.xml')).text.match(/<sitemap>/g)).toHaveLength(3);
    // The next number is again answered without a build.
    const after = await upstreamRequests();
    expect((await file('sitemaps/4.xml')).status).toBe(404);
    expect((await file('sitemaps/4.xml')).headers['x-cache']).toBe('HIT');
    expect(await upstreamRequests()).toBe(after);
  });

  it('a city the site does not serve is null without reading Strapi, and cached', async () => {
    const gql = (query: string) => rawRequest(`${url}/sites/${SITE}/graphql?query=${encodeURIComponent(query)}`, { headers: { 'x-site-key': KEY } });
    const queries = [
      '{ location(slug: "made-up-city") { slug } }',
      '{ landingPage(procedure: "kyphoplasty", location: "made-up-city") { path } }',
      '{ location(slug: "springfield", locale: es) { slug } }',
    ];
    const before = await upstreamRequests();
    for (const q of queries) {
      const first = await gql(q);
      expect(first.status).toBe(200);
      expect(Object.values(JSON.parse(first.text).data)).toEqual([null]);
      expect((await gql(q)).headers['x-cache']).toBe('HIT');
    }
    expect(await upstreamRequests()).toBe(before);
  });

  it('an unknown or malformed site slug is answered 404 without reading Strapi', async () => {
    const before = await upstreamRequests();
    for (const slug of ['no-such-site', 'Not_A_Slug', 'a'.repeat(150)]) {
      for (const path of ['sitemap.xml', 'robots.txt', 'sitemaps/2.xml']) {
        const res = await rawRequest(`${url}/sites/${slug}/${path}`);
        expect(res.status).toBe(404);
        expect(codeOf(res.text)).toBe('NOT_FOUND');
      }
    }
    expect(await upstreamRequests()).toBe(before);
  });
});

// ---------------------------------------------------------------------------------------------------
// Generators

/** Printable ASCII and Latin-1 (what an HTTP header value may carry). */
const headerText = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0xa0, max: 0xff })).map((c) => String.fromCharCode(c)),
    maxLength,
  });

/** JSON nested `depth` levels deep, in arrays or objects. */
const deepJson = fc
  .record({
    depth: fc.integer({ min: 1, max: 10_000 }),
    arrays: fc.boolean(),
    leaf: fc.jsonValue({ maxDepth: 1 }),
  })
  .map(({ depth, arrays, leaf }) => (arrays ? '['.repeat(depth) + JSON.stringify(leaf) + ']'.repeat(depth) : '{"a":'.repeat(depth) + JSON.stringify(leaf) + '}'.repeat(depth)));

/** A JSON text for `variables` or `extensions`: typical, odd types, deep, big, or not JSON at all. */
const jsonParam = fc.oneof(
  fc.constant('{"slug":"chicago"}'),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  deepJson,
  fc
    .record({
      slug: fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null)),
    })
    .map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 2000 }),
  fc.constant(`{"persistedQuery":{"version":1,"sha256Hash":"${'a'.repeat(64)}"}}`),
  fc.constant('{"slug":"' + 'x'.repeat(6000) + '"}'),
);

const QUERIES = [
  CITY_INTRO,
  '{ site { slug } }',
  'mutation { site { slug } }',
  '{ sitemap { url } }',
  'query A { site { slug } } query B { site { name } }',
  '{ redirect(path: "/x") { to } }',
  'subscription { site { slug } }',
];
const queryText = fc.oneof(fc.constantFrom(...QUERIES), fc.string({ maxLength: 500 }), fc.string({ minLength: 9000, maxLength: 12_000 }));

/** A query-string value: well encoded, or raw bytes with broken percent-escapes. */
const qsValue = (value: fc.Arbitrary<string>) =>
  fc.oneof(
    { weight: 4, arbitrary: value.map(encodeURIComponent) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('%', '%ff', '%c3%28', '%00', '%zz', '%E0%80', '+%2'),
    },
  );

const graphqlParams = fc
  .record(
    {
      query: qsValue(queryText),
      variables: qsValue(jsonParam),
      extensions: qsValue(jsonParam),
      operationName: qsValue(fc.oneof(fc.constantFrom('City', 'A', ''), fc.string({ maxLength: 200 }))),
      documentId: qsValue(fc.oneof(fc.stringMatching(/^[a-f0-9]{64}$/), fc.string({ maxLength: 100 }))),
    },
    { requiredKeys: [] },
  )
  .chain((params) =>
    fc.boolean().map((repeat) =>
      Object.entries(params)
        .flatMap(([k, v]) => (repeat ? [`${k}=${v}`, `${k}=${v}`] : [`${k}=${v}`]))
        .join('&'),
    ),
  );

const siteSlug = fc.oneof(
  { weight: 6, arbitrary: fc.constant(SITE) },
  fc.constantFrom('northshore-spine-partners', 'no-such-site', 'Not_A_Slug', '%ff', '%', '..', 'a'.repeat(250)),
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
);

const edgeHeaders = fc.record(
  {
    'x-site-key': fc.oneof({ weight: 4, arbitrary: fc.constant(KEY) }, fc.constant(DEV.siteKeys.northshore), headerText(5000)),
    'accept-encoding': fc.oneof(fc.constantFrom('br', 'gzip, deflate, br', '*;q=0', 'br;q=abc, *;q=', 'identity;q=0'), headerText(600)),
    'if-none-match': headerText(200),
    'x-preview-token': fc.oneof(headerText(300), fc.constant(signPreviewToken(DEV.previewSecret, SITE)), fc.constant(signPreviewToken('not-the-secret', SITE))),
    origin: fc.oneof(fc.constant('https://www.lakeshorespine.example'), headerText(100)),
    'x-request-id': headerText(300),
    'access-control-request-method': fc.constantFrom('GET', 'POST', 'DELETE'),
    'content-type': fc.constantFrom('application/json', 'application/json; charset=utf-8', 'text/plain', 'application/graphql-response+json', 'application/json; charset=latin1'),
  },
  { requiredKeys: [] },
);

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'] as const;

/** A POST body: a GraphQL request with fields of any type and depth, or anything else. */
const postBody = fc.oneof(
  // A real operation with deep variables or extensions: what overflowed the stack before validation.
  fc.tuple(fc.constantFrom('variables', 'extensions'), deepJson).map(([field, deep]) => `{"query":${JSON.stringify(CITY_INTRO)},"${field}":{"slug":${deep}}}`),
  fc
    .record(
      {
        query: fc.oneof(queryText, fc.jsonValue({ maxDepth: 2 })),
        variables: fc.jsonValue({ maxDepth: 5 }),
        operationName: fc.jsonValue({ maxDepth: 1 }),
        extensions: fc.jsonValue({ maxDepth: 3 }),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
  deepJson,
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 3000 }),
  fc.constant(JSON.stringify({ query: `{ site { slug } } # ${'x'.repeat(70_000)}` })),
);

/** Bodies as bytes: valid UTF-8 text, or arbitrary bytes (invalid UTF-8 included). */
const bodyBytes = fc.oneof({ weight: 4, arbitrary: postBody.map((s) => new TextEncoder().encode(s)) }, fc.uint8Array({ maxLength: 2000 }));

/** A webhook body with the right secret: Strapi's shape with fields of odd types and sizes, or not JSON. */
const webhookBody = fc.oneof(
  fc
    .record(
      {
        event: fc.oneof(
          fc.constantFrom('entry.publish', 'entry.unpublish', 'entry.delete', 'entry.update', 'entry.create', 'media.update', 'media.delete', 'trigger-test'),
          fc.string({ maxLength: 200 }),
        ),
        uid: fc.oneof(fc.constantFrom('api::location.location', 'api::procedure.procedure', 'api::clinic.clinic', 'api::site.site', 'plugin::upload.file'), fc.string({ maxLength: 5000 })),
        model: fc.string({ maxLength: 300 }),
        entry: fc.record(
          {
            // Existing documents are never named (random ids): the warm page must not be purged by this property.
            id: fc.oneof(fc.integer(), fc.double(), fc.constant(1e308), fc.string({ maxLength: 50 }), fc.constant(Number.MAX_SAFE_INTEGER + 2)),
            documentId: fc.oneof(fc.stringMatching(/^[a-z0-9]{24}$/), fc.string({ maxLength: 200 }), fc.string({ minLength: 10_000, maxLength: 60_000 }), fc.integer()),
            locale: fc.oneof(fc.constantFrom('en', 'es', '*', ''), fc.string({ maxLength: 3000 }), fc.constant(null)),
            publishedAt: fc.oneof(fc.constant('2026-01-01T00:00:00.000Z'), fc.jsonValue({ maxDepth: 2 })),
          },
          { requiredKeys: [] },
        ),
        media: fc.record(
          {
            id: fc.oneof(fc.integer({ min: 10_000_000 }), fc.double(), fc.constant(1e308), fc.string({ maxLength: 20 })),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: ['event'] },
    )
    .map((v) => JSON.stringify(v)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  deepJson,
  fc.string({ maxLength: 2000 }),
);

const siteFilePath = fc
  .tuple(
    siteSlug,
    fc.oneof(
      fc.constantFrom('sitemap.xml', 'robots.txt', 'sitemaps/1.xml', 'sitemaps/2.xml', 'sitemaps/0.xml'),
      fc.nat().map((n) => `sitemaps/${n}.xml`),
      fc.bigInt({ min: 0n, max: 10n ** 40n }).map((n) => `sitemaps/${n}.xml`),
      fc.string({ maxLength: 60 }).map((s) => `sitemaps/${encodeURIComponent(s)}`),
      fc.constantFrom('sitemaps/%ff.xml', 'sitemaps/..%2f..%2fx', 'sitemaps/', 'sitemap.xml/..', 'robots.txt%00'),
    ),
  )
  .map(([slug, rest]) => `/sites/${slug}/${rest}`);

const previewPath = fc
  .tuple(
    siteSlug,
    fc.array(fc.oneof(fc.constantFrom('chicago', 'es', 'procedures', 'kyphoplasty', 'evanston', '%ff', '..', ''), fc.string({ maxLength: 30 }).map(encodeURIComponent)), {
      maxLength: 6,
    }),
    fc.oneof(
      fc.constant(signPreviewToken(DEV.previewSecret, SITE)),
      fc.constant(signPreviewToken(DEV.previewSecret, 'northshore-spine-partners')),
      fc.string({ maxLength: 2000 }).map(encodeURIComponent),
      fc.constantFrom('%ff', '%', 'v1.a.b'),
    ),
  )
  .map(([slug, segments, token]) => `/preview/${slug}/${segments.join('/')}?token=${token}`);

const otherPath = fc.oneof(
  fc.constantFrom('/metrics', '/health/live', '/health/ready', '/webhooks/strapi', '/graphql', '/', '/sites', '/sites/', `/sites/${SITE}`, '/%ff', '/_next/image?url=x'),
  fc.array(fc.oneof(fc.string({ maxLength: 20 }).map(encodeURIComponent), fc.constantFrom('%ff', '%', '..', 'sites', 'graphql')), { maxLength: 5 }).map((s) => `/${s.join('/')}`),
  fc.tuple(fc.constantFrom('/metrics', '/health/ready', '/health/live'), fc.string({ maxLength: 50 })).map(([p, q]) => `${p}?${encodeURIComponent(q)}=%ff`),
);

// ---------------------------------------------------------------------------------------------------
// The properties

const WARM = `/sites/${SITE}/graphql?query=${encodeURIComponent(CITY_INTRO)}&variables=${encodeURIComponent('{"slug":"chicago"}')}`;

/** Sends one generated request: below 500, and a refusal carries a stable `extensions.code`. */
async function expectNo5xx(method: string, path: string, headers: Record<string, string>, body?: Uint8Array | string) {
  let status: number;
  let text: string;
  if (body === undefined) {
    const res = await rawRequest(`${url}${path}`, { method, headers, maxHeaderSize: 65_536 });
    [status, text] = [res.status, res.text];
  } else {
    const res = await fetch(`${url}${path}`, { method, headers, body });
    [status, text] = [res.status, await res.text()];
  }
  const what = `${method} ${path.slice(0, 200)} → ${status}`;
  if (status >= 500) throw new Error(what);
  // Every refusal names a stable code, in the one error shape (HEAD and 304 carry no body).
  if (status >= 400 && method !== 'HEAD') {
    let code: unknown;
    try {
      code = (JSON.parse(text) as { errors?: Array<{ extensions?: { code?: unknown } }> }).errors?.[0]?.extensions?.code;
    } catch {
      code = undefined;
    }
    if (typeof code !== 'string' || !/^[A-Z_]+$/.test(code)) throw new Error(`${what} without an error code: ${text.slice(0, 200)}`);
  }
}

describe('generated input never makes the gateway answer 5xx', () => {
  beforeAll(async () => {
    await rawRequest(`${url}${WARM}`, { headers: { 'x-site-key': KEY } });
    expect((await rawRequest(`${url}${WARM}`, { headers: { 'x-site-key': KEY } })).headers['x-cache']).toBe('HIT');
  });

  afterEach(async () => {
    // The process stays up and keeps serving its warm page from the cache.
    expect((await rawRequest(`${url}/health/live`)).status).toBe(200);
    const warm = await rawRequest(`${url}${WARM}`, {
      headers: { 'x-site-key': KEY },
    });
    expect([warm.status, warm.headers['x-cache']]).toEqual([200, 'HIT']);
  });

  const params = { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: 20_000 };

  // The examples issue 19 reported (each answered 500 before), then the generated ones.
  const gqlUrl = `/sites/${SITE}/graphql?query=${encodeURIComponent(CITY_INTRO)}&variables=${encodeURIComponent('{"slug":"chicago"}')}`;
  const hook = { 'content-type': 'application/json', authorization: `Bearer ${DEV.webhookSecret}` };
  const entry = (e: Record<string, unknown>) => JSON.stringify({ event: 'entry.publish', uid: 'api::location.location', entry: e });
  it.each([
    ['HEAD on a site-addressed GraphQL URL', 'HEAD', gqlUrl, { 'x-site-key': KEY }, undefined, 200],
    [
      'deeply nested variables (5,000 levels, 30 KB)',
      'POST',
      '/graphql',
      { 'x-site-key': KEY, 'content-type': 'application/json' },
      `{"query":${JSON.stringify(CITY_INTRO)},"variables":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`,
      400,
    ],
    ['a webhook with an oversized document id', 'POST', '/webhooks/strapi', hook, entry({ id: 1, documentId: 'x'.repeat(60_000) }), 400],
    ['a webhook with an id that is not a row id', 'POST', '/webhooks/strapi', hook, entry({ id: 1e308, documentId: 'h8v2q0t1k9c4m6d3p5r7s1w2' }), 400],
    ['invalid percent-encoding in a site path', 'GET', '/sites/%ff/sitemap.xml', {}, undefined, 400],
    ['an over-long site segment', 'GET', `/sites/${'a'.repeat(300)}/robots.txt`, {}, undefined, 414],
  ] as const)('%s', async (_name, method, path, headers, body, status) => {
    const res = body === undefined ? await rawRequest(`${url}${path}`, { method, headers }) : await fetch(`${url}${path}`, { method, headers, body });
    expect(res.status).toBe(status);
    await expectNo5xx(method, path, { ...headers }, body);
  });

  it('GraphQL over GET and HEAD: generated parameters, headers, paths', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('GET', 'HEAD'),
        fc.oneof(
          fc.constant('/graphql'),
          siteSlug.map((s) => `/sites/${s}/graphql`),
        ),
        graphqlParams,
        edgeHeaders,
        // Only over the raw client: fetch refuses an Expect header.
        fc.option(fc.constantFrom('100-continue', 'nothing-you-know'), { nil: undefined }),
        async (method, path, qs, headers, expectation) => {
          const { 'content-type': _ignored, ...h } = headers;
          await expectNo5xx(method, `${path}?${qs}`, expectation ? { ...h, expect: expectation } : h);
        },
      ),
      params,
    );
  }, 60_000);

  it('GraphQL over POST: generated bodies (any type, depth, size, invalid UTF-8) and headers', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/graphql', `/sites/${SITE}/graphql`), bodyBytes, edgeHeaders, async (path, body, generated) => {
        // Mostly a valid key and JSON, so that bodies reach every step; the generated headers override them half of the time.
        const headers = { 'content-type': 'application/json', 'x-site-key': KEY, ...generated };
        // fetch refuses Latin-1 header values; the GET property covers them.
        const h = Object.fromEntries(Object.entries(headers).filter(([, v]) => /^[\x20-\x7e]*$/.test(v)));
        await expectNo5xx('POST', path, h, body);
      }),
      params,
    );
  }, 60_000);

  it('webhooks with the right secret: generated bodies', async () => {
    await fc.assert(
      fc.asyncProperty(webhookBody, fc.constantFrom('application/json', 'text/plain', 'application/json; charset=utf-8'), async (body, type) => {
        await expectNo5xx(
          'POST',
          '/webhooks/strapi',
          {
            'content-type': type,
            authorization: `Bearer ${DEV.webhookSecret}`,
          },
          body,
        );
      }),
      params,
    );
  }, 60_000);

  it('sitemap, robots, preview and every other route, with any method', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...METHODS), fc.oneof(siteFilePath, previewPath, otherPath), fc.option(edgeHeaders, { nil: undefined }), async (method, path, headers) => {
        const { 'content-type': type, ...h } = headers ?? {};
        if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
          const ascii = Object.fromEntries(Object.entries(h).filter(([, v]) => /^[\x20-\x7e]*$/.test(v)));
          await expectNo5xx(method, path, { ...ascii, 'content-type': type ?? 'application/json' }, '{}');
        } else {
          await expectNo5xx(method, path, h);
        }
      }),
      params,
    );
  }, 60_000);
});

// ---------------------------------------------------------------------------------------------------
// The website (Next.js, web/): the same promise for its paths. Kept here although the website is
// being reworked elsewhere: these are the cases its fix must pass.

async function expectWebNo5xx(path: string) {
  const res = await web.get(path);
  if (res.status >= 500) throw new Error(`GET ${path.slice(0, 200)} → ${res.status}`);
}

describe('generated paths never make the website answer 5xx', () => {
  const label = (path: string) => (path.length > 80 ? `${path.slice(0, 40)}… (${path.length} characters)` : path);
  it.each(
    [
      '/%ff',
      '/chicago/%ff',
      '/%',
      '/_next/image?url=%ff&w=64&q=75',
      '/_next/image?url=https://evil.example/x.png&w=64&q=75',
      '/_next/image?url=/icon.svg&w=1&q=1',
      '/_next/image?url=&w=&q=',
      '/_next/image?url=%2F%ff&w=64&q=75',
      '/_next/image?url=//evil.example/x.png&w=64&q=75',
      '/_next/image?url=/no-such-file.png&w=64&q=75',
      '/_next/image?url=/icon.svg&w=abc&q=-1',
      '/es/%c3%28',
      '/preview/lakeshore-spine/chicago?token=%ff',
      `/${'a'.repeat(3000)}`,
    ].map((path) => [label(path), path]),
  )('%s', async (_label, path) => {
    await expectWebNo5xx(path);
  });

  it('generated paths', async () => {
    const segment = fc.oneof(
      fc.constantFrom('chicago', 'es', 'procedures', 'kyphoplasty', 'preview', SITE, '_next', 'image', '..', '%ff', '%', '%2f', 'sitemap.xml', 'robots.txt'),
      fc.string({ maxLength: 20 }).map(encodeURIComponent),
    );
    const query = fc.option(
      fc.record(
        {
          url: fc.oneof(fc.string({ maxLength: 50 }).map(encodeURIComponent), fc.constantFrom('%ff', '/icon.svg', 'http://127.0.0.1:1/x')),
          w: fc.oneof(fc.nat(5000).map(String), fc.string({ maxLength: 5 })),
          q: fc.nat(200).map(String),
        },
        { requiredKeys: [] },
      ),
      { nil: undefined },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { maxLength: 4 }), query, async (segments, q) => {
        const qs = q
          ? `?${Object.entries(q)
              .map(([k, v]) => `${k}=${v}`)
              .join('&')}`
          : '';
        await expectWebNo5xx(`/${segments.join('/')}${qs}`);
      }),
      {
        seed: SEED,
        numRuns: WEB_RUNS,
        endOnFailure: true,
        interruptAfterTimeLimit: 20_000,
      },
    );
    expect((await web.get('/chicago/kyphoplasty')).status).toBe(200);
  }, 60_000);
});
