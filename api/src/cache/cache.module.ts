import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module.js';
import { CacheCountersService } from './services/cache-counters.service.js';
import { CacheTiersService } from './services/cache-tiers.service.js';
import { InflightComputationsService } from './services/inflight-computations.service.js';
import { L2CacheService } from './services/l2-cache.service.js';
import { PurgeEvents } from './services/purge-events.service.js';
import { RefreshAheadService } from './services/refresh-ahead.service.js';
import { ResponseCacheService } from './services/response-cache.service.js';

/**
 * The response cache: L1 per site, L2 in Redis, purges by tag across tiers and replicas. Downstream caches
 * (the CDN) subscribe to its PurgeEvents rather than being called by it.
 */
@Module({
  imports: [RedisModule],
  providers: [L2CacheService, CacheTiersService, CacheCountersService, InflightComputationsService, RefreshAheadService, PurgeEvents, ResponseCacheService],
  exports: [ResponseCacheService, PurgeEvents],
})
export class CacheModule {}
