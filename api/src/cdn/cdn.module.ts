import { Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.module.js';
import { CDN_PURGER } from './types/cdn-purger.types.js';
import { createCdnPurger } from './services/cdn-purger.factory.js';
import { CdnPurgeService } from './services/cdn-purge.service.js';

/** The shared cache in front of the gateway (`CDN_PROVIDER`): the cache's tag purges are forwarded to it. */
@Module({
  providers: [{ provide: CDN_PURGER, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createCdnPurger(c) }, CdnPurgeService],
  exports: [CdnPurgeService],
})
export class CdnModule {}
