import { Global, Module } from '@nestjs/common';
import { CdnModule } from '../cdn/cdn.module.js';
import { GraphqlExecutorService } from '../graphql/graphql-executor.service.js';
import { GraphqlCacheHook } from './hooks/graphql-cache.hook.js';
import { L2CacheService } from './services/l2-cache.service.js';
import { RedisConnectionService } from './services/redis-connection.service.js';
import { ResponseCacheService } from './services/response-cache.service.js';

@Global()
@Module({
  imports: [CdnModule],
  providers: [RedisConnectionService, L2CacheService, ResponseCacheService, GraphqlExecutorService, GraphqlCacheHook],
  exports: [RedisConnectionService, ResponseCacheService, GraphqlExecutorService, GraphqlCacheHook],
})
export class CacheModule {}
