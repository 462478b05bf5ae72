import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module.js';
import { ContentModule } from '../content/content.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { SitemapController } from './controllers/sitemap.controller.js';
import { SitemapService } from './services/sitemap.service.js';

/**
 * The crawler files of each site: sitemap.xml (or, past SITEMAP_MAX_URLS, a sitemap index and its
 * child sitemaps) and robots.txt, composed from ContentService and cached like GraphQL answers.
 */
@Module({ imports: [ContentModule, CacheModule, SitesModule], controllers: [SitemapController], providers: [SitemapService] })
export class SitemapModule {}
