import { signPreviewToken } from '@clinic/shared';
import { CatalogueIndexService } from '@clinic/api/catalogue';
import { parse } from 'node-html-parser';
import { DEV } from '../support/dev-env.js';
import { freePort } from '../support/ports.js';
import { startStack, waitFor, type Stack } from '../support/stack.js';
import { startWeb, WEB_HOSTS, WEB_TRUSTED_DOCUMENTS, type WebProcess } from '../support/web-process.js';

/**
 * The uniqueness guard against doorway pages (issue 20), on the real Strapi, gateway and website: the seeded
 * pages score above their site's threshold; a landing page made of a city name alone falls below it and is
 * served noindex, out of the sitemap, with its canonical on the procedure page; an editor's publish that gives
 * it its own text brings it back, purging that page and the sitemap and nothing of another site; a site's
 * threshold moves exactly the pages that cross it. And the editors' endpoints answer only a token of their site.
 */

type Json = Record<string, any>;

const NORTHSHORE = DEV.sites.northshore;
const LAKESHORE = DEV.sites.lakeshore;
const NORTHSHORE_DOMAIN = 'https://www.northshorespine.example';
const UID = { location: 'api::location.location', clinic: 'api::clinic.clinic', site: 'api::site.site', procedure: 'api::procedure.procedure' };

let stack: Stack;
let web: WebProcess;

beforeAll(async () => {
  const webPort = await freePort();
  stack = await startStack({ gatewayEnv: { TRUSTED_DOCUMENTS: WEB_TRUSTED_DOCUMENTS, WEB_PURGE_URLS: `http://127.0.0.1:${webPort}/` } });
  web = await startWeb({ gatewayUrl: stack.gateway.url, port: webPort });
}, 240_000);

afterAll(async () => {
  await web?.stop();
  await stack?.stop();
}, 60_000);

const token = (site: string) => signPreviewToken(DEV.previewSecret, site);

async function scores(site: string, opts: { locale?: string; token?: string } = {}) {
  const q = new URLSearchParams({ token: opts.token ?? token(site), ...(opts.locale ? { locale: opts.locale } : {}) });
  const res = await fetch(`${stack.gateway.url}/uniqueness/${site}?${q}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

async function pageScore(site: string, params: Record<string, string>) {
  const res = await fetch(`${stack.gateway.url}/uniqueness/${site}/page?${new URLSearchParams({ token: token(site), ...params })}`);
  return { status: res.status, headers: res.headers, body: (await res.json()) as Json };
}

const LANDING = `query L($p: String!, $l: String!) { landingPage(procedure: $p, location: $l) { path seo { canonicalUrl robots alternates { url } } } }`;
const landing = async (siteKey: string, city: string) => {
  const res = await stack.gateway.query(LANDING, { siteKey, variables: { p: 'kyphoplasty', l: city } });
  expect(res.body.errors).toBeUndefined();
  return (res.body.data as Json).landingPage;
};

const sitemap = async (site: string) => {
  const res = await fetch(`${stack.gateway.url}/sites/${site}/sitemap.xml`);
  return { cache: res.headers.get('x-cache'), xml: await res.text() };
};

const page = async (path: string, host: string) => {
  const res = await web.get(path, { host });
  const html = parse(res.body);
  return {
    status: res.status,
    cache: String(res.headers['x-page-cache']),
    robots: html.querySelector('meta[name="robots"]')?.getAttribute('content'),
    canonical: html.querySelector('link[rel="canonical"]')?.getAttribute('href'),
    body: res.body,
  };
};

/** Asked until kept: the next request is a HIT (or the gateway's sitemap answer is). */
async function warm(paths: Array<[string, string]>, sitemaps: string[]) {
  await waitFor(
    async () => {
      for (const [p, host] of paths) if ((await page(p, host)).cache !== 'HIT') return false;
      for (const s of sitemaps) if ((await sitemap(s)).cache !== 'HIT') return false;
      return true;
    },
    20_000,
    50,
  );
}

/** Changes applied by the gateway's catalogue index since `from` (the webhook's diff), with the tags they moved. */
const changesSince = (from: number) => stack.gateway.gateway.app.get(CatalogueIndexService).log.filter((c) => c.at >= from);

describe('the uniqueness guard', () => {
  it('the seeded pages score above their site threshold, each naming its nearest sibling', async () => {
    const en = await scores(NORTHSHORE);
    expect(en.status).toBe(200);
    expect(en.body.threshold).toBe(0.3);
    const byCity = Object.fromEntries(en.body.pages.map((p: Json) => [p.city, p]));
    expect(Object.keys(byCity).sort()).toEqual(['Chicago', 'Evanston']);
    expect(byCity.Chicago).toMatchObject({
      path: '/chicago/kyphoplasty',
      procedure: 'kyphoplasty',
      locale: 'en',
      belowThreshold: false,
      nearest: { path: '/evanston/kyphoplasty', city: 'Evanston' },
    });
    expect(byCity.Evanston).toMatchObject({ path: '/evanston/kyphoplasty', belowThreshold: false, nearest: { path: '/chicago/kyphoplasty', city: 'Chicago' } });
    for (const p of en.body.pages) expect(p.score).toBeGreaterThan(0.3);
    // Weakest first.
    expect(en.body.pages.map((p: Json) => p.score)).toEqual([...en.body.pages.map((p: Json) => p.score)].sort((a, b) => a - b));
    // Figures for the README.
    console.log(`seeded scores (northshore, en): ${en.body.pages.map((p: Json) => `${p.path} ${p.score}`).join(', ')}`);
    // Chicago is the only Spanish page, and Lakeshore's only page: no sibling, nothing shared.
    expect((await scores(NORTHSHORE, { locale: 'es' })).body.pages).toEqual([
      { path: '/es/chicago/cifoplastia', procedure: 'cifoplastia', city: 'Chicago', locale: 'es', score: 1, nearest: null, belowThreshold: false },
    ]);
    expect((await scores(LAKESHORE)).body.pages).toEqual([
      { path: '/chicago/kyphoplasty', procedure: 'kyphoplasty', city: 'Chicago', locale: 'en', score: 1, nearest: null, belowThreshold: false },
    ]);
    const one = await pageScore(NORTHSHORE, { procedure: 'kyphoplasty', city: 'evanston' });
    expect(one.status).toBe(200);
    expect(one.body).toEqual(byCity.Evanston);
  });

  it('the endpoints answer only a valid token of their own site, never cached; bad input is a 4xx with a stable code', async () => {
    const ok = await scores(NORTHSHORE);
    expect(ok.headers.get('cache-control')).toBe('private, no-store');
    expect(ok.headers.get('surrogate-key')).toBeNull();
    const refused = [
      await scores(NORTHSHORE, { token: '' }),
      await scores(NORTHSHORE, { token: 'v1.bm9wZQ.bm9wZQ' }),
      // Another site's token: scores are per site.
      await scores(NORTHSHORE, { token: token(LAKESHORE) }),
      // Signed with another secret.
      await scores(NORTHSHORE, { token: signPreviewToken('not-the-secret', NORTHSHORE) }),
      // Expired.
      await scores(NORTHSHORE, { token: signPreviewToken(DEV.previewSecret, NORTHSHORE, 60, Date.now() - 3_600_000) }),
    ];
    for (const r of refused) {
      expect([r.status, r.body.errors?.[0]?.extensions?.code]).toEqual([401, 'PREVIEW_TOKEN_INVALID']);
      expect(r.headers.get('cache-control')).toMatch(/no-store/);
    }
    const page = await fetch(`${stack.gateway.url}/uniqueness/${NORTHSHORE}/page?token=${token(LAKESHORE)}&procedure=kyphoplasty&city=chicago`);
    expect(page.status).toBe(401);
    const unknown = await fetch(`${stack.gateway.url}/uniqueness/no-such-site?token=${token('no-such-site')}`);
    expect([unknown.status, ((await unknown.json()) as Json).errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
    const badLocale = await scores(NORTHSHORE, { locale: 'fr' });
    expect([badLocale.status, badLocale.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    const badSlug = await pageScore(NORTHSHORE, { procedure: 'Kypho plasty', city: 'chicago' });
    expect([badSlug.status, badSlug.body.errors[0].extensions.code]).toEqual([400, 'BAD_REQUEST']);
    const noPage = await pageScore(NORTHSHORE, { procedure: 'kyphoplasty', city: 'atlantis' });
    expect([noPage.status, noPage.body.errors[0].extensions.code]).toEqual([404, 'NOT_FOUND']);
    // The process is still up and serving.
    expect((await scores(NORTHSHORE)).status).toBe(200);
  });

  it('a page of a city name alone is noindex, out of the sitemap, canonical to the procedure; made unique by its editor it comes back, purging that page and the sitemap, nothing of another site', async () => {
    const docs = (uid: string) => stack.strapi.app.documents(uid);
    const kypho = await docs(UID.procedure).findFirst({ filters: { slug: 'kyphoplasty' }, locale: 'en' });
    const site = await docs(UID.site).findFirst({ filters: { slug: NORTHSHORE }, status: 'published' });
    // A city with nothing of its own: a name, and a clinic there offering kyphoplasty, named after it.
    const city = await docs(UID.location).create({ data: { city: 'Springfield', state: 'IL', slug: 'springfield' }, locale: 'en', status: 'published' });
    await docs(UID.clinic).create({
      data: {
        name: 'Springfield Spine Clinic',
        slug: 'springfield-spine-clinic',
        location: { connect: [{ documentId: city.documentId, locale: 'en' }] },
        procedures: { connect: [{ documentId: kypho.documentId, locale: 'en' }] },
      },
      status: 'published',
    });
    await docs(UID.site).update({ documentId: site.documentId, data: { locations: { connect: [{ documentId: city.documentId, locale: 'en' }] } }, status: 'published' });

    const thin = await waitFor(async () => (await pageScore(NORTHSHORE, { procedure: 'kyphoplasty', city: 'springfield' })).status === 200, 10_000).then(() =>
      pageScore(NORTHSHORE, { procedure: 'kyphoplasty', city: 'springfield' }),
    );
    console.log(`a city name alone: ${JSON.stringify(thin.body)}`);
    expect(thin.body).toMatchObject({ path: '/springfield/kyphoplasty', city: 'Springfield', belowThreshold: true });
    expect(thin.body.score).toBeLessThan(0.3);
    expect(['/chicago/kyphoplasty', '/evanston/kyphoplasty']).toContain(thin.body.nearest.path);
    // Weakest first: it heads the site's list.
    expect((await scores(NORTHSHORE)).body.pages[0].path).toBe('/springfield/kyphoplasty');

    // Served, but not for search engines: noindex, canonical on the procedure page, no hreflang, not in the sitemap.
    const proc = `${NORTHSHORE_DOMAIN}/procedures/kyphoplasty`;
    expect(await landing(DEV.siteKeys.northshore, 'springfield')).toEqual({ path: '/springfield/kyphoplasty', seo: { canonicalUrl: proc, robots: 'noindex, follow', alternates: [] } });
    const before = await page('/springfield/kyphoplasty', WEB_HOSTS.northshore);
    expect([before.status, before.robots, before.canonical]).toEqual([200, 'noindex, follow', proc]);
    expect(before.body).toContain('Springfield Spine Clinic');
    const map = (await sitemap(NORTHSHORE)).xml;
    expect(map).not.toContain(`${NORTHSHORE_DOMAIN}/springfield/kyphoplasty<`);
    // The city page itself is not a landing page: it stays listed.
    expect(map).toContain(`<loc>${NORTHSHORE_DOMAIN}/springfield</loc>`);

    // Everything kept before the editor's change.
    const others: Array<[string, string]> = [
      ['/evanston/kyphoplasty', WEB_HOSTS.northshore],
      ['/chicago/kyphoplasty', WEB_HOSTS.lakeshore],
    ];
    await warm([['/springfield/kyphoplasty', WEB_HOSTS.northshore], ...others], [NORTHSHORE, LAKESHORE]);

    // The editor writes what is true of Springfield and publishes.
    const from = Date.now();
    await docs(UID.location).update({
      documentId: city.documentId,
      locale: 'en',
      data: {
        intro:
          'Our Springfield clinic sits on South Sixth Street, across from Memorial Medical Center, with free parking behind the building. Patients from Chatham, Rochester and Sherman usually reach us in under twenty minutes, and our imaging suite reads scans the same afternoon.',
      },
      status: 'published',
    });
    await waitFor(async () => (await page('/springfield/kyphoplasty', WEB_HOSTS.northshore)).robots === 'index, follow', 10_000, 50);
    const after = await pageScore(NORTHSHORE, { procedure: 'kyphoplasty', city: 'springfield' });
    console.log(`made unique: ${JSON.stringify(after.body)}`);
    expect(after.body.belowThreshold).toBe(false);
    expect(after.body.score).toBeGreaterThanOrEqual(0.3);
    const back = await page('/springfield/kyphoplasty', WEB_HOSTS.northshore);
    expect([back.robots, back.canonical]).toEqual(['index, follow', `${NORTHSHORE_DOMAIN}/springfield/kyphoplasty`]);
    const now = await sitemap(NORTHSHORE);
    expect(now.xml).toContain(`<loc>${NORTHSHORE_DOMAIN}/springfield/kyphoplasty</loc>`);
    // The verdict moved (the fact the page and the sitemap carry) …
    const moved = changesSince(from).flatMap((c) => c.sample);
    expect(moved).toContain(`unique:site:${NORTHSHORE}:procedure:${kypho.documentId}:location:${city.documentId}:en`);
    // … and nothing else: Evanston's score changed with its new sibling's text but crossed nothing; Lakeshore does
    // not serve Springfield.
    for (const [p, host] of others) expect([p, (await page(p, host)).cache]).toEqual([p, 'HIT']);
    expect((await sitemap(LAKESHORE)).cache).toBe('HIT');
    expect(moved.filter((t) => t.startsWith('unique:'))).toEqual([`unique:site:${NORTHSHORE}:procedure:${kypho.documentId}:location:${city.documentId}:en`]);
  });

  it("a site's threshold moves exactly the pages that cross it, on that site only", async () => {
    const docs = stack.strapi.app.documents(UID.site);
    const site = await docs.findFirst({ filters: { slug: NORTHSHORE }, status: 'published' });
    const list = (await scores(NORTHSHORE)).body.pages as Json[];
    // Between the weakest and the strongest page: the weak ones cross, the strong ones stay.
    const scoresNow = list.map((p) => p.score).sort((a, b) => a - b);
    const threshold = Math.round(((scoresNow[0] + scoresNow[scoresNow.length - 1]) / 2) * 100) / 100;
    const crossing = list.filter((p) => p.score < threshold).map((p) => p.path);
    const staying = list.filter((p) => p.score >= threshold).map((p) => p.path);
    expect(crossing.length).toBeGreaterThan(0);
    expect(staying.length).toBeGreaterThan(0);
    const all: Array<[string, string]> = [...list.map((p): [string, string] => [p.path, WEB_HOSTS.northshore]), ['/chicago/kyphoplasty', WEB_HOSTS.lakeshore]];
    await warm(all, [NORTHSHORE, LAKESHORE]);

    await docs.update({ documentId: site.documentId, data: { uniquenessThreshold: threshold }, status: 'published' });
    await waitFor(async () => (await scores(NORTHSHORE)).body.threshold === threshold, 10_000, 50);
    for (const p of crossing) {
      await waitFor(async () => (await page(p, WEB_HOSTS.northshore)).robots === 'noindex, follow', 10_000, 50);
    }
    // The pages that stayed above, and the other site, were not touched.
    for (const p of staying) expect([p, (await page(p, WEB_HOSTS.northshore)).cache]).toEqual([p, 'HIT']);
    expect((await page('/chicago/kyphoplasty', WEB_HOSTS.lakeshore)).cache).toBe('HIT');
    expect((await sitemap(LAKESHORE)).cache).toBe('HIT');
    const map = (await sitemap(NORTHSHORE)).xml;
    for (const p of crossing) expect(map).not.toContain(`${NORTHSHORE_DOMAIN}${p}<`);
    for (const p of staying) expect(map).toContain(`<loc>${NORTHSHORE_DOMAIN}${p}</loc>`);

    // Back to the default: they come back by themselves.
    await docs.update({ documentId: site.documentId, data: { uniquenessThreshold: 0.3 }, status: 'published' });
    for (const p of crossing) {
      await waitFor(async () => (await page(p, WEB_HOSTS.northshore)).robots === 'index, follow', 10_000, 50);
    }
  });
});
