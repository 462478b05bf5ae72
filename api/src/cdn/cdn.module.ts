import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CacheModule } from '../cache/cache.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { CDN_PURGER } from './types/cdn-purger.types.js';
import { createCdnPurger } from './services/cdn-purger.factory.js';
import { CdnMetricsService } from './services/cdn-metrics.service.js';
import { CdnPurgeService } from './services/cdn-purge.service.js';

/** The shared cache in front of the gateway (`CDN_PROVIDER`): it follows the response cache's purge events. */
@Module({
  imports: [CacheModule, MetricsModule],
  providers: [{ provide: CDN_PURGER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createCdnPurger(c) }, CdnPurgeService, CdnMetricsService],
  exports: [CdnPurgeService],
})
export class CdnModule {}
