import { jest } from '@jest/globals';
import { loadAppConfig } from '../../config/app-config.schema.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { CacheCountersService } from '../../cache/services/cache-counters.service.js';
import { CacheTiersService } from '../../cache/services/cache-tiers.service.js';
import { InflightComputationsService } from '../../cache/services/inflight-computations.service.js';
import { PurgeEvents } from '../../cache/services/purge-events.service.js';
import { RefreshAheadService } from '../../cache/services/refresh-ahead.service.js';
import type { SharedCacheStore } from '../../cache/types/cache-store.types.js';
import type { ContentService } from '../../content/services/content.service.js';
import type { SiteContextService } from '../../sites/services/site-context.service.js';
import type { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import type { GatewayContext } from '../../sites/types/site.types.js';
import { SitemapService, missingChildKey } from '../services/sitemap.service.js';
import { testSite } from '../../sites/__tests__/site-info.fixture.js';

/** L2 off: stores nothing. */
const noL2: SharedCacheStore = {
  get: async () => undefined,
  set: async () => undefined,
  purge: async () => ({ keys: 0, replicasConfirmed: 0, replicasExpected: 0 }),
  clear: async () => undefined,
  handleRemotePurges: () => undefined,
  claim: async () => true,
};

const site = testSite({ documentId: 's1' });

/** A content service whose sitemap has `urls` entries, counting every full read (each costs every page's Strapi reads). */
function setup(urls: () => number) {
  const sitemapReads = jest.fn(async (ctx: GatewayContext) => {
    ctx.reader.scope.tags.add('members:location:site:lakeshore:en');
    return Array.from({ length: urls() }, (_, i) => ({ url: `https://lakeshore.example/p${i}`, lastModified: '2026-01-01T00:00:00.000Z', locale: 'en' as const, alternates: [] }));
  });
  const content = { sitemap: sitemapReads } as unknown as ContentService;
  const contexts = { createContext: () => ({ site, preview: false, reader: { scope: { tags: new Set<string>() } }, defaultLocale: 'en' }) } as unknown as SiteContextService;
  const registry = { peek: () => site } as unknown as SiteRegistryService;
  const config = loadAppConfig({ SITEMAP_MAX_URLS: '2', CACHE_REFRESH_AHEAD_SECONDS: '0' });
  const tiers = new CacheTiersService(config, noL2);
  const counters = new CacheCountersService();
  const events = new PurgeEvents();
  const inflight = new InflightComputationsService(tiers, counters, events);
  const cache = new ResponseCacheService(config, tiers, inflight, new RefreshAheadService(config, tiers, inflight, counters), counters, events);
  return { sitemaps: new SitemapService(config, content, cache, contexts, registry), cache, sitemapReads };
}

describe('SitemapService: child sitemaps that do not exist', () => {
  it('answers 404 from the cached sitemap.xml without building, caches it once for every number, and serves the child once it exists', async () => {
    let urls = 4; // two children of SITEMAP_MAX_URLS 2
    const { sitemaps, cache, sitemapReads } = setup(() => urls);
    expect((await sitemaps.answer(site, 'sitemap.xml')).status).toBe('MISS');
    expect(sitemapReads).toHaveBeenCalledTimes(1);

    const first = await sitemaps.answer(site, 'sitemaps/3.xml');
    expect(first.entry?.status ?? first.outcome?.status).toBe(404);
    expect(first.status).toBe('MISS');
    for (const n of [3, 4, 999_999] as const) {
      const again = await sitemaps.answer(site, `sitemaps/${n}.xml`);
      expect(again.status).toBe('HIT');
      expect(again.entry?.status).toBe(404);
    }
    // Nothing was built for them: the only full read is sitemap.xml's.
    expect(sitemapReads).toHaveBeenCalledTimes(1);
    // Tagged like sitemap.xml: a change to what it lists purges the negative answer too.
    expect(cache.l1.get(missingChildKey(site.slug))?.tags).toContain('members:location:site:lakeshore:en');

    urls = 5; // the site grows: a third child appears
    await cache.purge(['members:location:site:lakeshore:en']);
    expect(cache.l1.get(missingChildKey(site.slug))).toBeUndefined();
    const grown = await sitemaps.answer(site, 'sitemaps/3.xml');
    expect(grown.entry?.status).toBeUndefined();
    expect(grown.entry?.body ?? grown.outcome?.body).toContain('https://lakeshore.example/p4');
  });

  it('has no children while sitemap.xml is a plain urlset', async () => {
    const { sitemaps, sitemapReads } = setup(() => 2);
    const one = await sitemaps.answer(site, 'sitemaps/1.xml');
    expect(one.entry?.status).toBe(404);
    expect((await sitemaps.answer(site, 'sitemaps/2.xml')).status).toBe('HIT');
    expect(sitemapReads).toHaveBeenCalledTimes(1);
  });
});
