import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.schema.js';
import { ErrorCode, gatewayError } from '../common/errors/error-codes.js';
import type { SiteContextService } from '../sites/services/site-context.service.js';
import { formatGraphqlError } from './format-error.util.js';

/** Apollo as the gateway runs it: limits on, batching off, introspection and GraphiQL outside production only. */
export function graphqlConfig(config: AppConfig, sites: SiteContextService): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: 8 },
    maxAliases: { n: 15 },
    maxDirectives: { n: 10 },
    maxTokens: { n: 800 },
    costLimit: { maxCost: 5000 },
    blockFieldSuggestion: { enabled: config.isProduction },
  });
  const protection = armor.protect();
  return {
    autoSchemaFile: true,
    sortSchema: true,
    path: '/graphql',
    introspection: !config.isProduction,
    graphiql: !config.isProduction,
    allowBatchedHttpRequests: false,
    // The edge resolves persisted documents (trusted documents, APQ) before anything reaches Apollo.
    persistedQueries: false,
    csrfPrevention: { requestHeaders: ['x-site-key', 'x-preview-token', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    includeStacktraceInErrorResponses: !config.isProduction,
    plugins: [...protection.plugins],
    validationRules: [...protection.validationRules],
    formatError: (formatted) => formatGraphqlError(formatted, config.isProduction),
    // Operations run in-process from the edge (edge/execution) with their context; an HTTP request that
    // reached Apollo's own handler got past the edge, so it is refused rather than run without a site.
    context: async (request: FastifyRequest) => {
      const site = request.edge?.site;
      if (!site) throw gatewayError(ErrorCode.UNAUTHENTICATED, 'A valid x-site-key header is required', 401);
      return sites.createContext(site);
    },
  } as ApolloDriverConfig;
}
