import { signPreviewToken } from '@clinic/shared';
import { DEV } from '../support/dev-env.js';
import { editChicagoIntro } from '../support/cms-edit.js';
import { startStack, type Stack } from '../support/stack.js';

/**
 * A site's preview applies that site's catalogue exactly as its public pages do, drafts included
 * (README, "Preview"): with Lakeshore's preview token, a city only Northshore serves — published or a
 * draft — is not found, on the gateway's preview page and in preview GraphQL alike; Lakeshore's own
 * drafts, including a city added to its Site draft, are shown.
 */
let stack: Stack;
const tokenA = signPreviewToken(DEV.previewSecret, 'lakeshore-spine');
const tokenB = signPreviewToken(DEV.previewSecret, 'northshore-spine-partners');
const DRAFT_CITY_OF_B = 'skokie';
const DRAFT_CITY_OF_A = 'oak-park';

beforeAll(async () => {
  stack = await startStack();
  const cities = stack.strapi.app.documents('api::location.location');
  const sites = stack.strapi.app.documents('api::site.site');
  // Drafts only, never published: a new city in each site's draft, and an unpublished edit of Evanston.
  for (const [slug, city, site] of [
    [DRAFT_CITY_OF_B, 'Skokie', 'northshore-spine-partners'],
    [DRAFT_CITY_OF_A, 'Oak Park', 'lakeshore-spine'],
  ]) {
    const doc = await cities.create({ locale: 'en', data: { city, state: 'IL', slug, intro: `Draft city ${city}.` } });
    const s = await sites.findFirst({ filters: { slug: site }, status: 'draft' });
    await sites.update({ documentId: s.documentId, data: { locations: { connect: [{ documentId: doc.documentId, locale: 'en' }] } } });
  }
  const evanston = await cities.findFirst({ filters: { slug: 'evanston' }, locale: 'en', status: 'draft' });
  await cities.update({ documentId: evanston.documentId, locale: 'en', data: { intro: 'Draft Evanston intro.' } });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const previewPage = (site: string, path: string, token: string) => fetch(`${stack.gateway.url}/preview/${site}/${path}?token=${encodeURIComponent(token)}`);

describe('preview applies the site’s catalogue', () => {
  it('the gateway’s preview page: A’s drafts shown, a city only B serves (published or draft) not found', async () => {
    const draftText = `Lakeshore draft intro ${Date.now()}`;
    await editChicagoIntro(stack.strapi, draftText, false);
    const chicago = await previewPage('lakeshore-spine', 'chicago', tokenA);
    expect(chicago.status).toBe(200);
    expect(await chicago.text()).toContain(draftText);
    const oakPark = await previewPage('lakeshore-spine', DRAFT_CITY_OF_A, tokenA);
    expect([oakPark.status, (await oakPark.text()).includes('Draft city Oak Park.')]).toEqual([200, true]);

    for (const path of ['evanston', 'evanston/kyphoplasty', 'es/evanston', DRAFT_CITY_OF_B]) {
      const r = await previewPage('lakeshore-spine', path, tokenA);
      expect([path, r.status]).toEqual([path, 404]);
      expect(await r.text()).not.toMatch(/Evanston|Skokie/);
    }
    // The same pages in B's preview: they exist, so A's 404s are scoping, not missing content.
    for (const path of ['evanston', 'evanston/kyphoplasty', DRAFT_CITY_OF_B]) {
      expect([path, (await previewPage('northshore-spine-partners', path, tokenB)).status]).toEqual([path, 200]);
    }
  });

  it('preview GraphQL: the same catalogue as the public answers, read in draft', async () => {
    const q = `{
      evanston: location(slug: "evanston") { slug intro }
      skokie: location(slug: "${DRAFT_CITY_OF_B}") { slug }
      oakPark: location(slug: "${DRAFT_CITY_OF_A}") { slug intro }
      chicago: location(slug: "chicago") { slug }
      landing: landingPage(procedure: "kyphoplasty", location: "evanston") { path }
      locations { slug }
      redirect(path: "/evanston") { to }
    }`;
    const a = await stack.gateway.query<any>(q, { headers: { 'x-preview-token': tokenA } });
    expect(a.status).toBe(200);
    expect(a.body.data).toMatchObject({ evanston: null, skokie: null, landing: null, chicago: { slug: 'chicago' }, oakPark: { slug: DRAFT_CITY_OF_A, intro: 'Draft city Oak Park.' } });
    expect(a.body.data.locations.map((l: { slug: string }) => l.slug).sort()).toEqual(['chicago', DRAFT_CITY_OF_A].sort());

    const b = await stack.gateway.query<any>(q, { siteKey: DEV.siteKeys.northshore, headers: { 'x-preview-token': tokenB } });
    expect(b.body.data).toMatchObject({
      evanston: { slug: 'evanston', intro: 'Draft Evanston intro.' },
      skokie: { slug: DRAFT_CITY_OF_B },
      oakPark: null,
      landing: { path: '/evanston/kyphoplasty' },
    });

    // Public answers: neither draft city, and Evanston only for B, published.
    const pub = await stack.gateway.query<any>(q);
    expect(pub.body.data).toMatchObject({ evanston: null, skokie: null, oakPark: null, landing: null, chicago: { slug: 'chicago' } });
  });
});
