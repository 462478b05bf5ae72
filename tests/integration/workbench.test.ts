import { signPreviewToken } from '@clinic/shared';
import { DEV } from '../support/dev-env.js';
import { freePort } from '../support/ports.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * The SEO workbench's report (README, "SEO workbench"), against the real Strapi and gateway: a document's
 * pages on one site as the gateway composes them from drafts, never cached; its checks; scoped to the
 * token's site (a procedure both sites offer appears on each with that site's pages and domain); bad
 * tokens and bad input answer stable codes. The CMS's routes: the panel's report and the "Weakest pages" list
 * (the gateway's /uniqueness answer with preview links), as the Editor.
 */
let stack: Stack;
const LAKESHORE = 'lakeshore-spine';
const NORTHSHORE = 'northshore-spine-partners';
const tokens: Record<string, string> = { [LAKESHORE]: signPreviewToken(DEV.previewSecret, LAKESHORE), [NORTHSHORE]: signPreviewToken(DEV.previewSecret, NORTHSHORE) };
let kyphoplasty: string;
let chicago: string;

beforeAll(async () => {
  stack = await startStack();
  kyphoplasty = (await stack.strapi.app.documents('api::procedure.procedure').findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en', status: 'draft' })).documentId;
  chicago = (await stack.strapi.app.documents('api::location.location').findFirst({ filters: { slug: 'chicago' }, locale: 'en', status: 'draft' })).documentId;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

/** `token`: the site's own by default, `null` for none. */
const report = (site: string, params: Record<string, string>, token: string | null = tokens[site] ?? null) =>
  fetch(`${stack.gateway.url}/workbench/${site}/report?${new URLSearchParams({ ...(token === null ? {} : { token }), ...params })}`);

const json = async (res: Response) => ({ status: res.status, headers: res.headers, body: (await res.json()) as any });
const page = (body: any, path: string) => body.pages.find((p: any) => p.path === path);
const check = (p: any, id: string) => p.checks.find((c: any) => c.id === id);

async function updateDraft(uid: string, documentId: string, data: Record<string, unknown>, populate?: Record<string, unknown>) {
  const docs = stack.strapi.app.documents(uid);
  const current = populate ? await docs.findOne({ documentId, locale: 'en', status: 'draft', populate }) : undefined;
  const merged = current ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, v && typeof v === 'object' ? { ...stripIds(current[k]), ...v } : v])) : data;
  await docs.update({ documentId, locale: 'en', data: merged });
}
const stripIds = (component: Record<string, unknown> | null | undefined) => {
  if (!component) return {};
  const { id: _id, ogImage, ...rest } = component as Record<string, any>;
  return { ...rest, ...(ogImage ? { ogImage: ogImage.id } : {}) };
};

describe('GET /workbench/<site>/report', () => {
  it('shows the draft, composed by the gateway, and never from a cache', async () => {
    const before = await json(await report(LAKESHORE, { type: 'procedure', documentId: kyphoplasty, locale: 'en' }));
    expect(before.status).toBe(200);
    expect(before.headers.get('cache-control')).toBe('private, no-store');
    expect(before.headers.get('x-cache')).toBe('BYPASS');
    // The article and its landing page in the one city Lakeshore serves.
    expect(before.body.pages.map((p: any) => p.path).sort()).toEqual(['/chicago/kyphoplasty', '/procedures/kyphoplasty']);
    const published = await stack.gateway.query<any>('{ procedure(slug: "kyphoplasty") { seo { title description canonicalUrl robots ogImage alternates { hreflang url } } } }');
    const article = page(before.body, '/procedures/kyphoplasty');
    // Exactly what the public page's head carries (no second composition).
    expect(article.seo).toEqual({
      canonicalUrl: published.body.data.procedure.seo.canonicalUrl,
      robots: published.body.data.procedure.seo.robots,
      alternates: published.body.data.procedure.seo.alternates,
    });
    expect(article.google).toMatchObject({
      title: published.body.data.procedure.seo.title,
      description: published.body.data.procedure.seo.description,
      url: 'https://www.lakeshorespine.example/procedures/kyphoplasty',
      displayUrl: 'www.lakeshorespine.example › procedures › kyphoplasty',
    });
    expect(article.social).toMatchObject({ title: article.google.title, description: article.google.description });
    expect(article.checks.map((c: any) => c.id)).toEqual(['title-length', 'description-length', 'description-unique', 'image-alt', 'canonical', 'robots', 'hreflang', 'internal-links']);
    for (const c of article.checks) expect(['pass', 'warn', 'fail']).toContain(c.verdict);
    expect(check(article, 'hreflang')).toMatchObject({ verdict: 'pass', details: { hreflang: ['en-US', 'es-US', 'x-default'] } });
    expect(check(article, 'canonical').verdict).toBe('pass');

    // A draft title, saved but not published: the report shows it at once, twice in a row.
    for (const n of [1, 2]) {
      const title = `Kyphoplasty draft title ${n} ${Date.now()}`;
      await updateDraft('api::procedure.procedure', kyphoplasty, { seo: { metaTitle: title } }, { seo: { populate: { ogImage: true } } });
      const after = await json(await report(LAKESHORE, { type: 'procedure', documentId: kyphoplasty, locale: 'en' }));
      expect(page(after.body, '/procedures/kyphoplasty').google.title).toBe(title);
    }
    // The public page still has the published title.
    const still = await stack.gateway.query<any>('{ procedure(slug: "kyphoplasty") { seo { title } } }');
    expect(still.body.data.procedure.seo.title).toBe(published.body.data.procedure.seo.title);
  });

  it('a document on two sites: each site’s report has its own pages on its own domain', async () => {
    const north = await json(await report(NORTHSHORE, { type: 'procedure', documentId: kyphoplasty, locale: 'en' }));
    expect(north.status).toBe(200);
    expect(north.body.site).toMatchObject({ slug: NORTHSHORE, domain: 'https://www.northshorespine.example' });
    // Northshore serves Chicago and Evanston, Lakeshore only Chicago.
    expect(north.body.pages.map((p: any) => p.path).sort()).toEqual(['/chicago/kyphoplasty', '/evanston/kyphoplasty', '/procedures/kyphoplasty']);
    expect(page(north.body, '/chicago/kyphoplasty').google.url).toBe('https://www.northshorespine.example/chicago/kyphoplasty');
    expect(page(north.body, '/procedures/kyphoplasty').google.url).toBe('https://www.northshorespine.example/procedures/kyphoplasty');
    // Without a locale: every locale the document exists in.
    const all = await json(await report(LAKESHORE, { type: 'procedure', documentId: kyphoplasty }));
    expect(new Set(all.body.pages.map((p: any) => p.locale))).toEqual(new Set(['en', 'es']));
    // The Spanish pages by their Spanish URL slug (/es/chicago/cifoplastia).
    expect(all.body.pages.map((p: any) => p.path)).toEqual(expect.arrayContaining(['/es/procedures/cifoplastia', '/es/chicago/cifoplastia']));
    // Evanston is Northshore's only: on Lakeshore the city has no page at all.
    const evanston = (await stack.strapi.app.documents('api::location.location').findFirst({ filters: { slug: 'evanston' }, locale: 'en', status: 'draft' })).documentId;
    const evanstonOnLake = await json(await report(LAKESHORE, { type: 'location', documentId: evanston }));
    expect([evanstonOnLake.status, evanstonOnLake.body.pages]).toEqual([200, []]);
    expect((await json(await report(NORTHSHORE, { type: 'location', documentId: evanston, locale: 'en' }))).body.pages.map((p: any) => p.path)).toContain('/evanston');
  });

  it("a landing page carries the uniqueness guard's score of the published page (the same as /uniqueness), other pages none", async () => {
    const published = async (site: string, locale: string) =>
      (await json(await fetch(`${stack.gateway.url}/uniqueness/${site}?${new URLSearchParams({ token: tokens[site], locale })}`))).body.pages as any[];
    const asPanel = (p: any) => ({ score: p.score, nearest: p.nearest, belowThreshold: p.belowThreshold });

    // Northshore: Chicago and Evanston share the article's summary, so each is the other's nearest sibling.
    const north = await json(await report(NORTHSHORE, { type: 'procedure', documentId: kyphoplasty, locale: 'en' }));
    const northScores = await published(NORTHSHORE, 'en');
    for (const path of ['/chicago/kyphoplasty', '/evanston/kyphoplasty']) {
      const own = page(north.body, path).uniqueness;
      expect(own).toEqual(asPanel(northScores.find((p) => p.path === path)));
      expect(own.score).toBeGreaterThanOrEqual(0);
      expect(own.score).toBeLessThanOrEqual(1);
    }
    expect(page(north.body, '/chicago/kyphoplasty').uniqueness.nearest).toEqual({ path: '/evanston/kyphoplasty', city: 'Evanston' });
    expect(page(north.body, '/procedures/kyphoplasty').uniqueness).toBeUndefined();

    // Lakeshore serves Chicago alone: no sibling, all its own. The Spanish page is found by its Spanish URL slug.
    const lake = await json(await report(LAKESHORE, { type: 'procedure', documentId: kyphoplasty }));
    expect(page(lake.body, '/chicago/kyphoplasty').uniqueness).toEqual({ score: 1, nearest: null, belowThreshold: false });
    expect(page(lake.body, '/es/chicago/cifoplastia').uniqueness).toEqual(asPanel((await published(LAKESHORE, 'es')).find((p) => p.path === '/es/chicago/cifoplastia')));
  });

  it('the other types: a city, a landing-page override, a clinic', async () => {
    const city = await json(await report(LAKESHORE, { type: 'location', documentId: chicago, locale: 'en' }));
    expect(city.body.pages.map((p: any) => p.path).sort()).toEqual(['/chicago', '/chicago/kyphoplasty']);
    const override = await stack.strapi.app.documents('api::landing-page.landing-page').findFirst({ locale: 'en', status: 'draft', filters: { location: { slug: 'chicago' } } });
    const landing = await json(await report(LAKESHORE, { type: 'landingPage', documentId: override.documentId, locale: 'en' }));
    expect(landing.body.pages.map((p: any) => [p.kind, p.path])).toEqual([['landingPage', '/chicago/kyphoplasty']]);
    const clinic = await stack.strapi.app.documents('api::clinic.clinic').findFirst({ status: 'draft', filters: { location: { slug: 'chicago' } } });
    const clinicReport = await json(await report(LAKESHORE, { type: 'clinic', documentId: clinic.documentId, locale: 'en' }));
    expect(clinicReport.body.pages.map((p: any) => p.path)).toEqual([`/clinics/${clinic.slug}`, '/chicago/kyphoplasty']);
  });

  it('checks: broken and redirected links, an image without alt, a duplicate description, noindex', async () => {
    // An old city slug that a redirect answers (as publishing a slug change records).
    await stack.strapi.app.documents('api::slug-redirect.slug-redirect').create({ data: { type: 'location', fromSlug: 'chi-town', toSlug: 'chicago' } });
    const intro = [
      'Spine care in Chicago. Read about [kyphoplasty](/chicago/kyphoplasty), our [Evanston partners](/evanston) and [a page that never was](/chicago/no-such-procedure).',
      'Our old address: [Chi-Town kyphoplasty](/chi-town/kyphoplasty).',
      'Also [the article](https://www.lakeshorespine.example/procedures/kyphoplasty#risks), [elsewhere](https://example.org/chicago) and [home](/).',
      '![](/uploads/spine.png)',
    ].join('\n\n');
    const duplicate = 'Spine care in Chicago: the same words as another page of this site, which Google cannot tell apart.';
    const overrides = stack.strapi.app.documents('api::landing-page.landing-page');
    const override = await overrides.findFirst({ locale: 'en', status: 'draft', filters: { location: { slug: 'chicago' } } });
    const withSeo = { seo: { populate: { ogImage: true } } };
    await updateDraft('api::location.location', chicago, { intro, seo: { metaDescription: duplicate } }, withSeo);
    await updateDraft('api::landing-page.landing-page', override.documentId, { seo: { metaDescription: duplicate } }, withSeo);

    const { body } = await json(await report(LAKESHORE, { type: 'location', documentId: chicago, locale: 'en' }));
    const city = page(body, '/chicago');
    expect(city.google.description).toBe(duplicate);
    // /evanston is Northshore's city: on this site it is a link to nowhere, as is a made-up procedure.
    expect(check(city, 'internal-links')).toMatchObject({ verdict: 'fail', details: { broken: ['/evanston', '/chicago/no-such-procedure'] } });
    expect(check(city, 'internal-links').message).not.toMatch(/kyphoplasty\)|\/procedures\/kyphoplasty|example\.org/);
    // Without the broken ones, the redirected link alone is a warning naming where it leads.
    await updateDraft('api::location.location', chicago, { intro: intro.replace(/\[Evanston partners\]\(\/evanston\)|\[a page that never was\]\([^)]*\)/g, '') });
    const redirected = page((await json(await report(LAKESHORE, { type: 'location', documentId: chicago, locale: 'en' }))).body, '/chicago');
    expect(check(redirected, 'internal-links')).toMatchObject({ verdict: 'warn', details: { redirected: [{ from: '/chi-town/kyphoplasty', to: '/chicago/kyphoplasty' }] } });
    expect(check(city, 'image-alt')).toMatchObject({ verdict: 'fail', details: { missing: ['/uploads/spine.png'] } });
    expect(check(city, 'description-unique')).toMatchObject({ verdict: 'fail', details: { paths: ['/chicago/kyphoplasty'] } });
    expect(check(page(body, '/chicago/kyphoplasty'), 'description-unique')).toMatchObject({ verdict: 'fail', details: { paths: ['/chicago'] } });
    expect(check(city, 'robots').verdict).toBe('pass');

    // The landing page made noindex: it no longer competes in Google, and says so itself.
    await updateDraft('api::landing-page.landing-page', override.documentId, { seo: { noIndex: true } }, withSeo);
    const after = (await json(await report(LAKESHORE, { type: 'location', documentId: chicago, locale: 'en' }))).body;
    expect(check(page(after, '/chicago'), 'description-unique').verdict).toBe('pass');
    expect(check(page(after, '/chicago/kyphoplasty'), 'robots')).toMatchObject({ verdict: 'warn', details: { robots: 'noindex, nofollow' } });
  });

  it('refuses bad tokens and bad input with stable codes, and the process stays up', async () => {
    const q = { type: 'procedure', documentId: kyphoplasty };
    const cases: Array<[string, Record<string, string>, string | null, number, string]> = [
      [LAKESHORE, q, null, 401, 'PREVIEW_TOKEN_INVALID'],
      [LAKESHORE, q, 'v1.e30.AAAA', 401, 'PREVIEW_TOKEN_INVALID'],
      [LAKESHORE, q, tokens[NORTHSHORE], 401, 'PREVIEW_TOKEN_INVALID'],
      [LAKESHORE, q, signPreviewToken('not-the-secret', LAKESHORE), 401, 'PREVIEW_TOKEN_INVALID'],
      [LAKESHORE, { ...q, type: 'site' }, tokens[LAKESHORE], 400, 'BAD_REQUEST'],
      [LAKESHORE, { ...q, documentId: '../../x' }, tokens[LAKESHORE], 400, 'BAD_REQUEST'],
      [LAKESHORE, { ...q, locale: 'fr' }, tokens[LAKESHORE], 400, 'BAD_REQUEST'],
      [LAKESHORE, { documentId: kyphoplasty }, tokens[LAKESHORE], 400, 'BAD_REQUEST'],
      [LAKESHORE, { ...q, documentId: 'x'.repeat(65) }, tokens[LAKESHORE], 400, 'BAD_REQUEST'],
      [LAKESHORE, q, '%ff', 401, 'PREVIEW_TOKEN_INVALID'],
      [LAKESHORE, q, 'x'.repeat(5000), 401, 'PREVIEW_TOKEN_INVALID'],
      ['no-such-site', q, tokens[LAKESHORE], 404, 'NOT_FOUND'],
    ];
    for (const [site, params, token, status, code] of cases) {
      const res = await json(await report(site, params, token));
      expect([site, params, res.status, res.body.errors?.[0]?.extensions?.code]).toEqual([site, params, status, code]);
      expect(res.headers.get('cache-control')).toMatch(/no-store/);
    }
    // Repeated parameters are not one value.
    const repeated = await fetch(`${stack.gateway.url}/workbench/${LAKESHORE}/report?token=${encodeURIComponent(tokens[LAKESHORE])}&type=procedure&type=location&documentId=${kyphoplasty}`);
    expect([repeated.status, ((await repeated.json()) as any).errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    // An unknown document is no page, not an error.
    expect((await json(await report(LAKESHORE, { type: 'procedure', documentId: 'abcdefghijklmnopqrstuvwx' }))).body.pages).toEqual([]);
    expect((await fetch(`${stack.gateway.url}/health/live`)).status).toBe(200);
  });
});

/** The Editor's admin API header, logged in once (Strapi rate-limits logins). */
let editorAuth: Record<string, string> | undefined;
async function asEditor(): Promise<Record<string, string>> {
  if (editorAuth) return editorAuth;
  const login = await fetch(`${stack.strapi.url}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEV.editor.email, password: DEV.editor.password }),
  });
  expect(login.status).toBe(200);
  editorAuth = { authorization: `Bearer ${((await login.json()) as any).data.token}` };
  return editorAuth;
}

/** Runs `fn` with the Editor role's plugin::seo-workbench.read taken away, then gives it back. */
async function withoutWorkbenchRight(fn: () => Promise<void>) {
  const app = stack.strapi.app;
  const editor = await app.db.query('admin::user').findOne({ where: { email: DEV.editor.email }, populate: ['roles'] });
  const where = { role: { id: editor.roles[0].id }, action: 'plugin::seo-workbench.read' };
  const granted = await app.db.query('admin::permission').findOne({ where });
  expect(granted).toBeTruthy();
  await app.db.query('admin::permission').delete({ where: { id: granted.id } });
  try {
    await fn();
  } finally {
    await app.service('admin::role').addPermissions(editor.roles[0].id, [{ action: 'plugin::seo-workbench.read', subject: null, properties: {}, conditions: [] }]);
  }
}

describe('the CMS side: GET /seo-workbench/report (admin API)', () => {
  it('asks the gateway for each site with a preview token, as the Editor; refuses bad input and missing rights', async () => {
    const auth = await asEditor();
    const cms = (params: Record<string, string>, headers: Record<string, string> = auth) => fetch(`${stack.strapi.url}/seo-workbench/report?${new URLSearchParams(params)}`, { headers });

    const res = await cms({ uid: 'api::procedure.procedure', documentId: kyphoplasty });
    expect(res.status).toBe(200);
    const { sites } = ((await res.json()) as any).data;
    expect(sites.map((s: any) => s.site.slug)).toEqual([LAKESHORE, NORTHSHORE]);
    for (const { site, pages } of sites) {
      for (const p of pages) {
        const link = new URL(p.previewUrl);
        expect(`${link.origin}${link.pathname}`).toBe(`${stack.gateway.url}/preview/${site.slug}${p.path}`);
        // The link works: the token is that site's.
        expect((await fetch(p.previewUrl)).status).toBe(200);
      }
    }
    // Nothing about the token or the gateway's address leaks beside the preview links.
    const text = JSON.stringify(sites.map((s: any) => ({ ...s, pages: s.pages.map(({ previewUrl: _p, ...rest }: any) => rest) })));
    expect(text).not.toMatch(/v1\.[A-Za-z0-9_-]+\./);

    expect((await cms({ uid: 'api::site.site', documentId: kyphoplasty })).status).toBe(400);
    expect((await cms({ uid: 'api::procedure.procedure', documentId: '../x' })).status).toBe(400);
    expect((await cms({ uid: 'api::procedure.procedure', documentId: kyphoplasty }, {})).status).toBe(401);

    // Without the plugin's permission the panel's route is forbidden.
    await withoutWorkbenchRight(async () => {
      expect((await cms({ uid: 'api::procedure.procedure', documentId: kyphoplasty })).status).toBe(403);
    });
  });
});

describe('the CMS side: GET /seo-workbench/weakest (admin API)', () => {
  it("answers the gateway's /uniqueness list as it is, with preview links; refuses bad input and missing rights; an unreachable gateway is a reason", async () => {
    const auth = await asEditor();
    const cms = (params: Record<string, string> | string, headers: Record<string, string> = auth) =>
      fetch(`${stack.strapi.url}/seo-workbench/weakest?${new URLSearchParams(params)}`, { headers });

    for (const locale of ['en', 'es']) {
      const res = await cms({ site: NORTHSHORE, locale });
      expect(res.status).toBe(200);
      const { data } = (await res.json()) as any;
      const gateway = (await (await fetch(`${stack.gateway.url}/uniqueness/${NORTHSHORE}?${new URLSearchParams({ token: tokens[NORTHSHORE], locale })}`)).json()) as any;
      expect(gateway.pages.length).toBeGreaterThan(0);
      // The gateway's pages, order and threshold, untouched: nothing is scored in the CMS.
      expect(data.site).toEqual({ slug: NORTHSHORE, name: 'North Shore Spine Partners' });
      expect(data.locale).toBe(locale);
      expect(data.threshold).toBe(gateway.threshold);
      expect(data.pages.map(({ previewUrl: _p, ...rest }: any) => rest)).toEqual(gateway.pages);
      for (const p of data.pages) {
        const link = new URL(p.previewUrl);
        expect(`${link.origin}${link.pathname}`).toBe(`${stack.gateway.url}/preview/${NORTHSHORE}${p.path}`);
        expect((await fetch(p.previewUrl)).status).toBe(200);
      }
    }
    // The locale defaults to English.
    expect(((await (await cms({ site: LAKESHORE })).json()) as any).data.locale).toBe('en');

    const bad: Array<Record<string, string> | string> = [{}, { site: '../x' }, { site: 'no-such-site' }, { site: LAKESHORE, locale: 'fr' }, `site=${LAKESHORE}&site=${NORTHSHORE}`];
    for (const params of bad) {
      const res = await cms(params);
      expect([params, res.status, ((await res.json()) as any).error?.name]).toEqual([params, 400, 'ValidationError']);
    }
    expect((await cms({ site: LAKESHORE }, {})).status).toBe(401);
    await withoutWorkbenchRight(async () => {
      expect((await cms({ site: LAKESHORE })).status).toBe(403);
    });

    // A gateway nobody answers at: 200 with the reason to show, not a 500.
    const config = 'plugin::seo-workbench.gatewayUrl';
    const gatewayUrl = stack.strapi.app.config.get(config);
    stack.strapi.app.config.set(config, `http://127.0.0.1:${await freePort()}`);
    try {
      const res = await cms({ site: LAKESHORE });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data).toEqual({
        site: { slug: LAKESHORE, name: 'Lakeshore Spine' },
        locale: 'en',
        error: 'The gateway could not be reached; try again in a moment.',
      });
    } finally {
      stack.strapi.app.config.set(config, gatewayUrl);
    }
  });
});
