import type { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.schema.js';
import { gatewayError } from '../common/errors/error-codes.js';
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
    persistedQueries: { ttl: null },
    csrfPrevention: { requestHeaders: ['x-site-key', 'x-preview-token', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    includeStacktraceInErrorResponses: !config.isProduction,
    plugins: [...protection.plugins],
    validationRules: [...protection.validationRules],
    formatError: (formatted) => formatGraphqlError(formatted, config.isProduction),
    // The cache edge has already resolved the site for every request it hands on; this is the safety net.
    context: async (request: FastifyRequest) => {
      if (request.gatewayContext) return request.gatewayContext;
      const res = await sites.resolve(request);
      if (!res.ok) throw gatewayError(res.code, res.message, res.status);
      return sites.createContext(res.site, res.preview);
    },
  } as ApolloDriverConfig;
}
