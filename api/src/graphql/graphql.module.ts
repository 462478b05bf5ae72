import { Module } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.module.js';
import { SitesModule } from '../sites/sites.module.js';
import { SiteContextService } from '../sites/services/site-context.service.js';
import { graphqlConfig } from './graphql-config.factory.js';
import { GraphqlServerService } from './services/graphql-server.service.js';

/** Apollo on the code-first schema; the edge reaches both through GraphqlServerService. */
@Module({
  imports: [
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [SitesModule],
      inject: [APP_CONFIG, SiteContextService],
      useFactory: (cfg: AppConfig, sites: SiteContextService) => graphqlConfig(cfg, sites),
    }),
  ],
  providers: [GraphqlServerService],
  exports: [GraphqlServerService],
})
export class GatewayGraphqlModule {}
