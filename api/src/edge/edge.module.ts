import { Module } from '@nestjs/common';
import { CacheModule } from '../cache/cache.module.js';
import { GatewayGraphqlModule } from '../graphql/graphql.module.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { RedisModule } from '../redis/redis.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { EdgePipeline } from './edge-pipeline.service.js';
import { EDGE_STEPS, edgeStepChainProvider } from './steps/edge-steps.constant.js';
import { FastPathService } from './fast-path/fast-path.service.js';
import { SiteResolverService } from './site/site-resolver.service.js';
import { BudgetStoreService } from './budget/budget-store.service.js';
import { BudgetService } from './budget/budget.service.js';
import { BudgetClientService } from './budget/budget-client.service.js';
import { MissGateService } from './budget/miss-gate.service.js';
import { TrustedDocumentsService } from './request/trusted-documents.service.js';
import { OperationService } from './request/operation.service.js';
import { GraphqlExecutorService } from './execution/graphql-executor.service.js';

/** The request's way in (steps/edge-steps.constant.ts has the order). */
@Module({
  imports: [SitesModule, CacheModule, MetricsModule, RedisModule, GatewayGraphqlModule],
  providers: [
    EdgePipeline,
    ...EDGE_STEPS,
    edgeStepChainProvider,
    FastPathService,
    SiteResolverService,
    BudgetStoreService,
    BudgetService,
    BudgetClientService,
    MissGateService,
    TrustedDocumentsService,
    OperationService,
    GraphqlExecutorService,
  ],
  exports: [EdgePipeline, FastPathService, OperationService, GraphqlExecutorService, BudgetStoreService, MissGateService],
})
export class EdgeModule {}
