import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { StrapiModule } from '../strapi/strapi.module.js';
import { MetricsController } from './controllers/metrics.controller.js';
import { MetricsService } from './services/metrics.service.js';

@Module({ imports: [CacheModule, StrapiModule, RedisModule], providers: [MetricsService], controllers: [MetricsController], exports: [MetricsService] })
export class MetricsModule {}
