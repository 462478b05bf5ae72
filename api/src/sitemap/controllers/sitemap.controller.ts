import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { cdnCacheControl, cdnStaleCacheControl, presentation, sendEntry, sendError, sendUncached, type Presentation } from '../../edge/fast-path/cached-reply.util.js';
import { SitemapService, contentTypeOf, seoFileOf, type SeoFile } from '../services/sitemap.service.js';

/**
 * Public, key-less files for crawlers: `GET /sites/<site-slug>/sitemap.xml` (past SITEMAP_MAX_URLS a
 * sitemap index of `…/sitemaps/<n>.xml`) and `…/robots.txt`.
 * Each clinic site proxies its own `/sitemap.xml` and `/robots.txt` here (see README), so every URL
 * they name is on the site's domain. Cached and purged like GraphQL responses.
 */
@Controller('sites')
export class SitemapController {
  private readonly xml: Presentation;
  private readonly text: Presentation;
  /** A cached negative answer (a child sitemap that does not exist): JSON error, cached and purged like the files. */
  private readonly missing: Presentation;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sitemaps: SitemapService,
  ) {
    const cacheControl = cdnCacheControl(config.CACHE_SOFT_TTL_SECONDS, config.CACHE_HARD_TTL_SECONDS);
    // The site is in the URL and the files are public: shared caches may keep them.
    const stale = cdnStaleCacheControl(config.CACHE_HARD_TTL_SECONDS);
    this.xml = presentation(contentTypeOf('sitemap.xml'), cacheControl, 'accept-encoding', stale);
    this.text = presentation(contentTypeOf('robots.txt'), cacheControl, 'accept-encoding', stale);
    this.missing = presentation('application/json; charset=utf-8', cacheControl, 'accept-encoding', stale);
  }

  @Get(':site/sitemap.xml')
  sitemap(@Param('site') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.serve(slug, 'sitemap.xml', req, reply);
  }

  /** A child of the sitemap index (only past SITEMAP_MAX_URLS): `…/sitemaps/2.xml`, proxied at `/sitemaps/2.xml`. */
  @Get(':site/sitemaps/:file')
  child(@Param('site') slug: string, @Param('file') file: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    const child = seoFileOf(`sitemaps/${file}`);
    if (!child) return this.fail(reply, 404, ErrorCode.NOT_FOUND, 'No such sitemap');
    return this.serve(slug, child, req, reply);
  }

  @Get(':site/robots.txt')
  robots(@Param('site') slug: string, @Req() req: FastifyRequest, @Res() reply: FastifyReply) {
    return this.serve(slug, 'robots.txt', req, reply);
  }

  private async serve(slug: string, file: SeoFile, req: FastifyRequest, reply: FastifyReply) {
    // The edge's site step resolved the site from the URL (and answered 404 / 503 when it could not).
    const site = req.edge?.site;
    if (!site || site.slug !== slug) return this.fail(reply, 404, ErrorCode.NOT_FOUND, 'No such site');
    const answer = await this.sitemaps.answer(site, file);
    if (answer.entry) {
      const p = answer.entry.status ? this.missing : file === 'robots.txt' ? this.text : this.xml;
      return sendEntry(req, reply, answer.entry, p, answer.status, true);
    }
    const outcome = answer.outcome!;
    const type = outcome.status === 200 ? contentTypeOf(file) : 'application/json; charset=utf-8';
    return sendUncached(reply, outcome.status, type, outcome.body, answer.status);
  }

  private fail(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
    return sendError(reply, status, code, message);
  }
}
