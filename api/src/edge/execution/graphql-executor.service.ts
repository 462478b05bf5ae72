import { Inject, Injectable } from '@nestjs/common';
import type { ApolloServer } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { cacheTags } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { formatGraphqlError } from '../../graphql/format-error.util.js';
import { SiteContextService } from '../../sites/services/site-context.service.js';
import type { GatewayContext, SiteInfo } from '../../sites/types/site.types.js';
import type { ExecutionOutcome, GraphqlRequest } from '../../cache/types/cache-entry.types.js';

/**
 * The execution step: runs one operation in-process through Apollo (validation, limits, execution,
 * error formatting), without HTTP. Every GraphQL request the edge admits runs here — misses, background
 * refreshes, previews — so a refresh needs no client request and nothing reaches Apollo's HTTP handler
 * with unchecked input.
 */
@Injectable()
export class GraphqlExecutorService {
  private apollo: ApolloServer<GatewayContext> | undefined;

  constructor(
    private readonly sites: SiteContextService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  attach(apollo: ApolloServer<GatewayContext>) {
    this.apollo = apollo;
  }

  async execute(request: GraphqlRequest, site: SiteInfo, preview = false): Promise<ExecutionOutcome> {
    if (!this.apollo) throw new Error('GraphQL server not started');
    const ctx = preview ? await this.sites.createPreviewContext(site) : this.sites.createContext(site);
    let res;
    try {
      res = await this.apollo.executeOperation(
        { query: request.query, variables: request.variables, operationName: request.operationName },
        { contextValue: ctx },
      );
    } catch (e) {
      // graphql-armor rethrows parse errors instead of answering them: they are the client's fault.
      if (!(e instanceof GraphQLError)) throw e;
      const code = e.message.startsWith('Syntax Error') ? 'GRAPHQL_PARSE_FAILED' : String(e.extensions?.code ?? ErrorCode.BAD_REQUEST);
      const formatted = formatGraphqlError({ message: e.message, extensions: { code } }, this.config.isProduction);
      return { status: 400, body: JSON.stringify({ errors: [formatted] }), tags: [], cacheable: false, upstreamFailed: false };
    }
    if (res.body.kind !== 'single') throw new Error('Incremental delivery is not supported');
    const result = res.body.singleResult;
    const errors = result.errors ?? [];
    const status = res.http.status ?? 200;
    const tags = [...ctx.reader.scope.tags, cacheTags.site(site.slug), cacheTags.doc('site', site.documentId)];
    return {
      status,
      body: JSON.stringify(result),
      tags,
      cacheable: !preview && status === 200 && errors.length === 0,
      upstreamFailed: errors.some((e) => e.extensions?.code === ErrorCode.UPSTREAM_UNAVAILABLE),
      upstreamReads: ctx.reader.scope.upstreamReads ?? 0,
    };
  }
}
