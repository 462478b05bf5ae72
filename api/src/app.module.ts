import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.schema.js';
import { ConfigModule } from './config/config.module.js';
import { StrapiModule } from './strapi/strapi.module.js';
import { SitesModule } from './sites/sites.module.js';
import { CacheModule } from './cache/cache.module.js';
import { ContentModule } from './content/content.module.js';
import { SeoModule } from './seo/seo.module.js';
import { SitemapModule } from './sitemap/sitemap.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { GatewayGraphqlModule } from './graphql/graphql.module.js';
import { EdgeModule } from './edge/edge.module.js';
import { PreviewModule } from './preview/preview.module.js';
import { CdnModule } from './cdn/cdn.module.js';
import { UniquenessModule } from './uniqueness/uniqueness.module.js';
import { WorkbenchModule } from './workbench/workbench.module.js';
import { IndexNowModule } from './indexnow/indexnow.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        StrapiModule,
        SitesModule,
        CacheModule,
        SeoModule,
        ContentModule,
        SitemapModule,
        EdgeModule,
        WebhooksModule,
        HealthModule,
        LoggingModule,
        MetricsModule,
        CdnModule,
        IndexNowModule,
        PreviewModule,
        UniquenessModule,
        WorkbenchModule,
        GatewayGraphqlModule,
      ],
    };
  }
}
