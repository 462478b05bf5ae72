import { Module } from '@nestjs/common';
import { StrapiModule } from '../strapi/strapi.module.js';
import { SiteKeysService } from './services/site-keys.service.js';
import { SiteRegistryService } from './services/site-registry.service.js';
import { SiteContextService } from './services/site-context.service.js';
import { SiteServerKeysService } from './services/site-server-keys.service.js';

@Module({
  imports: [StrapiModule],
  providers: [SiteKeysService, SiteServerKeysService, SiteRegistryService, SiteContextService],
  exports: [SiteKeysService, SiteServerKeysService, SiteRegistryService, SiteContextService],
})
export class SitesModule {}
