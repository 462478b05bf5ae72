import { CONTENT_TYPES, cacheTags } from '@clinic/shared';
import { loadAppConfig } from '../../config/app-config.schema.js';
import type { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import type { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import type { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { UniquenessService } from '../../uniqueness/services/uniqueness.service.js';
import { CatalogueIndexService } from '../services/catalogue-index.service.js';
import { ReconcileService } from '../services/reconcile.service.js';

type Ref = { documentId: string };
type Doc = {
  documentId: string;
  updatedAt: string;
  slug?: string;
  locale?: string;
  location?: Ref | null;
  procedures?: Ref[];
  locations?: Ref[];
  name?: string;
  domain?: string;
  phone?: string;
  city?: string;
  intro?: string;
};

/** Reads `filters[a][b][$op]` against a stand-in document (the shapes the index sends). */
function matches(doc: Doc, filters: Record<string, any> | undefined): boolean {
  if (!filters) return true;
  return Object.entries(filters).every(([field, cond]) => {
    if (field === 'updatedAt') return doc.updatedAt >= cond.$gte;
    if (field === 'documentId') return doc.documentId === cond.$eq;
    const value = (doc as any)[field];
    const ids = (Array.isArray(value) ? value : value ? [value] : []).map((r: Ref) => r.documentId);
    return ids.includes(cond.documentId.$eq);
  });
}

/** Stand-ins: a Strapi whose published rows the test edits (counting requests), and a cache that records purges. */
function setup(env: Record<string, string> = {}) {
  const published: Record<string, Doc[]> = Object.fromEntries(Object.values(CONTENT_TYPES).map((ct) => [ct.rest, []]));
  let failing = false;
  const stats = { requests: 0 };
  const http = {
    stats,
    getAll: async (rest: string, params: { filters?: Record<string, unknown> }) => {
      stats.requests += 1;
      if (failing) throw new Error('Strapi unavailable');
      return published[rest].filter((d) => matches(d, params.filters)).map((d) => structuredClone(d));
    },
    get: async (rest: string) => {
      stats.requests += 1;
      if (failing) throw new Error('Strapi unavailable');
      return { data: published[rest].slice(0, 1), meta: { pagination: { page: 1, pageSize: 1, pageCount: 1, total: published[rest].length } } };
    },
  } as unknown as StrapiHttpService;
  const purged: string[][] = [];
  // `hold` makes the next purge hang (a purge waiting for replicas' acks) until the returned release is called.
  let held: Promise<void> | undefined;
  const hold = () => {
    let release!: () => void;
    held = new Promise<void>((r) => (release = r));
    return release;
  };
  const cache = {
    purge: async (tags: string[]) => {
      purged.push(tags);
      const wait = held;
      held = undefined;
      if (wait !== undefined) await wait;
      return { l1Entries: 0 };
    },
  } as unknown as ResponseCacheService;
  const registryRefreshes = { n: 0 };
  const registry = { refresh: async () => void (registryRefreshes.n += 1) } as unknown as SiteRegistryService;
  const index = new CatalogueIndexService(http, cache, registry, new UniquenessService());
  const service = new ReconcileService(loadAppConfig({ RECONCILE_INTERVAL_SECONDS: '0', ...env }), http, index);
  let tick = 0;
  const later = () => new Date(Date.UTC(2030, 0, 1) + ++tick * 1000).toISOString();
  const old = '2020-01-01T00:00:00.000Z';
  const rows = (type: keyof typeof CONTENT_TYPES) => published[CONTENT_TYPES[type].rest];
  return { rows, purged, service, index, stats, later, old, hold, registryRefreshes, fail: (on: boolean) => (failing = on) };
}

/** Two cities, one site serving both, clinics offering procedures. */
function seed(s: ReturnType<typeof setup>, clinics = 4) {
  s.rows('procedure').push(
    { documentId: 'p1', updatedAt: s.old, slug: 'kyphoplasty', locale: 'en' },
    { documentId: 'p1', updatedAt: s.old, slug: 'kyphoplasty', locale: 'es' },
    { documentId: 'p2', updatedAt: s.old, slug: 'vertebroplasty', locale: 'en' },
  );
  // Each city says something of its own, so its landing pages stay above the uniqueness threshold whatever a clinic's phone.
  s.rows('location').push(
    { documentId: 'L1', updatedAt: s.old, slug: 'chicago', locale: 'en', city: 'Chicago', intro: 'Two clinics near the Loop and the lake, both a short walk from the trains.' },
    { documentId: 'L2', updatedAt: s.old, slug: 'evanston', locale: 'en', city: 'Evanston', intro: 'One clinic in downtown Evanston with easy parking on Orrington Avenue.' },
  );
  for (let i = 0; i < clinics; i++) {
    s.rows('clinic').push({
      documentId: `c${i}`,
      updatedAt: s.old,
      slug: `clinic-${i}`,
      location: { documentId: i % 2 ? 'L2' : 'L1' },
      procedures: [{ documentId: 'p1' }, ...(i === 0 ? [{ documentId: 'p2' }] : [])],
    });
  }
  s.rows('site').push({ documentId: 's1', updatedAt: s.old, slug: 'lakeshore', name: 'Lakeshore', domain: 'https://a.example', locations: [{ documentId: 'L1' }, { documentId: 'L2' }] });
}

describe('ReconcileService with the catalogue index', () => {
  it('idle passes cost the same few requests whatever the catalogue size', async () => {
    const costs: number[] = [];
    for (const size of [10, 40]) {
      const s = setup();
      seed(s, size);
      await s.service.runOnce(); // loads the index
      await s.service.runOnce();
      expect(s.service.lastPurged).toBe(0);
      costs.push(s.service.last.upstreamRequests);
    }
    expect(costs[0]).toBe(costs[1]);
    expect(costs[0]).toBe(2 * Object.keys(CONTENT_TYPES).length); // a cursor read and a count per type
  });

  it('a clinic phone change purges that clinic’s fact only; a move purges the memberships of both cities', async () => {
    const s = setup();
    seed(s);
    await s.service.runOnce();
    const c2 = s.rows('clinic')[2];
    Object.assign(c2, { updatedAt: s.later(), phone: '(312) 555-0100' });
    expect(await s.service.runOnce()).toBe(1);
    expect(s.purged.flat().sort()).toEqual([cacheTags.doc('clinic', 'c2'), cacheTags.version('clinic', 'c2')].sort());

    s.purged.length = 0;
    Object.assign(c2, { updatedAt: s.later(), location: { documentId: 'L2' } });
    await s.service.runOnce();
    expect(s.purged.flat().sort()).toEqual(
      [cacheTags.version('clinic', 'c2'), cacheTags.clinicsIn('L1'), cacheTags.clinicsIn('L2'), cacheTags.clinicsOffering('L1', 'p1'), cacheTags.clinicsOffering('L2', 'p1')].sort(),
    );
  });

  it('the only clinic offering a procedure stops: the procedure leaves the city and the site', async () => {
    const s = setup();
    seed(s);
    await s.service.runOnce();
    Object.assign(s.rows('clinic')[0], { updatedAt: s.later(), procedures: [{ documentId: 'p1' }] });
    await s.service.runOnce();
    expect(s.purged.flat().sort()).toEqual(
      [
        cacheTags.version('clinic', 'c0'),
        cacheTags.clinicsOffering('L1', 'p2'),
        cacheTags.proceduresIn('L1', 'en'),
        cacheTags.proceduresOf('lakeshore', 'en'),
        cacheTags.offered('lakeshore', 'p2'),
        // Its own page lists one procedure less.
        cacheTags.proceduresAt('c0', 'en'),
        // The landing page is gone, and its verdict with it (the entries holding it go with the offering anyway).
        cacheTags.uniqueness('lakeshore', 'p2', 'L1', 'en'),
      ].sort(),
    );
  });

  it('a lost unpublish is found by the count and purged within one pass; a failed pass loses nothing', async () => {
    const s = setup();
    seed(s);
    await s.service.runOnce();
    s.rows('procedure').splice(1, 1); // the Spanish kyphoplasty unpublished
    s.fail(true);
    expect(await s.service.runOnce()).toBe(0);
    s.fail(false);
    expect(await s.service.runOnce()).toBe(1);
    expect(s.service.last.vanished).toBe(1);
    expect(s.service.last.fullLists).toBe(1);
    expect(s.purged.flat().sort()).toEqual(
      [
        cacheTags.doc('procedure', 'p1', 'es'),
        cacheTags.slug('procedure', 'kyphoplasty', 'es'),
        cacheTags.locales('procedure', 'p1'),
        // The Spanish lists lose it.
        cacheTags.proceduresIn('L1', 'es'),
        cacheTags.proceduresIn('L2', 'es'),
        cacheTags.proceduresOf('lakeshore', 'es'),
        // So do the Spanish pages of the clinics offering it.
        ...['c0', 'c1', 'c2', 'c3'].map((c) => cacheTags.proceduresAt(c, 'es')),
      ].sort(),
    );
  });

  it('a site serving another city moves served facts and the procedures it offers, not its other pages', async () => {
    const s = setup();
    seed(s);
    await s.service.runOnce();
    Object.assign(s.rows('site')[0], { updatedAt: s.later(), locations: [{ documentId: 'L1' }] });
    await s.service.runOnce();
    expect(s.purged.flat().sort()).toEqual(
      [
        cacheTags.locationsOf('lakeshore', 'en'),
        cacheTags.served('lakeshore', 'evanston'),
        // The clinic pages of the city it left.
        cacheTags.clinicOn('lakeshore', 'c1'),
        cacheTags.clinicOn('lakeshore', 'c3'),
        // Its landing page there is gone, with its verdict.
        cacheTags.uniqueness('lakeshore', 'p1', 'L2', 'en'),
      ].sort(),
    );
  });

  it('a procedure published again brings back the clinics that offer it (re-read, since Strapi hid the relation)', async () => {
    const s = setup();
    seed(s);
    await s.service.runOnce();
    s.rows('procedure').push({ documentId: 'p3', updatedAt: s.later(), slug: 'discectomy', locale: 'en' });
    s.rows('clinic')[1].procedures!.push({ documentId: 'p3' }); // relation without a clinic update
    await s.service.runOnce();
    expect(s.purged.flat()).toEqual(expect.arrayContaining([cacheTags.slug('procedure', 'discectomy', 'en'), cacheTags.clinicsOffering('L2', 'p3'), cacheTags.offered('lakeshore', 'p3')]));
    expect(s.purged.flat()).not.toContain(cacheTags.doc('clinic', 'c1'));
  });

  it('a webhook is applied while a reconciliation pass is still purging what it found: it never waits for that purge', async () => {
    const s = setup();
    seed(s);
    await s.service.runOnce();
    // A lost publish that reconciliation finds; its purge hangs (waiting for replicas' acks, say).
    Object.assign(s.rows('clinic')[2], { updatedAt: s.later(), phone: '(312) 555-0102' });
    const release = s.hold();
    const pass = s.service.runOnce();
    for (let i = 0; i < 50 && !s.purged.length; i += 1) await new Promise((r) => setImmediate(r));
    expect(s.purged.flat()).toContain(cacheTags.doc('clinic', 'c2'));
    // Meanwhile the editor publishes another clinic; its webhook arrives.
    Object.assign(s.rows('clinic')[1], { updatedAt: s.later(), phone: '(312) 555-0101' });
    const report = await Promise.race([s.index.refreshDocument('clinic', 'c1'), new Promise<'waited'>((r) => setTimeout(() => r('waited'), 1000))]);
    release();
    expect(report).toMatchObject({ tags: expect.arrayContaining([cacheTags.doc('clinic', 'c1')]) });
    await pass;
    expect(s.service.lastPurged).toBe(1);
  });

  it('a webhook purges its document’s own pages before the index has re-read it, and a city’s text change leaves the site registry alone', async () => {
    const s = setup();
    seed(s);
    await s.service.runOnce();
    const refreshes = s.registryRefreshes.n;
    const release = s.hold(); // the early purge is under way while the index reads
    Object.assign(s.rows('location')[0], { updatedAt: s.later() }); // Chicago's intro republished
    const applied = s.index.refreshDocument('location', 'L1', 'en', { slug: 'chicago' }); // the webhook's entry.slug
    for (let i = 0; i < 50 && !s.purged.length; i += 1) await new Promise((r) => setImmediate(r));
    expect(s.purged).toEqual([[cacheTags.doc('location', 'L1', 'en')]]);
    release();
    expect((await applied).tags).toEqual([cacheTags.doc('location', 'L1', 'en')]);
    expect(s.purged).toHaveLength(1); // not purged a second time (that would overtake the rebuilds it started)
    expect(s.registryRefreshes.n).toBe(refreshes);
    // A slug change moves what the registry holds (the cities a site serves, by slug): it is refreshed; and its
    // pages are purged once, after the read, with the slug facts (an early purge would be overtaken and repeated).
    s.purged.length = 0;
    Object.assign(s.rows('location')[0], { updatedAt: s.later(), slug: 'chicago-il' });
    await s.index.refreshDocument('location', 'L1', 'en', { slug: 'chicago-il' });
    expect(s.registryRefreshes.n).toBe(refreshes + 1);
    expect(s.purged).toHaveLength(1);
    expect(s.purged[0]).toEqual(expect.arrayContaining([cacheTags.doc('location', 'L1', 'en'), cacheTags.slug('location', 'chicago-il', 'en')]));
  });
});
