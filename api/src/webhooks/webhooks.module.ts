import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { StrapiModule } from '../strapi/strapi.module.js';
import { WebhookController } from './controllers/webhook.controller.js';
import { ReconcileService } from './services/reconcile.service.js';
import { WebhookService } from './services/webhook.service.js';

@Module({ imports: [StrapiModule, CacheModule, SitesModule], controllers: [WebhookController], providers: [WebhookService, ReconcileService], exports: [ReconcileService] })
export class WebhooksModule {}
