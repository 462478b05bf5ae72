import { CONTENT_TYPES, cacheTags } from '@clinic/shared';
import { loadAppConfig } from '../../config/app-config.schema.js';
import type { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import type { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import type { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { ReconcileService } from '../services/reconcile.service.js';

type Doc = { documentId: string; updatedAt: string; slug?: string; locale?: string };

/** Stand-ins: a Strapi whose published documents the test edits, and a cache that records purges. */
function setup() {
  const published: Record<string, Doc[]> = Object.fromEntries(Object.values(CONTENT_TYPES).map((ct) => [ct.rest, []]));
  let failing = false;
  const http = {
    getAll: async (rest: string) => {
      if (failing) throw new Error('Strapi unavailable');
      return published[rest].map((d) => ({ ...d }));
    },
  } as unknown as StrapiHttpService;
  const purged: string[][] = [];
  const cache = { purge: async (tags: string[]) => void purged.push(tags) } as unknown as ResponseCacheService;
  const registry = { refresh: async () => undefined } as unknown as SiteRegistryService;
  const service = new ReconcileService(loadAppConfig({ RECONCILE_INTERVAL_SECONDS: '0' }), http, cache, registry);
  const later = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  return { published, purged, service, later, fail: (on: boolean) => (failing = on) };
}

describe('ReconcileService', () => {
  it('first pass purges only documents changed since boot', async () => {
    const { published, purged, service, later } = setup();
    published[CONTENT_TYPES.location.rest].push(
      { documentId: 'old', updatedAt: '2020-01-01T00:00:00.000Z', slug: 'evanston', locale: 'en' },
      { documentId: 'new', updatedAt: later(1), slug: 'chicago', locale: 'en' },
    );
    expect(await service.runOnce()).toBe(1);
    expect(purged.flat()).toContain(cacheTags.doc('location', 'new'));
    expect(purged.flat()).not.toContain(cacheTags.doc('location', 'old'));
  });

  it('purges changed, new, renamed and vanished (unpublished or deleted) documents; nothing when nothing moved', async () => {
    const { published, purged, service, later } = setup();
    const procs = published[CONTENT_TYPES.procedure.rest];
    procs.push(
      { documentId: 'p1', updatedAt: '2020-01-01T00:00:00.000Z', slug: 'kyphoplasty', locale: 'en' },
      { documentId: 'p1', updatedAt: '2020-01-01T00:00:00.000Z', slug: 'cifoplastia', locale: 'es' },
      { documentId: 'p2', updatedAt: '2020-01-01T00:00:00.000Z', slug: 'vertebroplasty', locale: 'en' },
    );
    await service.runOnce();
    purged.length = 0;
    expect(await service.runOnce()).toBe(0);
    expect(purged).toEqual([]);

    procs[0] = { ...procs[0], updatedAt: later(1), slug: 'balloon-kyphoplasty' }; // edited + renamed (en only)
    procs.splice(2, 1); // p2 unpublished
    procs.push({ documentId: 'p3', updatedAt: later(1), slug: 'discectomy', locale: 'en' }); // newly published
    expect(await service.runOnce()).toBe(3);
    const tags = purged.flat();
    for (const t of [
      cacheTags.doc('procedure', 'p1'),
      cacheTags.slug('procedure', 'balloon-kyphoplasty'),
      cacheTags.slug('procedure', 'kyphoplasty'),
      cacheTags.doc('procedure', 'p2'),
      cacheTags.slug('procedure', 'vertebroplasty'),
      cacheTags.doc('procedure', 'p3'),
      cacheTags.list('procedure'),
    ]) {
      expect(tags).toContain(t);
    }
    expect(service.lastPurged).toBe(3);
  });

  it('a failed pass keeps the previous snapshot, so the next one still sees the removal', async () => {
    const { published, purged, service, fail } = setup();
    const clinics = published[CONTENT_TYPES.clinic.rest];
    clinics.push({ documentId: 'c1', updatedAt: '2020-01-01T00:00:00.000Z', slug: 'loop-spine' });
    await service.runOnce();
    clinics.pop();
    fail(true);
    expect(await service.runOnce()).toBe(0);
    fail(false);
    expect(await service.runOnce()).toBe(1);
    expect(purged.flat()).toContain(cacheTags.doc('clinic', 'c1'));
  });
});
