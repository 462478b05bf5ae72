import { Module } from '@nestjs/common';
import { CdnModule } from '../cdn/cdn.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { L2CacheService } from './services/l2-cache.service.js';
import { ResponseCacheService } from './services/response-cache.service.js';

/** The response cache: L1 per site, L2 in Redis, purges by tag across tiers and replicas. */
@Module({
  imports: [CdnModule, RedisModule],
  providers: [L2CacheService, ResponseCacheService],
  exports: [ResponseCacheService],
})
export class CacheModule {}
