import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { CdnModule } from './cdn.module.js';
import { CdnMetricsService } from './services/cdn-metrics.service.js';

/** CDN purge counters in /metrics (apart from CdnModule, which the cache imports and metrics depends on). */
@Module({ imports: [CdnModule, MetricsModule], providers: [CdnMetricsService] })
export class CdnMetricsModule {}
