import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dateInTimeZone } from '@clinic/shared';
import { CatalogueIndexService } from '@clinic/api/catalogue';
import { DEV } from '../support/dev-env.js';
import { schemaOrgErrors } from '../support/schemaorg.js';
import { sitemapXsdErrors } from '../support/sitemap-xsd.js';
import { startGateway, type GatewayHandle } from '../support/gateway-harness.js';
import { freePort } from '../support/ports.js';
import { waitFor } from '../support/stack.js';
import { CMS_DIR, startStrapi, type StrapiHandle } from '../support/strapi-harness.js';

/**
 * Local SEO on the real Strapi and gateway. Clinic pages: one per clinic on every site serving its city, in
 * each language the city has, listed in the sitemap, valid schema.org, purged when the clinic changes.
 * Structured opening hours end to end: the seeded clinics' hours as data through GraphQL and JSON-LD
 * (openingHoursSpecification, specialOpeningHoursSpecification for closures that have not ended), the
 * save-time validation editors meet, a publish purging the pages that show the hours, and the migration
 * script moving old free text (reporting what it cannot read, touching nothing of it).
 */

const CLINIC = 'api::clinic.clinic';
const HOURS = `hours { timeZone periods { day opens closes } closures { from to label } }`;
const CITY = `query { location(slug: "chicago") { clinics { slug openingHours ${HOURS} } seo { jsonLd } } }`;

let strapi: StrapiHandle;
let gateway: GatewayHandle;
// Our own database file: the migration runs against it while Strapi is stopped.
const dbDir = mkdtempSync(path.join(tmpdir(), 'clinic-hours-'));
const dbFile = path.join(dbDir, 'data.db');

type ClinicView = {
  slug: string;
  openingHours: string[];
  hours: { timeZone: string; periods: Array<{ day: string; opens: string; closes: string }>; closures: Array<{ from: string; to: string; label: string | null }> } | null;
};

async function city(): Promise<{ clinics: ClinicView[]; jsonLd: any }> {
  const res = await gateway.query<{ location: { clinics: ClinicView[]; seo: { jsonLd: string } } }>(CITY);
  if (res.status !== 200 || !res.body.data?.location) throw new Error(`gateway answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { clinics: res.body.data.location.clinics, jsonLd: JSON.parse(res.body.data.location.seo.jsonLd) };
}

const clinicNode = (jsonLd: any, slug: string) => jsonLd['@graph'].find((n: any) => n['@type'] === 'MedicalClinic' && n['@id'].includes(`/clinics/${slug}#`));
const docs = () => strapi.app.documents(CLINIC);
const dayAfter = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  const gatewayPort = await freePort();
  strapi = await startStrapi({ gatewayUrl: `http://127.0.0.1:${gatewayPort}`, dbFile });
  gateway = await startGateway({ strapiUrl: strapi.url, port: gatewayPort });
}, 300_000);

afterAll(async () => {
  await gateway?.stop();
  await strapi?.stop();
  rmSync(dbDir, { recursive: true, force: true });
}, 60_000);

test('seeded hours are data: periods with a break, the legacy strings, and schema.org specifications', async () => {
  const { clinics, jsonLd } = await city();
  const north = clinics.find((c) => c.slug === 'chicago-north-side-spine-clinic')!;
  expect(north.hours?.timeZone).toBe('America/Chicago');
  expect(north.hours?.periods.filter((p) => p.day === 'monday')).toEqual([
    { day: 'monday', opens: '08:00', closes: '12:30' },
    { day: 'monday', opens: '13:30', closes: '18:00' },
  ]);
  expect(north.openingHours).toEqual(['Mo-Th 08:00-12:30,13:30-18:00', 'Fr 08:00-16:00']);

  const node = clinicNode(jsonLd, 'chicago-loop-spine-center');
  expect(node.openingHours).toBeUndefined();
  expect(node.openingHoursSpecification).toEqual([
    { '@type': 'OpeningHoursSpecification', dayOfWeek: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'].map((d) => `https://schema.org/${d}`), opens: '07:30', closes: '17:30' },
    { '@type': 'OpeningHoursSpecification', dayOfWeek: ['https://schema.org/Saturday'], opens: '08:00', closes: '12:00' },
  ]);
});

test('a save with impossible hours is refused with the field named; nothing is written', async () => {
  const [loop] = await docs().findMany({ filters: { slug: 'chicago-loop-spine-center' }, status: 'draft', populate: { hours: { populate: '*' } } });
  const attempt = docs().update({
    documentId: loop.documentId,
    data: { hours: { timeZone: 'America/Chicago', periods: [{ day: 'monday', opens: '17:00:00.000', closes: '08:00:00.000' }], closures: [] } },
  });
  await expect(attempt).rejects.toMatchObject({ name: 'ValidationError', details: { errors: [expect.objectContaining({ path: ['hours', 'periods', '0', 'closes'] })] } });
  const [after] = await docs().findMany({ filters: { slug: 'chicago-loop-spine-center' }, status: 'draft', populate: { hours: { populate: '*' } } });
  expect(after.hours.periods).toHaveLength(6);
});

test('a published change of hours and closures reaches the cached city page: past closures drop out', async () => {
  await city(); // cached
  const today = dateInTimeZone(new Date(), 'America/Chicago');
  const [evanstonOrLoop] = await docs().findMany({ filters: { slug: 'chicago-loop-spine-center' }, status: 'draft' });
  await docs().update({
    documentId: evanstonOrLoop.documentId,
    data: {
      hours: {
        timeZone: 'America/Chicago',
        periods: [{ day: 'monday', opens: '09:00:00.000', closes: '13:00:00.000' }],
        closures: [
          { from: dayAfter(today, -3), to: dayAfter(today, -1), label: 'Past' },
          { from: dayAfter(today, 10), to: null, label: 'Staff training' },
        ],
      },
    },
    status: 'published',
  });
  await waitFor(async () => (await city()).clinics.some((c) => c.slug === 'chicago-loop-spine-center' && c.openingHours[0] === 'Mo 09:00-13:00'), 5000);
  const { clinics, jsonLd } = await city();
  expect(clinics.find((c) => c.slug === 'chicago-loop-spine-center')!.hours!.closures).toEqual([{ from: dayAfter(today, 10), to: dayAfter(today, 10), label: 'Staff training' }]);
  expect(clinicNode(jsonLd, 'chicago-loop-spine-center').specialOpeningHoursSpecification).toEqual([
    { '@type': 'OpeningHoursSpecification', name: 'Staff training', opens: '00:00', closes: '00:00', validFrom: dayAfter(today, 10), validThrough: dayAfter(today, 10) },
  ]);
});

const CLINIC_PAGE = `query C($slug: String!, $locale: Locale!) { clinic(slug: $slug, locale: $locale) {
  path locale lastModified clinic { slug name phone openingHours } location { slug city path }
  procedures { slug title landingPath } seo { title description canonicalUrl robots jsonLd alternates { hreflang url } } } }`;

async function clinicPage(slug: string, locale: 'en' | 'es', siteKey: string = DEV.siteKeys.lakeshore) {
  const res = await gateway.query<{ clinic: any }>(CLINIC_PAGE, { variables: { slug, locale }, siteKey });
  if (res.status !== 200 || res.body.errors) throw new Error(`gateway answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body.data!.clinic;
}

describe('clinic pages', () => {
  it.each([['en'], ['es']] as const)('%s: the clinic, its city, its procedures linked to their landing pages, and valid structured data', async (locale) => {
    const page = await clinicPage('chicago-north-side-spine-clinic', locale);
    const prefix = locale === 'en' ? '' : '/es';
    // Kyphoplasty's Spanish URLs use its Spanish slug.
    const landingPath = `${prefix}/chicago/${locale === 'en' ? 'kyphoplasty' : 'cifoplastia'}`;
    expect(page.path).toBe(`${prefix}/clinics/chicago-north-side-spine-clinic`);
    expect(page.location).toEqual({ slug: 'chicago', city: 'Chicago', path: `${prefix}/chicago` });
    expect(page.procedures.map((p: any) => p.landingPath)).toEqual([landingPath]);
    const domain = 'https://www.lakeshorespine.example';
    expect(page.seo.canonicalUrl).toBe(`${domain}${page.path}`);
    expect(page.seo.alternates).toEqual([
      { hreflang: 'en-US', url: `${domain}/clinics/chicago-north-side-spine-clinic` },
      { hreflang: 'es-US', url: `${domain}/es/clinics/chicago-north-side-spine-clinic` },
      { hreflang: 'x-default', url: `${domain}/clinics/chicago-north-side-spine-clinic` },
    ]);
    expect(page.seo.title.length).toBeLessThanOrEqual(60);
    expect(page.seo.description).toContain(page.procedures[0].title);

    const jsonLd = JSON.parse(page.seo.jsonLd);
    expect(schemaOrgErrors(jsonLd)).toEqual([]);
    const clinic = clinicNode(jsonLd, 'chicago-north-side-spine-clinic');
    expect(clinic.url).toBe(`${domain}${page.path}`);
    expect(clinic['@id']).toBe(`${domain}/clinics/chicago-north-side-spine-clinic#clinic`);
    expect(clinic.availableService).toEqual([{ '@type': 'MedicalProcedure', name: page.procedures[0].title, url: `${domain}${landingPath}` }]);
    expect(clinic.openingHoursSpecification.length).toBeGreaterThan(0);
    const webPage = jsonLd['@graph'].find((n: any) => n['@type'] === 'MedicalWebPage');
    expect(webPage.about).toEqual({ '@id': clinic['@id'] });
  });

  it('exists only where the site serves the city and the city has the language', async () => {
    // Lakeshore serves Chicago only; Northshore serves Chicago and Evanston, which has no Spanish page.
    expect(await clinicPage('evanston-spine-care', 'en')).toBeNull();
    expect(await clinicPage('evanston-spine-care', 'en', DEV.siteKeys.northshore)).not.toBeNull();
    expect((await clinicPage('chicago-loop-spine-center', 'es', DEV.siteKeys.northshore)).seo.canonicalUrl).toBe('https://www.northshorespine.example/es/clinics/chicago-loop-spine-center');
    expect(await clinicPage('evanston-spine-care', 'es', DEV.siteKeys.northshore)).toBeNull();
    expect(await clinicPage('no-such-clinic', 'en')).toBeNull();
    const bad = await gateway.query(`{ clinic(slug: "Not A Slug") { path } }`);
    expect(bad.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("are in the site's sitemap with their alternates, and not in other sites'", async () => {
    const res = await gateway.query<{ sitemap: Array<{ url: string; alternates: Array<{ hreflang: string }> }> }>(`{ sitemap { url alternates { hreflang } } }`);
    const urls = res.body.data!.sitemap.map((e) => e.url);
    for (const slug of ['chicago-loop-spine-center', 'chicago-north-side-spine-clinic']) {
      expect(urls).toEqual(expect.arrayContaining([`https://www.lakeshorespine.example/clinics/${slug}`, `https://www.lakeshorespine.example/es/clinics/${slug}`]));
    }
    expect(urls.some((u) => u.includes('/clinics/evanston-spine-care'))).toBe(false);
    const north = await gateway.query<{ sitemap: Array<{ url: string }> }>(`{ sitemap { url } }`, { siteKey: DEV.siteKeys.northshore });
    const northClinics = north.body.data!.sitemap.map((e) => e.url).filter((u) => u.includes('/clinics/'));
    expect(northClinics).toContain('https://www.northshorespine.example/clinics/evanston-spine-care');
    expect(northClinics).not.toContain('https://www.northshorespine.example/es/clinics/evanston-spine-care');
    expect(northClinics.filter((u) => u.includes('/clinics/chicago-'))).toHaveLength(4);
    // The sitemap.xml crawlers read: the clinic pages with their hreflang alternates, valid against sitemaps.org's XSD.
    const xml = await (await fetch(`${gateway.url}/sites/lakeshore-spine/sitemap.xml`)).text();
    expect(xml).toContain('<loc>https://www.lakeshorespine.example/es/clinics/chicago-loop-spine-center</loc>');
    expect(xml).toContain('hreflang="es-US" href="https://www.lakeshorespine.example/es/clinics/chicago-loop-spine-center"');
    expect(sitemapXsdErrors(xml)).toEqual([]);
  });

  it("a published change to the clinic reaches its cached page; a procedure it stops offering leaves the page's list", async () => {
    const before = await clinicPage('chicago-north-side-spine-clinic', 'en');
    const [doc] = await docs().findMany({ filters: { slug: 'chicago-north-side-spine-clinic' }, status: 'draft', populate: ['procedures'] });
    await docs().update({ documentId: doc.documentId, data: { phone: '(773) 555-0111' }, status: 'published' });
    await waitFor(async () => (await clinicPage('chicago-north-side-spine-clinic', 'en')).clinic.phone === '(773) 555-0111', 5000);
    await docs().update({ documentId: doc.documentId, data: { procedures: [] }, status: 'published' });
    await waitFor(async () => (await clinicPage('chicago-north-side-spine-clinic', 'en')).procedures.length === 0, 5000);
    await docs().update({ documentId: doc.documentId, data: { procedures: doc.procedures.map((p: any) => p.documentId) }, status: 'published' });
    await waitFor(async () => (await clinicPage('chicago-north-side-spine-clinic', 'en')).procedures.length === before.procedures.length, 5000);
  });
});

const HOME = `query H($locale: Locale!) { site { organization { name legalName logo { url alt } sameAs contactPoints { telephone contactType areaServed languages } } }
  homePage(locale: $locale) { path seo { title canonicalUrl jsonLd alternates { hreflang url } } } }`;

async function home(locale: 'en' | 'es', siteKey: string = DEV.siteKeys.lakeshore) {
  const res = await gateway.query<{ site: { organization: any }; homePage: any }>(HOME, { variables: { locale }, siteKey });
  if (res.status !== 200 || res.body.errors) throw new Error(`gateway answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { ...res.body.data!, cache: res.headers.get('x-cache') };
}

const orgNode = (jsonLd: any) => jsonLd['@graph'].find((n: any) => n['@type'] === 'MedicalOrganization');

describe('the clinic group', () => {
  const lakeshore = 'https://www.lakeshorespine.example';

  it.each([['en'], ['es']] as const)('%s: the home page carries the seeded organization as valid schema.org, with a stable @id', async (locale) => {
    const { site, homePage } = await home(locale);
    expect(site.organization).toEqual({
      name: 'Lakeshore Spine',
      legalName: 'Lakeshore Spine Associates, LLC',
      logo: { url: expect.stringMatching(/^http:\/\/localhost:1337\/uploads\/[^?]+\.svg\?v=[0-9a-z]+$/), alt: 'Lakeshore Spine logo' },
      sameAs: ['https://www.facebook.com/lakeshorespine.example', 'https://www.linkedin.com/company/lakeshore-spine-example'],
      contactPoints: [
        { telephone: '(312) 555-0100', contactType: 'reservations', areaServed: 'US-IL', languages: ['en', 'es'] },
        { telephone: '(312) 555-0101', contactType: 'billing', areaServed: 'US-IL', languages: ['en'] },
      ],
    });
    expect(homePage.path).toBe(locale === 'en' ? '/' : '/es');
    expect(homePage.seo.canonicalUrl).toBe(`${lakeshore}${homePage.path}`);
    const jsonLd = JSON.parse(homePage.seo.jsonLd);
    expect(schemaOrgErrors(jsonLd)).toEqual([]);
    const org = orgNode(jsonLd);
    expect(org).toEqual({
      '@type': 'MedicalOrganization',
      '@id': `${lakeshore}/#organization`,
      name: 'Lakeshore Spine',
      url: `${lakeshore}${homePage.path}`,
      legalName: 'Lakeshore Spine Associates, LLC',
      logo: { '@type': 'ImageObject', url: site.organization.logo.url, caption: 'Lakeshore Spine logo', width: 256, height: 256 },
      sameAs: site.organization.sameAs,
      contactPoint: [
        { '@type': 'ContactPoint', telephone: '(312) 555-0100', contactType: 'reservations', areaServed: 'US-IL', availableLanguage: ['en', 'es'] },
        { '@type': 'ContactPoint', telephone: '(312) 555-0101', contactType: 'billing support', areaServed: 'US-IL', availableLanguage: ['en'] },
      ],
    });
    expect(jsonLd['@graph'].find((n: any) => n['@type'] === 'MedicalWebPage').about).toEqual({ '@id': org['@id'] });
    // The logo is served where the URL says.
    const logo = await fetch(site.organization.logo.url.replace('http://localhost:1337', strapi.url));
    expect(logo.status).toBe(200);
    expect(logo.headers.get('content-type')).toContain('image/svg+xml');
  });

  it('every MedicalClinic of clinic, landing and city pages names that organization as its parent, per site', async () => {
    const landing = await gateway.query<any>(`{ landingPage(procedure: "cifoplastia", location: "chicago", locale: es) { seo { jsonLd } } }`);
    const cityPage = await gateway.query<any>(`{ location(slug: "evanston") { seo { jsonLd } } }`, { siteKey: DEV.siteKeys.northshore });
    const clinic = await clinicPage('chicago-loop-spine-center', 'en');
    const cases: Array<[string, string]> = [
      [landing.body.data.landingPage.seo.jsonLd, lakeshore],
      [cityPage.body.data.location.seo.jsonLd, 'https://www.northshorespine.example'],
      [clinic.seo.jsonLd, lakeshore],
    ];
    for (const [text, origin] of cases) {
      const jsonLd = JSON.parse(text);
      expect(schemaOrgErrors(jsonLd)).toEqual([]);
      const clinics = jsonLd['@graph'].filter((n: any) => n['@type'] === 'MedicalClinic');
      expect(clinics.length).toBeGreaterThan(0);
      for (const c of clinics) expect(c.parentOrganization).toEqual({ '@id': `${origin}/#organization` });
    }
    const north = await home('en', DEV.siteKeys.northshore);
    expect(orgNode(JSON.parse(north.homePage.seo.jsonLd))['@id']).toBe('https://www.northshorespine.example/#organization');
    expect(north.site.organization.legalName).toBe('North Shore Spine Partners, S.C.');
  });

  it('a profile that is not an https URL is refused on save', async () => {
    const sites = strapi.app.documents('api::site.site');
    const site = await sites.findFirst({ filters: { slug: 'lakeshore-spine' }, status: 'draft', populate: { organization: { populate: '*' } } });
    const profiles = [{ url: 'http://www.facebook.com/lakeshorespine.example' }];
    await expect(sites.update({ documentId: site.documentId, data: { organization: { legalName: site.organization.legalName, profiles } } })).rejects.toThrow(
      /profiles\.0\.url: must be an https URL/,
    );
  });

  it("a published change to a site's organization purges only that site's organization fact, and its pages show it", async () => {
    const index = gateway.gateway.app.get(CatalogueIndexService);
    const sites = strapi.app.documents('api::site.site');
    const site = await sites.findFirst({ filters: { slug: 'lakeshore-spine' }, status: 'draft', populate: { organization: { populate: '*' } } });
    const { id: _id, ...org } = site.organization;
    const contactPoints = site.organization.contactPoints.map(({ id: _c, ...c }: any) => ({ ...c, telephone: c.contactType === 'reservations' ? '(312) 555-0177' : c.telephone }));
    const profiles = site.organization.profiles.map(({ id: _p, ...p }: any) => p);
    const since = Date.now();
    await sites.update({ documentId: site.documentId, data: { organization: { ...org, logo: org.logo?.id, profiles, contactPoints } }, status: 'published' });
    await waitFor(async () => index.log.some((e) => e.documentId === site.documentId && e.at >= since && e.tags > 0), 5000);
    // One fact moved: this site's organization (not `site:` — every page of it —, nothing of the other site).
    const moved = index.log.filter((e) => e.at >= since).flatMap((e) => e.sample);
    expect([...new Set(moved)]).toEqual(['organization:site:lakeshore-spine']);
    for (const l of ['en', 'es'] as const) {
      const { site: s2, homePage } = await home(l);
      expect(s2.organization.contactPoints[0].telephone).toBe('(312) 555-0177');
      expect(orgNode(JSON.parse(homePage.seo.jsonLd)).contactPoint[0].telephone).toBe('(312) 555-0177');
    }
    expect((await home('en', DEV.siteKeys.northshore)).site.organization.contactPoints[0].telephone).toBe('(847) 555-0100');
  });
});

function runMigration(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    // The child inherits the env startStrapi set (database file, secrets), as an operator's shell would have it.
    const child = spawn(process.execPath, [path.join(CMS_DIR, 'scripts/migrate-opening-hours.js'), ...args], { cwd: CMS_DIR, env: process.env });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

test('the migration moves readable free text, reports the rest, and leaves it untouched', async () => {
  const [location] = await strapi.app.documents('api::location.location').findMany({ filters: { slug: 'chicago' } });
  const readable = await docs().create({
    data: {
      name: 'Legacy Readable Clinic',
      slug: 'legacy-readable',
      phone: '(312) 555-0100',
      openingHours: 'Monday to Friday: 8am – 12pm, 1 pm - 5 pm\nSat 09:00-12:00',
      location: location.documentId,
    },
    status: 'published',
  });
  const unreadable = await docs().create({
    data: { name: 'Legacy Unreadable Clinic', slug: 'legacy-unreadable', phone: '(312) 555-0101', openingHours: 'Mo-Fr 08:00-17:00\nby appointment only', location: location.documentId },
    status: 'published',
  });
  const gatewayUrl = `http://127.0.0.1:${gateway.port}`;
  await strapi.stop();

  const dry = await runMigration(['--dry-run']);
  expect(dry.code).toBe(3);
  const { out, code } = await runMigration([]);
  expect(code).toBe(3); // one clinic is left for an editor
  expect(out).toMatch(/unparsed\s+Legacy Unreadable Clinic[^\n]*\n\s+not understood: by appointment only/);
  const report = JSON.parse(out.split('\n').find((l) => l.startsWith('{"report"'))!).report as Array<{ documentId: string; outcome: string }>;
  expect(report.find((r) => r.documentId === readable.documentId)?.outcome).toBe('migrated');
  expect(report.find((r) => r.documentId === unreadable.documentId)?.outcome).toBe('unparsed');

  strapi = await startStrapi({ gatewayUrl, dbFile });
  const published = await docs().findOne({ documentId: readable.documentId, status: 'published', populate: { hours: { populate: '*' } } });
  expect(published.hours.periods.map((p: any) => `${p.day} ${p.opens.slice(0, 5)}-${p.closes.slice(0, 5)}`)).toEqual([
    ...['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].flatMap((d) => [`${d} 08:00-12:00`, `${d} 13:00-17:00`]),
    'saturday 09:00-12:00',
  ]);
  const left = await docs().findOne({ documentId: unreadable.documentId, status: 'draft', populate: { hours: { populate: '*' } } });
  expect(left.hours).toBeNull();
  expect(left.openingHours).toBe('Mo-Fr 08:00-17:00\nby appointment only');

  // A second run has nothing left to migrate but the unreadable clinic.
  const again = await runMigration([]);
  expect(again.out).toMatch(/0 migrated, 0 migrated in the draft only \(pending edits: publish to release\), 1 left for an editor/);
}, 300_000);
