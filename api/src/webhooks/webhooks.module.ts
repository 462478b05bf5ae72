import { Module } from '@nestjs/common';
import { UniquenessModule } from '../uniqueness/uniqueness.module.js';
import { CacheModule } from '../cache/cache.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { StrapiModule } from '../strapi/strapi.module.js';
import { WebhookController } from './controllers/webhook.controller.js';
import { CatalogueIndexService } from './services/catalogue-index.service.js';
import { CatalogueSyncService } from './services/catalogue-sync.service.js';
import { ReconcileService } from './services/reconcile.service.js';
import { WebhookService } from './services/webhook.service.js';

@Module({
  imports: [StrapiModule, CacheModule, SitesModule, RedisModule, UniquenessModule],
  controllers: [WebhookController],
  providers: [CatalogueIndexService, CatalogueSyncService, WebhookService, ReconcileService],
  exports: [ReconcileService, CatalogueIndexService],
})
export class WebhooksModule {}
