import { Global, Module } from '@nestjs/common';
import { SiteKeysService } from './services/site-keys.service.js';
import { SiteRegistryService } from './services/site-registry.service.js';
import { SiteContextService } from './services/site-context.service.js';

@Global()
@Module({
  providers: [SiteKeysService, SiteRegistryService, SiteContextService],
  exports: [SiteKeysService, SiteRegistryService, SiteContextService],
})
export class SitesModule {}
