import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, errorBody } from '../../common/errors/error-codes.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import type { CacheAnswer } from '../../cache/types/cache-job.types.js';
import type { ExecutionOutcome } from '../../cache/types/cache-entry.types.js';
import { ContentService } from '../../content/services/content.service.js';
import { isUpstreamUnavailable } from '../../strapi/services/strapi-http.service.js';
import { SiteContextService } from '../../sites/services/site-context.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import type { SiteInfo } from '../../sites/types/site.types.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { newest } from '../../content/utils/content-mappers.util.js';
import { siteEntryTags } from '../../invalidation/utils/fact-recorder.util.js';
import { childSitemapCount, robotsTxt, sitemapIndexXml, sitemapXml, uniqueEntries } from '../utils/sitemap-xml.util.js';

/** `sitemap.xml` (a urlset, or an index past SITEMAP_MAX_URLS), its children `sitemaps/<n>.xml`, `robots.txt`. */
export type SeoFile = 'sitemap.xml' | 'robots.txt' | `sitemaps/${number}.xml`;

export const contentTypeOf = (file: SeoFile) => (file === 'robots.txt' ? 'text/plain; charset=utf-8' : 'application/xml; charset=utf-8');

/** `sitemaps/<n>.xml` → n (1-based), undefined for other files. */
const childNumber = (file: SeoFile) => (file.startsWith('sitemaps/') ? Number(file.slice(9, -4)) : undefined);

/** `name` as a site file (a URL's path, a stored request's `file`), or undefined when it names none. */
export function seoFileOf(name: string | undefined): SeoFile | undefined {
  return name === 'sitemap.xml' || name === 'robots.txt' || /^sitemaps\/[1-9]\d{0,5}\.xml$/.test(name ?? '') ? (name as SeoFile) : undefined;
}

/** Cache key of a site's file: in the site's share, and never a SHA-256 hex like the GraphQL keys, so the two cannot collide. */
export const seoFileKey = (site: string, file: SeoFile) => `${site}:file:${file}`;

/**
 * The one entry (per site) answering every child sitemap that does not exist, whatever number was asked:
 * made-up numbers cannot fill the site's cache share. It names no SeoFile, so no job factory rebuilds it
 * ahead: after a purge it is derived again, for free, on its next request.
 */
const MISSING_CHILD = 'sitemaps/missing';
export const missingChildKey = (site: string) => `${site}:file:${MISSING_CHILD}`;

/**
 * A site's sitemap.xml and robots.txt, built like a GraphQL response and cached like one: through
 * ResponseCacheService (single-flight, SWR, stale-if-error), tagged with everything they were built
 * from plus the site tags, so a publish purges them exactly like the pages they list.
 */
@Injectable()
export class SitemapService {
  private readonly logger = new Logger('Sitemap');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly content: ContentService,
    private readonly cache: ResponseCacheService,
    private readonly sites: SiteContextService,
    registry: SiteRegistryService,
  ) {
    // A purged sitemap that a crawler read recently is rebuilt ahead of its next read, like any page.
    cache.useJobFactory('seo-file', (slug, request) => {
      const file = seoFileOf(request.file);
      const site = file && registry.peek(slug);
      return site ? { site: slug, request, execute: () => this.build(site, file!) } : undefined;
    });
  }

  /**
   * The cached (or freshly built) file; `BYPASS` when the cache is off. A child sitemap is first checked
   * against the site's sitemap.xml (itself cached, and what every crawler reads first): one that does not
   * exist is answered 404 from that, without building anything, and the 404 is cached like a file,
   * tagged with everything sitemap.xml was built from, so a change that makes the child appear purges it.
   */
  async answer(site: SiteInfo, file: SeoFile): Promise<CacheAnswer> {
    const n = childNumber(file);
    if (n !== undefined) {
      const index = await this.answer(site, 'sitemap.xml');
      const xml = index.entry?.body ?? (index.outcome?.status === 200 ? index.outcome.body : undefined);
      // Without sitemap.xml (Strapi unavailable) nothing is known about its children either.
      if (xml === undefined) return index;
      if (n > childSitemapCount(xml)) return this.missingChild(site, index);
    }
    return this.fileAnswer(site, file);
  }

  private async fileAnswer(site: SiteInfo, file: SeoFile): Promise<CacheAnswer> {
    const execute = () => this.build(site, file);
    if (!this.cache.enabled) {
      this.cache.counters.bypass += 1;
      return { status: 'BYPASS', outcome: await execute() };
    }
    return this.cache.answer(seoFileKey(site.slug, file), { site: site.slug, request: { kind: 'seo-file', file }, execute });
  }

  /** The 404 of a child sitemap that does not exist, as `index` (the site's sitemap.xml answer) shows. */
  private missingChild(site: SiteInfo, index: CacheAnswer): Promise<CacheAnswer> | CacheAnswer {
    const outcome: ExecutionOutcome = {
      status: 404,
      body: errorBody(ErrorCode.NOT_FOUND, 'No such sitemap'),
      tags: index.entry?.tags ?? siteEntryTags(site),
      // Stored only when derived from a current sitemap.xml: a stale one (soft purge) may be about to grow.
      cacheable: !!index.entry && index.status !== 'STALE',
      upstreamFailed: false,
    };
    if (!this.cache.enabled) return { status: 'BYPASS', outcome };
    return this.cache.answer(missingChildKey(site.slug), { site: site.slug, request: { kind: 'seo-file', file: MISSING_CHILD }, execute: async () => outcome });
  }

  /** Builds the file's body and collects its tags; upstream failures become a non-cacheable 503. */
  async build(site: SiteInfo, file: SeoFile): Promise<ExecutionOutcome> {
    const ctx = this.sites.createContext(site);
    const siteTags = siteEntryTags(site);
    try {
      let body: string;
      if (file === 'robots.txt') {
        body = robotsTxt(site.domain);
      } else {
        // Entries are URLs, dates and alternates (never page bodies); each child file holds one slice.
        const max = this.config.SITEMAP_MAX_URLS;
        const entries = uniqueEntries(await this.content.sitemap(ctx));
        const children = Math.ceil(entries.length / max);
        const n = childNumber(file);
        if (n === undefined && children <= 1) {
          body = sitemapXml(entries, max).xml;
        } else if (n === undefined) {
          body = sitemapIndexXml(
            Array.from({ length: children }, (_, i) => ({
              loc: `${site.domain}/sitemaps/${i + 1}.xml`,
              lastModified: newest(...entries.slice(i * max, (i + 1) * max).map((e) => e.lastModified)),
            })),
          );
        } else if (n >= 1 && n <= children && children > 1) {
          body = sitemapXml(entries.slice((n - 1) * max, n * max), max).xml;
        } else {
          return { status: 404, body: errorBody(ErrorCode.NOT_FOUND, 'No such sitemap'), tags: siteTags, cacheable: false, upstreamFailed: false };
        }
      }
      return { status: 200, body, tags: [...ctx.reader.scope.tags, ...siteTags], cacheable: true, upstreamFailed: false };
    } catch (e) {
      const upstream = isUpstreamUnavailable(e);
      if (!upstream) this.logger.error(`${site.slug}/${file}: ${(e as Error).stack ?? String(e)}`);
      return {
        status: upstream ? 503 : 500,
        body: upstream
          ? errorBody(ErrorCode.UPSTREAM_UNAVAILABLE, 'The content service is unavailable; try again shortly')
          : errorBody(ErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error'),
        tags: siteTags,
        cacheable: false,
        upstreamFailed: upstream,
      };
    }
  }
}
