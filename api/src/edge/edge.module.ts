import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { EdgePipeline } from './edge-pipeline.service.js';
import { SiteResolverService } from './site/site-resolver.service.js';
import { BudgetStoreService } from './budget/budget-store.service.js';
import { BudgetService } from './budget/budget.service.js';
import { BudgetClientService } from './budget/budget-client.service.js';
import { MissGateService } from './budget/miss-gate.service.js';
import { TrustedDocumentsService } from './request/trusted-documents.service.js';
import { OperationService } from './request/operation.service.js';
import { GraphqlExecutorService } from './execution/graphql-executor.service.js';

/** The request's way in (see edge-pipeline.service.ts for the order). */
@Module({
  imports: [SitesModule, CacheModule, MetricsModule, RedisModule],
  providers: [EdgePipeline, SiteResolverService, BudgetStoreService, BudgetService, BudgetClientService, MissGateService, TrustedDocumentsService, OperationService, GraphqlExecutorService],
  exports: [EdgePipeline, OperationService, GraphqlExecutorService, BudgetStoreService, MissGateService],
})
export class EdgeModule {}
