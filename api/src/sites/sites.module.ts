import { Module } from '@nestjs/common';
import { StrapiModule } from '../strapi/strapi.module.js';
import { SiteKeysService } from './services/site-keys.service.js';
import { SiteRegistryService } from './services/site-registry.service.js';
import { SiteContextService } from './services/site-context.service.js';

@Module({
  imports: [StrapiModule],
  providers: [SiteKeysService, SiteRegistryService, SiteContextService],
  exports: [SiteKeysService, SiteRegistryService, SiteContextService],
})
export class SitesModule {}
