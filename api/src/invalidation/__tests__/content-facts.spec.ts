import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cacheTags, clinicSchema, landingPageSchema, locationSchema, procedureSchema, slugRedirectSchema, type ContentTypeName } from '@clinic/shared';
import { ContentService } from '../../content/services/content.service.js';
import { SeoService } from '../../seo/services/seo.service.js';
import { UniquenessService } from '../../uniqueness/services/uniqueness.service.js';
import type { ContentReader } from '../../strapi/services/content-reader.js';
import type { GatewayContext } from '../../sites/types/site.types.js';
import { FACTS, FACT_LIST, factOfTag } from '../facts/fact-registry.js';
import type { CatalogueRows, IndexedRow } from '../types/fact.types.js';
import { catalogueFacts, catalogueFactsAndView } from '../utils/catalogue-facts.util.js';
import { testSite } from '../../sites/__tests__/site-info.fixture.js';

/**
 * Every tag content code can emit has a fact behind it: a kind the registry knows (so the catalogue
 * index computes it, or an event purges it) — otherwise the answers carrying it would never be purged.
 * Checked twice: by running ContentService over a fixture catalogue (what it does emit), and by reading
 * the gateway's sources (that nothing records a tag except through a fact's recorder).
 */

const T = '2026-01-01T00:00:00.000Z';
const procedures = [
  procedureSchema.parse({
    id: 1,
    documentId: 'p1',
    locale: 'en',
    slug: 'kyphoplasty',
    title: 'Kyphoplasty',
    summary: 'S',
    updatedAt: T,
    localizations: [{ locale: 'es' }],
    seo: { ogImage: { id: 7, url: '/k.png' } },
  }),
  procedureSchema.parse({ id: 1, documentId: 'p1', locale: 'es', slug: 'cifoplastia', title: 'Cifoplastia', summary: 'S', updatedAt: T, localizations: [{ locale: 'en' }] }),
  procedureSchema.parse({ id: 1, documentId: 'p2', locale: 'en', slug: 'discectomy', title: 'Discectomy', summary: 'S', updatedAt: T }),
  // Offered only in a city the site does not serve.
  procedureSchema.parse({ id: 1, documentId: 'p3', locale: 'en', slug: 'fusion', title: 'Fusion', summary: 'S', updatedAt: T }),
];
const locations = [
  locationSchema.parse({ id: 1, documentId: 'L1', locale: 'en', slug: 'chicago', city: 'Chicago', state: 'IL', updatedAt: T, localizations: [{ locale: 'es' }] }),
  locationSchema.parse({ id: 1, documentId: 'L1', locale: 'es', slug: 'chicago', city: 'Chicago', state: 'IL', updatedAt: T, localizations: [{ locale: 'en' }] }),
  locationSchema.parse({ id: 1, documentId: 'L2', locale: 'en', slug: 'evanston', city: 'Evanston', state: 'IL', updatedAt: T, seo: { ogImage: { id: 8, url: '/e.png' } } }),
  locationSchema.parse({ id: 1, documentId: 'L3', locale: 'en', slug: 'naperville', city: 'Naperville', state: 'IL', updatedAt: T }),
];
const ref = (documentId: string) => ({ documentId });
const clinics = [
  clinicSchema.parse({ id: 1, documentId: 'c1', slug: 'gold-coast', name: 'Gold Coast', updatedAt: T, location: ref('L1'), procedures: [ref('p1'), ref('p2')] }),
  clinicSchema.parse({ id: 1, documentId: 'c2', slug: 'evanston-spine', name: 'Evanston Spine', updatedAt: T, location: ref('L2'), procedures: [ref('p2')] }),
  clinicSchema.parse({ id: 1, documentId: 'c3', slug: 'naperville-spine', name: 'Naperville Spine', updatedAt: T, location: ref('L3'), procedures: [ref('p3')] }),
];
const overrides = [
  landingPageSchema.parse({ id: 1, documentId: 'o1', locale: 'en', headline: 'H', updatedAt: T, procedure: ref('p1'), location: ref('L1'), seo: { ogImage: { id: 9, url: '/o.png' } } }),
];
const siteRedirects = [
  { documentId: 'sr1', fromPath: '/old-page.html', toPath: '/chicago', kind: 'permanent_301' as const },
  { documentId: 'sr2', fromPath: '/gone.html', toPath: null, kind: 'gone_410' as const },
];
const redirects = [slugRedirectSchema.parse({ id: 1, documentId: 'r1', type: 'procedure', fromSlug: 'old-kyphoplasty', toSlug: 'kyphoplasty', updatedAt: T })];
const site = testSite({
  locationIds: new Set(['L1', 'L2']),
  locationSlugs: new Set(['chicago', 'evanston']),
  updatedAt: T,
  organization: { legalName: 'Lakeshore Spine LLC', logo: { id: 11, url: 'https://cms.example/uploads/logo.svg', alt: 'Logo', width: 256, height: 256 }, profiles: [], contactPoints: [] },
});

/** The same catalogue as the catalogue index reads it. */
function rows(): CatalogueRows {
  const r = (type: ContentTypeName, list: IndexedRow[]) => [type, new Map(list.map((x) => [`${x.documentId}:${x.locale}`, x]))] as const;
  return new Map([
    r(
      'procedure',
      procedures.map((p) => ({ documentId: p.documentId, locale: p.locale!, updatedAt: p.updatedAt!, slug: p.slug })),
    ),
    r(
      'location',
      locations.map((l) => ({ documentId: l.documentId, locale: l.locale!, updatedAt: l.updatedAt!, slug: l.slug })),
    ),
    r(
      'clinic',
      clinics.map((c) => ({
        documentId: c.documentId,
        locale: '',
        updatedAt: c.updatedAt!,
        slug: c.slug,
        shown: c.name,
        location: c.location?.documentId,
        procedures: c.procedures.map((p) => p.documentId),
      })),
    ),
    r('site', [{ documentId: site.documentId, locale: '', updatedAt: T, slug: site.slug, name: site.name, domain: site.domain, locations: [...site.locationIds] }]),
    r(
      'landingPage',
      overrides.map((o) => ({ documentId: o.documentId, locale: o.locale!, updatedAt: o.updatedAt!, procedure: o.procedure?.documentId, location: o.location?.documentId })),
    ),
    r(
      'slugRedirect',
      redirects.map((x) => ({ documentId: x.documentId, locale: '', updatedAt: x.updatedAt! })),
    ),
  ]);
}

/** A reader over the fixture: the loaders ContentService uses, keyed as ContentReader keys them. */
function context(): GatewayContext {
  const loader = <V>(find: (k: string) => V) => ({ load: async (k: string) => find(k), loadMany: async (ks: readonly string[]) => ks.map(find) });
  const bySlug = <D extends { locale?: string | null; slug: string }>(docs: D[]) => loader((k) => docs.find((d) => [d.locale, d.slug].join('\u0000') === k) ?? null);
  const byId = <D extends { locale?: string | null; documentId: string }>(docs: D[]) => loader((k) => docs.find((d) => [d.locale, d.documentId].join('\u0000') === k) ?? null);
  const reader = {
    scope: { status: 'published', tags: new Set<string>() },
    procedureBySlug: bySlug(procedures),
    procedureById: byId(procedures),
    locationBySlug: bySlug(locations),
    locationById: byId(locations),
    clinicsByLocation: loader((id) => clinics.filter((c) => c.location?.documentId === id)),
    clinicBySlug: loader((slug) => clinics.find((c) => c.slug === slug) ?? null),
    overrideFor: async (locale: string, p: string, l: string) => overrides.find((o) => o.locale === locale && o.procedure?.documentId === p && o.location?.documentId === l) ?? null,
    siteRedirect: async (s: { slug: string }, path: string) => {
      // As ContentReader.siteRedirect: the site's whole table, whatever the path.
      FACTS.redirectTable.record(reader.scope, s.slug);
      return siteRedirects.find((r) => r.fromPath === path) ?? null;
    },
    redirects: async () => {
      // As ContentReader.redirects: the read itself records the slug history.
      FACTS.list.record(reader.scope, 'slugRedirect');
      return redirects;
    },
  };
  return { site, preview: false, reader: reader as unknown as ContentReader, defaultLocale: 'en' };
}

/** The verdicts the index would hand over for this catalogue. */
const uniqueness = new UniquenessService();
uniqueness.publish(catalogueFactsAndView(rows(), uniqueness.memo).view.uniqueness());
const content = new ContentService(new SeoService(), uniqueness);

/** Every read a site can make, answered and unanswered (unknown slugs, unserved cities, no clinic offering). */
const READS: Array<[string, (ctx: GatewayContext) => Promise<unknown>]> = [
  ['procedure', (ctx) => content.procedure(ctx, 'kyphoplasty', 'en')],
  ['procedure (es)', (ctx) => content.procedure(ctx, 'cifoplastia', 'es')],
  ['procedure not offered by the site', (ctx) => content.procedure(ctx, 'fusion', 'en')],
  ['procedure unknown', (ctx) => content.procedure(ctx, 'nothing-here', 'en')],
  ['procedures', (ctx) => content.procedures(ctx, 'en')],
  ['proceduresPage', (ctx) => content.proceduresPage(ctx, 'es', 1, undefined)],
  ['location', (ctx) => content.location(ctx, 'chicago', 'en')],
  ['location unserved', (ctx) => content.location(ctx, 'naperville', 'en')],
  ['location served, missing in the locale', (ctx) => content.location(ctx, 'evanston', 'es')],
  ['locations', (ctx) => content.locations(ctx, 'en')],
  ['locationsPage', (ctx) => content.locationsPage(ctx, 'en', 1, undefined)],
  [
    'location clinics and procedures',
    async (ctx) => {
      const l = (await content.location(ctx, 'chicago', 'en'))!;
      return [await content.clinicsOf(ctx, l), await content.clinicsPage(ctx, l, 1, undefined), await content.proceduresOf(ctx, l)];
    },
  ],
  ['landing page with an override', (ctx) => content.landingPage(ctx, 'kyphoplasty', 'chicago', 'en')],
  ['landing page without clinics offering it', (ctx) => content.landingPage(ctx, 'kyphoplasty', 'evanston', 'en')],
  ['landing page, city unserved', (ctx) => content.landingPage(ctx, 'fusion', 'naperville', 'en')],
  ['landing page, procedure unknown', (ctx) => content.landingPage(ctx, 'nothing-here', 'chicago', 'en')],
  ['clinic page', (ctx) => content.clinicPage(ctx, 'gold-coast', 'en')],
  ['clinic page (es)', (ctx) => content.clinicPage(ctx, 'gold-coast', 'es')],
  ['clinic page, city missing in the locale', (ctx) => content.clinicPage(ctx, 'evanston-spine', 'es')],
  ['clinic page, city unserved', (ctx) => content.clinicPage(ctx, 'naperville-spine', 'en')],
  ['clinic page, unknown', (ctx) => content.clinicPage(ctx, 'nothing-here', 'en')],
  ['sitemap', (ctx) => content.sitemap(ctx)],
  ['home page', async (ctx) => content.homePage(ctx, 'es')],
  ['organization', async (ctx) => content.organization(ctx)],
  ['redirect', (ctx) => content.redirect(ctx, '/chicago/old-kyphoplasty')],
  ['redirect to an unserved city', (ctx) => content.redirect(ctx, '/naperville/old-kyphoplasty')],
  ["a site's own redirect", (ctx) => content.redirect(ctx, '/old-page.html')],
  ["a site's own 410", (ctx) => content.redirect(ctx, '/gone.html')],
];

describe('every tag content code emits has a fact behind it', () => {
  const facts = catalogueFacts(rows());

  it.each(READS)('%s', async (_name, read) => {
    const ctx = context();
    await read(ctx);
    const tags = [...ctx.reader.scope.tags];
    expect(tags.length).toBeGreaterThan(0);
    // A tag no fact recognises would never be purged.
    expect(tags.filter((t) => !factOfTag(t))).toEqual([]);
    // A tag of a computed fact names an instance the index computes from the same catalogue — or one whose
    // absence is the point (a slug nobody has, a city not served, no override): absent facts appear when published.
    const absent = tags.filter((t) => factOfTag(t)!.fromRows && !facts.has(t));
    for (const t of absent) expect([t, factOfTag(t)!.name]).toEqual([t, expect.stringMatching(/^(slug|served|clinicOn|offered|clinicsOffering|override)$/)]);
  });

  it('a served page depends only on facts the index computes for this catalogue', async () => {
    const ctx = context();
    await content.landingPage(ctx, 'kyphoplasty', 'chicago', 'en');
    await content.location(ctx, 'chicago', 'en');
    await content.procedure(ctx, 'kyphoplasty', 'en');
    const computed = [...ctx.reader.scope.tags].filter((t) => factOfTag(t)!.fromRows);
    expect(computed.filter((t) => !facts.has(t))).toEqual([]);
    // And the event facts it shows: the OG images of the override and the procedure.
    expect([...ctx.reader.scope.tags].filter((t) => !factOfTag(t)!.fromRows).sort()).toEqual(['media:7', 'media:9']);
  });
});

describe('nothing records a tag except through a fact', () => {
  const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === '__tests__' ? [] : files(join(dir, e.name))) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  const sources = files(src)
    .map((f) => ({ file: relative(src, f), text: readFileSync(f, 'utf8') }))
    .filter((s) => !s.file.startsWith('invalidation/'));
  /** Code outside invalidation/ that may build tags with shared's builders itself: none. */
  const BUILDS_TAGS_ITSELF = new Set<string>();

  it('reads the gateway sources (this test sees them)', () => {
    expect(sources.map((s) => s.file)).toEqual(expect.arrayContaining(['content/services/content.service.ts', 'strapi/services/content-reader.ts']));
  });

  it("no code adds to an answer's tags but the facts' recorders", () => {
    expect(sources.filter((s) => /\.tags\.add\(/.test(s.text)).map((s) => s.file)).toEqual([]);
  });

  it("no code builds tags with shared's builders but the facts (and the listed exceptions, with registered builders only)", () => {
    const users = sources.filter((s) => /\bcacheTags\b/.test(s.text));
    expect(users.map((s) => s.file).filter((f) => !BUILDS_TAGS_ITSELF.has(f))).toEqual([]);
    for (const s of users) {
      const used = [...s.text.matchAll(/\bcacheTags\.(\w+)/g)].map((m) => m[1]);
      const unregistered = used.filter((name) => !FACT_LIST.some((f) => f.tag === (cacheTags as Record<string, unknown>)[name]));
      expect([s.file, unregistered]).toEqual([s.file, []]);
    }
  });
});
