import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { StrapiModule } from '../strapi/strapi.module.js';
import { HealthController } from './controllers/health.controller.js';

@Module({ imports: [StrapiModule, CacheModule, SitesModule], controllers: [HealthController] })
export class HealthModule {}
