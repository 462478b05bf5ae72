import { Module } from '@nestjs/common';
import { WebhookController } from './controllers/webhook.controller.js';
import { ReconcileService } from './services/reconcile.service.js';
import { WebhookService } from './services/webhook.service.js';

@Module({ controllers: [WebhookController], providers: [WebhookService, ReconcileService], exports: [ReconcileService] })
export class WebhooksModule {}
