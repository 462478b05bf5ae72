import { Global, Module } from '@nestjs/common';
import { MetricsController } from './controllers/metrics.controller.js';
import { MetricsService } from './services/metrics.service.js';

@Global()
@Module({ providers: [MetricsService], controllers: [MetricsController], exports: [MetricsService] })
export class MetricsModule {}
