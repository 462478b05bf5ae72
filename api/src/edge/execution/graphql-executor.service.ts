import { Inject, Injectable } from '@nestjs/common';
import { GraphQLError } from 'graphql';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { formatGraphqlError } from '../../graphql/format-error.util.js';
import { GraphqlServerService } from '../../graphql/services/graphql-server.service.js';
import { SiteContextService } from '../../sites/services/site-context.service.js';
import type { SiteInfo } from '../../sites/types/site.types.js';
import type { ExecutionOutcome, GraphqlRequest } from '../../cache/types/cache-entry.types.js';
import { siteEntryTags } from '../../invalidation/utils/fact-recorder.util.js';

/**
 * The execution step: runs one operation in-process through Apollo (validation, limits, execution,
 * error formatting), without HTTP. Every GraphQL request the edge admits runs here — misses, background
 * refreshes, previews — so a refresh needs no client request and nothing reaches Apollo's HTTP handler
 * with unchecked input.
 */
@Injectable()
export class GraphqlExecutorService {
  constructor(
    private readonly sites: SiteContextService,
    private readonly graphql: GraphqlServerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute(request: GraphqlRequest, site: SiteInfo, preview = false): Promise<ExecutionOutcome> {
    const apollo = this.graphql.apollo;
    if (!apollo) throw new Error('GraphQL server not started');
    const ctx = preview ? await this.sites.createPreviewContext(site) : this.sites.createContext(site);
    let res;
    try {
      res = await apollo.executeOperation({ query: request.query, variables: request.variables, operationName: request.operationName }, { contextValue: ctx });
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
    const tags = [...ctx.reader.scope.tags, ...siteEntryTags(site)];
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
