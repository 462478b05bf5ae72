import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module.js';
import { ContentModule } from '../content/content.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { IndexNowMetricsService } from './services/indexnow-metrics.service.js';
import { IndexNowSubmitterService } from './services/indexnow-submitter.service.js';
import { IndexNowService } from './services/indexnow.service.js';

/** IndexNow (opt-in per site, `INDEXNOW_KEYS`): the public URLs a purge changed, submitted to search engines. */
@Module({
  imports: [CacheModule, ContentModule, MetricsModule, SitesModule],
  providers: [IndexNowService, IndexNowSubmitterService, IndexNowMetricsService],
  exports: [IndexNowService],
})
export class IndexNowModule {}
