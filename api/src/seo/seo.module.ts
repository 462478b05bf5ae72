import { Module, forwardRef } from '@nestjs/common';
import { ContentModule } from '../content/content.module.js';
import { CacheModule } from '../cache/cache.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { SitemapController } from './controllers/sitemap.controller.js';
import { SeoService } from './services/seo.service.js';
import { SitemapService } from './services/sitemap.service.js';

/**
 * SEO payloads (SeoService, used by ContentService) and the crawler files of each site (sitemap.xml,
 * robots.txt), which need ContentService back: hence the forward reference between the two modules.
 */
@Module({
  imports: [forwardRef(() => ContentModule), CacheModule, SitesModule],
  controllers: [SitemapController],
  providers: [SeoService, SitemapService],
  exports: [SeoService],
})
export class SeoModule {}
