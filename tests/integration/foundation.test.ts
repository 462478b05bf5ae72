import { DEV } from '../support/dev-env.js';
import { FULL_CONTRACT, LANDING } from '../support/queries.js';
import { startStack, type Stack } from '../support/stack.js';
import { startStrapi } from '../support/strapi-harness.js';

const LAKESHORE = 'https://www.lakeshorespine.example';
const NORTHSHORE = 'https://www.northshorespine.example';

describe('foundation: seeded Strapi → gateway → clinic site', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('answers every field of the contract for the seeded content', async () => {
    const res = await stack.gateway.query(FULL_CONTRACT);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    const d = res.body.data as any;

    expect(d.site).toEqual({ slug: 'lakeshore-spine', name: 'Lakeshore Spine', domain: LAKESHORE });

    const p = d.procedure;
    expect(p.slug).toBe('kyphoplasty');
    expect(p.title).toBe('Kyphoplasty');
    expect(p.id).toMatch(/^[a-z0-9]{10,}$/);
    for (const field of ['summary', 'body', 'benefits', 'risks', 'recovery']) expect(p[field].length).toBeGreaterThan(40);
    expect(p.steps.map((s: any) => s.body).join(' ')).toMatch(/balloon[\s\S]*cement/i);
    expect(p.steps.length).toBeGreaterThanOrEqual(2);
    expect(p.steps[0].body.length).toBeGreaterThan(20);
    expect(p.faqs.length).toBeGreaterThanOrEqual(4);
    expect(p.reviewer.name).toMatch(/\w+/);
    expect(p.lastReviewed).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Date.parse(p.updatedAt)).not.toBeNaN();
    expect(p.seo.canonicalUrl).toBe(`${LAKESHORE}/procedures/kyphoplasty`);
    expect(p.seo.description.length).toBeLessThanOrEqual(160);
    expect(p.seo.robots).toBe('index, follow');
    expect(JSON.parse(p.seo.jsonLd)['@context']).toBe('https://schema.org');

    expect(d.procedures.map((x: any) => x.slug)).toEqual(['kyphoplasty']);

    const loc = d.location;
    expect(loc).toMatchObject({ slug: 'chicago', city: 'Chicago', state: 'IL', locale: 'en' });
    expect(loc.intro.length).toBeGreaterThan(40);
    expect(loc.clinics.length).toBeGreaterThanOrEqual(2);
    for (const c of loc.clinics) {
      expect(c.name).toBeTruthy();
      expect(c.phone).toMatch(/\d/);
      expect(c.address.city).toBe('Chicago');
      expect(c.address.postalCode).toMatch(/^606\d\d$/);
      expect(c.geo.lat).toBeGreaterThan(41);
      expect(c.geo.lng).toBeLessThan(-87);
      expect(c.openingHours.length).toBeGreaterThan(0);
    }
    expect(loc.procedures.map((x: any) => x.slug)).toContain('kyphoplasty');
    expect(loc.seo.canonicalUrl).toBe(`${LAKESHORE}/chicago`);

    expect(d.locations.map((l: any) => l.slug)).toEqual(['chicago']);

    const lp = d.landingPage;
    expect(lp.path).toBe('/chicago/kyphoplasty');
    expect(lp.procedure.slug).toBe('kyphoplasty');
    expect(lp.location.slug).toBe('chicago');
    expect(lp.clinics.length).toBeGreaterThanOrEqual(2);
    expect(lp.h1.length).toBeGreaterThan(5);
    // The page's own questions (the override's); the procedure's FAQ stays on the procedure page.
    expect(lp.faqs.map((f: any) => f.question)).toEqual(['Where can I have kyphoplasty in Chicago?']);
    expect(lp.seo.canonicalUrl).toBe(`${LAKESHORE}/chicago/kyphoplasty`);
    expect(lp.seo.title.length).toBeLessThanOrEqual(60);
    const graph = JSON.parse(lp.seo.jsonLd)['@graph'] as any[];
    expect(graph.map((n) => n['@type'])).toEqual(expect.arrayContaining(['MedicalWebPage', 'MedicalProcedure', 'MedicalClinic', 'FAQPage', 'BreadcrumbList']));

    const urls = d.sitemap.map((e: any) => e.url);
    expect(urls).toEqual(expect.arrayContaining([`${LAKESHORE}/chicago`, `${LAKESHORE}/chicago/kyphoplasty`, `${LAKESHORE}/procedures/kyphoplasty`]));
    for (const u of urls) expect(u.startsWith(`${LAKESHORE}/`)).toBe(true);
  });

  it('answers GET and POST alike', async () => {
    const post = await stack.gateway.query(LANDING, { variables: { procedure: 'kyphoplasty', location: 'chicago' } });
    const get = await stack.gateway.query(LANDING, { variables: { procedure: 'kyphoplasty', location: 'chicago' }, method: 'GET' });
    expect(get.status).toBe(200);
    expect(get.body).toEqual(post.body);
    expect((get.body.data as any).landingPage.path).toBe('/chicago/kyphoplasty');
  });

  it('scopes content to the calling site: site A cannot read site B’s second city', async () => {
    const q = `{ location(slug: "evanston") { slug clinics { slug } } landingPage(procedure: "kyphoplasty", location: "evanston") { path } locations { slug } }`;
    const lakeshore = await stack.gateway.query(q, { siteKey: DEV.siteKeys.lakeshore });
    expect(lakeshore.body.errors).toBeUndefined();
    expect(lakeshore.body.data).toEqual({ location: null, landingPage: null, locations: [{ slug: 'chicago' }] });

    const northshore = await stack.gateway.query(q, { siteKey: DEV.siteKeys.northshore });
    const d = northshore.body.data as any;
    expect(d.location.slug).toBe('evanston');
    expect(d.location.clinics.map((c: any) => c.slug)).toEqual(['evanston-spine-care']);
    expect(d.landingPage.path).toBe('/evanston/kyphoplasty');
    expect(d.locations.map((l: any) => l.slug)).toEqual(['chicago', 'evanston']);

    const canon = await stack.gateway.query(LANDING, { siteKey: DEV.siteKeys.northshore, variables: { procedure: 'kyphoplasty', location: 'chicago' } });
    expect((canon.body.data as any).landingPage.seo.canonicalUrl).toBe(`${NORTHSHORE}/chicago/kyphoplasty`);
  });

  it('answers null for slugs that do not exist, like for cities the site does not serve', async () => {
    const res = await stack.gateway.query(
      `{ procedure(slug: "no-such-thing") { slug } location(slug: "atlantis") { slug } landingPage(procedure: "kyphoplasty", location: "atlantis") { path } }`,
    );
    expect(res.body).toEqual({ data: { procedure: null, location: null, landingPage: null } });
  });

  it.each([
    ['missing', null],
    ['unknown', 'not-a-real-site-key'],
  ])('rejects a %s site key with 401 UNAUTHENTICATED', async (_label, key) => {
    const res = await stack.gateway.query(`{ site { slug } }`, { siteKey: key });
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.data).toBeUndefined();
  });

  it('never lets the Strapi token leave the gateway', async () => {
    const res = await fetch(`${stack.gateway.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-site-key': DEV.siteKeys.lakeshore },
      body: JSON.stringify({ query: FULL_CONTRACT }),
    });
    const text = await res.text();
    expect(text).not.toContain(DEV.strapiToken);
    expect(text).not.toContain(stack.strapi.url);
  });
});

describe('seeding', () => {
  it('is idempotent and never overwrites what an editor changed', async () => {
    const first = await startStrapi({ gatewayUrl: 'http://127.0.0.1:9' });
    const dbFile = first.dbFile;
    const docs = first.app.documents('api::location.location');
    const chicago = await docs.findFirst({ filters: { slug: 'chicago' }, locale: 'en', status: 'draft' });
    await docs.update({ documentId: chicago.documentId, locale: 'en', data: { intro: 'Edited by an editor.' } });
    await docs.publish({ documentId: chicago.documentId, locale: 'en' });
    const countBefore = await first.app.db.query('api::procedure.procedure').count();
    const clinicsBefore = await first.app.db.query('api::clinic.clinic').count();
    await first.app.server.httpServer.close();
    await first.app.destroy();

    const second = await startStrapi({ gatewayUrl: 'http://127.0.0.1:9', dbFile });
    try {
      const again = await second.app.documents('api::location.location').findFirst({ filters: { slug: 'chicago' }, locale: 'en', status: 'published' });
      expect(again.intro).toBe('Edited by an editor.');
      expect(await second.app.db.query('api::procedure.procedure').count()).toBe(countBefore);
      expect(await second.app.db.query('api::clinic.clinic').count()).toBe(clinicsBefore);
    } finally {
      await second.stop();
    }
  });
});
