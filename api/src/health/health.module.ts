import { Module } from '@nestjs/common';
import { RedisModule } from '../redis/redis.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { StrapiModule } from '../strapi/strapi.module.js';
import { HealthController } from './controllers/health.controller.js';

@Module({ imports: [StrapiModule, RedisModule, SitesModule], controllers: [HealthController] })
export class HealthModule {}
