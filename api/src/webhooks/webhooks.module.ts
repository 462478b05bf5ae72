import { Module } from '@nestjs/common';
import { WebhookController } from './controllers/webhook.controller.js';
import { CatalogueIndexService } from './services/catalogue-index.service.js';
import { ReconcileService } from './services/reconcile.service.js';
import { WebhookService } from './services/webhook.service.js';

@Module({
  controllers: [WebhookController],
  providers: [CatalogueIndexService, WebhookService, ReconcileService],
  exports: [ReconcileService, CatalogueIndexService],
})
export class WebhooksModule {}
