import { cacheTags, type ContentTypeName } from '@clinic/shared';
import { FACTS, FACT_LIST, factOfTag, type FactName } from '../facts/fact-registry.js';
import type { CatalogueRows, FactDefinition, IndexedRow } from '../types/fact.types.js';
import { catalogueFacts, changedFacts, isWidePurge, movesSiteRegistry } from '../utils/catalogue-facts.util.js';
import { catalogueView } from '../utils/catalogue-view.util.js';

const at = (n: number) => `2026-01-0${n}T00:00:00.000Z`;

/**
 * A small published catalogue with the cases membership must get right: a city that is not published
 * (L9), a procedure that is not (p9), a procedure missing in one locale (p2: en only), a clinic without
 * a shown digest (c3), two overrides of one page, an override without a procedure.
 */
function fixture(): Record<ContentTypeName, IndexedRow[]> {
  return {
    procedure: [
      { documentId: 'p1', locale: 'en', updatedAt: at(1), slug: 'kyphoplasty' },
      { documentId: 'p1', locale: 'es', updatedAt: at(2), slug: 'kyphoplasty', localeSlug: 'cifoplastia' },
      { documentId: 'p2', locale: 'en', updatedAt: at(1), slug: 'discectomy', copy: { title: 'Discectomy', summary: 'Removing the part of a disc that presses on a nerve.' } },
    ],
    location: [
      { documentId: 'L1', locale: 'en', updatedAt: at(1), slug: 'chicago', copy: { city: 'Chicago', state: 'IL' } },
      { documentId: 'L1', locale: 'es', updatedAt: at(1), slug: 'chicago' },
      { documentId: 'L2', locale: 'en', updatedAt: at(3), slug: 'evanston', copy: { city: 'Evanston', state: 'IL' } },
    ],
    clinic: [
      { documentId: 'c2', locale: '', updatedAt: at(2), slug: 'loop', shown: 'loop-shown', location: 'L1', procedures: ['p1'] },
      { documentId: 'c1', locale: '', updatedAt: at(1), slug: 'gold-coast', shown: 'gc-shown', location: 'L1', procedures: ['p1', 'p2'], copy: { card: 'Gold Coast Spine 10 E Oak St' } },
      { documentId: 'c3', locale: '', updatedAt: at(3), slug: 'evanston-spine', location: 'L2', procedures: ['p2', 'p9'] },
      { documentId: 'c4', locale: '', updatedAt: at(4), slug: 'nowhere', shown: 'nw', location: 'L9', procedures: ['p1'] },
    ],
    site: [
      { documentId: 'S1', locale: '', updatedAt: at(1), slug: 'lakeshore', name: 'Lakeshore', domain: 'https://lakeshore.example', locations: ['L2', 'L1', 'L9'], organization: 'ls-org' },
      { documentId: 'S2', locale: '', updatedAt: at(1), slug: 'northshore', name: 'Northshore', domain: 'https://northshore.example', locations: ['L2'] },
      { documentId: 'S3', locale: '', updatedAt: at(1), slug: null, name: 'Draft', domain: null, locations: ['L1'] },
    ],
    landingPage: [
      { documentId: 'o2', locale: 'en', updatedAt: at(2), procedure: 'p1', location: 'L1' },
      { documentId: 'o1', locale: 'en', updatedAt: at(1), procedure: 'p1', location: 'L1' },
      { documentId: 'o3', locale: 'es', updatedAt: at(1), procedure: null, location: 'L1' },
    ],
    slugRedirect: [
      { documentId: 'r2', locale: '', updatedAt: at(2) },
      { documentId: 'r1', locale: '', updatedAt: at(1) },
    ],
  };
}

const toRows = (spec: Record<ContentTypeName, IndexedRow[]>): CatalogueRows =>
  new Map(Object.entries(spec).map(([type, list]) => [type as ContentTypeName, new Map(list.map((r) => [`${r.documentId}:${r.locale}`, r]))]));

/** One fact's instances and values over the rows. */
function factsOf(fact: FactDefinition, rows: CatalogueRows): Record<string, string> {
  const out: Record<string, string> = {};
  fact.fromRows?.(catalogueView(rows), (tag, value) => void (out[tag] = value));
  return out;
}

/** What each fact computes from the fixture: every instance, every value. */
const EXPECTED: Record<FactName, Record<string, string> | 'not from rows'> = {
  doc: {
    'doc:procedure:p1:en': `${at(1)}\u0000kyphoplasty`,
    'doc:procedure:p1:es': `${at(2)}\u0000cifoplastia`,
    'doc:procedure:p2:en': `${at(1)}\u0000discectomy`,
    'doc:location:L1:en': `${at(1)}\u0000chicago`,
    'doc:location:L1:es': `${at(1)}\u0000chicago`,
    'doc:location:L2:en': `${at(3)}\u0000evanston`,
    // A clinic's fields are compared by what pages show; without a digest, by its version.
    'doc:clinic:c1': 'gc-shown\u0000gold-coast',
    'doc:clinic:c2': 'loop-shown\u0000loop',
    'doc:clinic:c3': `${at(3)}\u0000evanston-spine`,
    'doc:clinic:c4': 'nw\u0000nowhere',
  },
  version: { 'version:clinic:c1': at(1), 'version:clinic:c2': at(2), 'version:clinic:c3': at(3), 'version:clinic:c4': at(4) },
  slug: {
    'slug:procedure:kyphoplasty:en': 'p1',
    'slug:procedure:cifoplastia:es': 'p1',
    'slug:procedure:discectomy:en': 'p2',
    'slug:location:chicago:en': 'L1',
    'slug:location:chicago:es': 'L1',
    'slug:location:evanston:en': 'L2',
    // Clinics are not localized: their slug fact has no locale.
    'slug:clinic:gold-coast': 'c1',
    'slug:clinic:loop': 'c2',
    'slug:clinic:evanston-spine': 'c3',
    'slug:clinic:nowhere': 'c4',
  },
  locales: {
    'locales:procedure:p1': 'en=kyphoplasty,es=cifoplastia',
    'locales:procedure:p2': 'en=discectomy',
    'locales:location:L1': 'en=chicago,es=chicago',
    'locales:location:L2': 'en=evanston',
    'locales:clinic:c1': '',
    'locales:clinic:c2': '',
    'locales:clinic:c3': '',
    'locales:clinic:c4': '',
  },
  // c4's city (L9) is not published: it is in no city's list.
  clinicsIn: { 'members:clinic:location:L1': 'c1,c2', 'members:clinic:location:L2': 'c3' },
  // p9 is not published: c3 offers nothing there.
  clinicsOffering: {
    'members:clinic:location:L1:procedure:p1': 'c1,c2',
    'members:clinic:location:L1:procedure:p2': 'c1',
    'members:clinic:location:L2:procedure:p2': 'c3',
  },
  // p2 exists in English only: Spanish lists leave it out.
  proceduresIn: {
    'members:procedure:location:L1:en': 'p1,p2',
    'members:procedure:location:L1:es': 'p1',
    'members:procedure:location:L2:en': 'p2',
    'members:procedure:location:L2:es': '',
  },
  // A clinic's own list: p9 is not published, p2 is English only.
  proceduresAt: {
    'members:procedure:clinic:c1:en': 'p1,p2',
    'members:procedure:clinic:c1:es': 'p1',
    'members:procedure:clinic:c2:en': 'p1',
    'members:procedure:clinic:c2:es': 'p1',
    'members:procedure:clinic:c3:en': 'p2',
    'members:procedure:clinic:c3:es': '',
    'members:procedure:clinic:c4:en': 'p1',
    'members:procedure:clinic:c4:es': 'p1',
  },
  // A site without a slug (S3) has no facts.
  site: { 'site:lakeshore': 'Lakeshore\u0000https://lakeshore.example', 'site:northshore': 'Northshore\u0000https://northshore.example' },
  // A site without an organization in the CMS still has the fact (its home page names the site as one).
  organization: { 'organization:site:lakeshore': 'ls-org', 'organization:site:northshore': '' },
  locationsOf: {
    'members:location:site:lakeshore:en': 'L1,L2',
    'members:location:site:lakeshore:es': 'L1',
    'members:location:site:northshore:en': 'L2',
    'members:location:site:northshore:es': '',
  },
  served: {
    'served:site:lakeshore:location:chicago': 'L1',
    'served:site:lakeshore:location:evanston': 'L2',
    'served:site:northshore:location:evanston': 'L2',
  },
  // Clinics in the cities each site serves (c4's city is not published).
  clinicOn: {
    'served:site:lakeshore:clinic:c1': '1',
    'served:site:lakeshore:clinic:c2': '1',
    'served:site:lakeshore:clinic:c3': '1',
    'served:site:northshore:clinic:c3': '1',
  },
  proceduresOf: {
    'members:procedure:site:lakeshore:en': 'p1,p2',
    'members:procedure:site:lakeshore:es': 'p1',
    'members:procedure:site:northshore:en': 'p2',
    'members:procedure:site:northshore:es': '',
  },
  offered: {
    'offered:site:lakeshore:procedure:p1': '1',
    'offered:site:lakeshore:procedure:p2': '1',
    'offered:site:northshore:procedure:p2': '1',
  },
  // Two overrides of one page make one value; one without a procedure applies nowhere.
  override: { 'override:procedure:p1:location:L1:en': `o1@${at(1)},o2@${at(2)}` },
  list: { 'list:slugRedirect': `r1@${at(1)},r2@${at(2)}` },
  // The verdict per page a site serves. Neither city has an intro, so both discectomy pages fall back to the
  // procedure's summary: Evanston's says nothing Chicago's does not (0, below), Chicago's has a clinic card more
  // (5 of its 16 shingles: 0.31, above the default 0.3). A page without a sibling is unique (1).
  uniqueness: {
    'unique:site:lakeshore:procedure:p1:location:L1:en': 'above',
    'unique:site:lakeshore:procedure:p1:location:L1:es': 'above',
    'unique:site:lakeshore:procedure:p2:location:L1:en': 'above',
    'unique:site:lakeshore:procedure:p2:location:L2:en': 'below',
    'unique:site:northshore:procedure:p2:location:L2:en': 'above',
  },
  media: 'not from rows',
  siteDocument: 'not from rows',
  redirectTable: 'not from rows',
};

describe('each fact, computed from catalogue rows', () => {
  it.each(FACT_LIST.map((f) => [f.name, f] as const))('%s', (name, fact) => {
    const expected = EXPECTED[name as FactName];
    // A new fact must come with its expectations here.
    expect(expected).toBeDefined();
    if (expected === 'not from rows') {
      expect(fact.fromRows).toBeUndefined();
      expect(fact.purgedBy).toEqual(expect.any(String));
    } else {
      expect(factsOf(fact, toRows(fixture()))).toEqual(expected);
    }
  });

  it('the catalogue fact set is the union of every fact, each tag named by its own fact', () => {
    const all = catalogueFacts(toRows(fixture()));
    const union = Object.assign({}, ...Object.values(EXPECTED).filter((e) => e !== 'not from rows'));
    expect(Object.fromEntries(all)).toEqual(union);
    for (const tag of all.keys()) expect(factOfTag(tag)?.fromRows).toBeDefined();
  });

  it('an empty catalogue still has a slug history (empty), so the first redirect is a change', () => {
    expect(Object.fromEntries(catalogueFacts(new Map()))).toEqual({ 'list:slugRedirect': '' });
  });
});

describe('a change purges the facts whose value moved, and only those', () => {
  const diff = (edit: (f: Record<ContentTypeName, IndexedRow[]>) => void) => {
    const after = fixture();
    edit(after);
    return changedFacts(catalogueFacts(toRows(fixture())), catalogueFacts(toRows(after))).sort();
  };

  it('a clinic moved to another city: its version, both cities and their offerings; not its fields', () => {
    const tags = diff((f) => Object.assign(f.clinic[0], { location: 'L2', updatedAt: at(5) }));
    expect(tags).toEqual(
      [
        'version:clinic:c2',
        'served:site:northshore:clinic:c2',
        'members:clinic:location:L1',
        'members:clinic:location:L2',
        'members:clinic:location:L1:procedure:p1',
        'members:clinic:location:L2:procedure:p1',
        'members:procedure:location:L2:en',
        'members:procedure:location:L2:es',
        'members:procedure:site:northshore:en',
        'members:procedure:site:northshore:es',
        'offered:site:northshore:procedure:p1',
        // Its landing pages in its new city appear.
        'unique:site:lakeshore:procedure:p1:location:L2:en',
        'unique:site:northshore:procedure:p1:location:L2:en',
      ].sort(),
    );
  });

  it('a procedure published in a second locale: its document, slug and locales, and the lists of that locale', () => {
    const tags = diff((f) => f.procedure.push({ documentId: 'p2', locale: 'es', updatedAt: at(6), slug: 'discectomy', localeSlug: 'discectomia' }));
    expect(tags).toEqual(
      [
        'doc:procedure:p2:es',
        'slug:procedure:discectomia:es',
        'locales:procedure:p2',
        'members:procedure:location:L1:es',
        'members:procedure:location:L2:es',
        'members:procedure:site:lakeshore:es',
        'members:procedure:site:northshore:es',
        // The clinics offering it (c1, c3) list it on their Spanish pages now.
        'members:procedure:clinic:c1:es',
        'members:procedure:clinic:c3:es',
        // Chicago has a Spanish page, so its Spanish landing page appears (Evanston has none).
        'unique:site:lakeshore:procedure:p2:location:L1:es',
      ].sort(),
    );
  });

  it("a city's own intro lifts its page over the threshold: that verdict moves; a score that moves without crossing moves nothing", () => {
    const intro = diff((f) =>
      Object.assign(f.location[2], { updatedAt: at(8), copy: { city: 'Evanston', state: 'IL', intro: 'Near the lake, ten minutes from the Davis Street station.' } }),
    );
    expect(intro).toEqual(['doc:location:L2:en', 'unique:site:lakeshore:procedure:p2:location:L2:en']);
    // Chicago's clinic card grows: its score rises (0.31 → 0.45), Evanston's stays 0; no verdict crosses.
    const card = diff((f) => Object.assign(f.clinic[1], { shown: 'gc-longer', updatedAt: at(9), copy: { card: 'Gold Coast Spine 10 E Oak St open late on Thursdays' } }));
    expect(card).toEqual(['doc:clinic:c1', 'version:clinic:c1']);
  });

  it("a site's threshold moves the verdicts of the pages between the old and the new value, and nothing else", () => {
    expect(diff((f) => (f.site[0].threshold = 0.5))).toEqual(['unique:site:lakeshore:procedure:p2:location:L1:en']);
    expect(diff((f) => (f.site[0].threshold = 0.1))).toEqual([]);
  });

  it("a Spanish slug: the Spanish page's document and both slugs (in Spanish), and the alternates of every language; nothing English", () => {
    const tags = diff((f) => Object.assign(f.procedure[1], { localeSlug: 'cifoplastia-con-balon', updatedAt: at(7) }));
    expect(tags).toEqual(['doc:procedure:p1:es', 'locales:procedure:p1', 'slug:procedure:cifoplastia-con-balon:es', 'slug:procedure:cifoplastia:es'].sort());
    // Cleared, the Spanish URLs fall back to the English slug.
    expect(diff((f) => Object.assign(f.procedure[1], { localeSlug: null }))).toEqual(
      ['doc:procedure:p1:es', 'locales:procedure:p1', 'slug:procedure:cifoplastia:es', 'slug:procedure:kyphoplasty:es'].sort(),
    );
    // A city's Spanish slug is a city slug the sites serving it serve (the site registry holds them).
    const city = diff((f) => Object.assign(f.location[1], { localeSlug: 'chicago-il' }));
    expect(city).toEqual(['doc:location:L1:es', 'locales:location:L1', 'served:site:lakeshore:location:chicago-il', 'slug:location:chicago-il:es', 'slug:location:chicago:es'].sort());
    expect(movesSiteRegistry(city)).toBe(true);
  });

  it("a site's rename is wide (soft); a city's slug moves the site registry; a clinic's phone does neither", () => {
    const rename = diff((f) => (f.site[0].name = 'Lakeshore Spine'));
    expect(rename).toEqual(['site:lakeshore']);
    expect(isWidePurge(rename)).toBe(true);
    const slug = diff((f) => (f.location[2].slug = 'evanston-il'));
    expect(slug).toEqual(
      [
        'doc:location:L2:en',
        'locales:location:L2',
        'slug:location:evanston:en',
        'slug:location:evanston-il:en',
        'served:site:lakeshore:location:evanston',
        'served:site:lakeshore:location:evanston-il',
        'served:site:northshore:location:evanston',
        'served:site:northshore:location:evanston-il',
      ].sort(),
    );
    expect(movesSiteRegistry(slug)).toBe(true);
    expect(isWidePurge(slug)).toBe(false);
    const phone = diff((f) => Object.assign(f.clinic[1], { shown: 'gc-new-phone', updatedAt: at(7) }));
    expect(phone).toEqual(['doc:clinic:c1', 'version:clinic:c1']);
    expect(movesSiteRegistry(phone)).toBe(false);
    expect(isWidePurge(phone)).toBe(false);
  });

  it("a site's organization moves only its own organization fact, hard, and the site registry", () => {
    const org = diff((f) => (f.site[0].organization = 'ls-org-new-phone'));
    expect(org).toEqual(['organization:site:lakeshore']);
    expect(isWidePurge(org)).toBe(false);
    expect(movesSiteRegistry(org)).toBe(true);
    const added = diff((f) => (f.site[1].organization = 'ns-org'));
    expect(added).toEqual(['organization:site:northshore']);
  });
});

describe('the registry', () => {
  /** One instance of every fact, with its tag exactly as the website, Varnish xkey and Redis know it. */
  const SAMPLES: Record<FactName, [string, string]> = {
    doc: [FACTS.doc.tag('location', 'abc', 'es'), 'doc:location:abc:es'],
    version: [FACTS.version.tag('clinic', 'c1'), 'version:clinic:c1'],
    slug: [FACTS.slug.tag('procedure', 'kyphoplasty', 'en'), 'slug:procedure:kyphoplasty:en'],
    locales: [FACTS.locales.tag('procedure', 'p1'), 'locales:procedure:p1'],
    clinicsIn: [FACTS.clinicsIn.tag('L'), 'members:clinic:location:L'],
    clinicsOffering: [FACTS.clinicsOffering.tag('L', 'P'), 'members:clinic:location:L:procedure:P'],
    proceduresIn: [FACTS.proceduresIn.tag('L', 'en'), 'members:procedure:location:L:en'],
    proceduresAt: [FACTS.proceduresAt.tag('C', 'es'), 'members:procedure:clinic:C:es'],
    site: [FACTS.site.tag('lakeshore'), 'site:lakeshore'],
    organization: [FACTS.organization.tag('lakeshore'), 'organization:site:lakeshore'],
    locationsOf: [FACTS.locationsOf.tag('lakeshore', 'es'), 'members:location:site:lakeshore:es'],
    served: [FACTS.served.tag('lakeshore', 'chicago'), 'served:site:lakeshore:location:chicago'],
    clinicOn: [FACTS.clinicOn.tag('lakeshore', 'C'), 'served:site:lakeshore:clinic:C'],
    proceduresOf: [FACTS.proceduresOf.tag('lakeshore', 'en'), 'members:procedure:site:lakeshore:en'],
    offered: [FACTS.offered.tag('lakeshore', 'P'), 'offered:site:lakeshore:procedure:P'],
    override: [FACTS.override.tag('P', 'L', 'es'), 'override:procedure:P:location:L:es'],
    uniqueness: [FACTS.uniqueness.tag('lakeshore', 'P', 'L', 'es'), 'unique:site:lakeshore:procedure:P:location:L:es'],
    list: [FACTS.list.tag('slugRedirect'), 'list:slugRedirect'],
    media: [FACTS.media.tag(12), 'media:12'],
    siteDocument: [FACTS.siteDocument.tag('S1'), 'doc:site:S1'],
    redirectTable: [FACTS.redirectTable.tag('lakeshore'), 'redirects:site:lakeshore'],
  };

  it.each(FACT_LIST.map((f) => [f.name, f] as const))('%s: its tag is byte-identical, and only its own pattern knows it', (name, fact) => {
    const [built, expected] = SAMPLES[name as FactName];
    expect(built).toBe(expected);
    expect(FACT_LIST.filter((f) => f.pattern.test(built)).map((f) => f.name)).toEqual([fact.name]);
  });

  it('every tag builder of shared/cache-tags is the tag of a registered fact', () => {
    const builders = Object.entries(cacheTags).filter(([name]) => !FACT_LIST.some((f) => f.tag === (cacheTags as Record<string, unknown>)[name]));
    expect(builders.map(([name]) => name)).toEqual([]);
  });

  it('every fact has one source: computed from rows, or purged by a named event', () => {
    for (const f of FACT_LIST) expect([f.name, !!f.fromRows !== !!f.purgedBy]).toEqual([f.name, true]);
  });

  it('a tag outside the model is recognised by no fact (content code must not emit it)', () => {
    for (const tag of ['doc:landingPage:o1:en', 'version:procedure:p1', 'list:procedure', 'members:clinic:site:x', 'entry:abc', 'doc:procedure:p1:en:extra']) {
      expect([tag, factOfTag(tag)?.name]).toEqual([tag, undefined]);
    }
  });

  it('the recorder notes the same tag its fact builds', () => {
    const scope = { tags: new Set<string>() };
    FACTS.clinicsOffering.record(scope, 'L1', 'p1');
    FACTS.doc.record(scope, 'clinic', 'c1');
    expect([...scope.tags]).toEqual(['members:clinic:location:L1:procedure:p1', 'doc:clinic:c1']);
  });
});
