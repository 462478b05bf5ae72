import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import type { ApolloDriver } from '@nestjs/apollo';
import type { ApolloServer } from '@apollo/server';
import { printSchema } from 'graphql';
import { AppModule } from './app.module.js';
import { nestLogger } from './logging/index.js';
import { loadAppConfig, type AppConfig } from './config/app-config.schema.js';
import { GraphqlCacheHook } from './cache/hooks/graphql-cache.hook.js';
import { GraphqlExecutorService } from './graphql/graphql-executor.service.js';
import { SiteRegistryService } from './sites/services/site-registry.service.js';
import type { GatewayContext } from './sites/types/site.types.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { registerSecurityHeaders } from './http/security-headers.hook.js';
import { registerCors } from './http/cors.hook.js';
import { RateLimitHook } from './rate-limit/rate-limit.hook.js';

export const BODY_LIMIT_BYTES = 64 * 1024;

export interface GatewayApp {
  app: NestFastifyApplication;
  config: AppConfig;
  /** Listening URL once `listen` resolved. */
  url: string;
  listen(): Promise<string>;
  close(): Promise<void>;
  schema(): string;
}

/**
 * Builds the gateway (used by main.ts, the tests and the benchmark). `env` defaults to process.env;
 * tests pass their own so that several gateways can run side by side.
 */
export async function createGateway(env: Record<string, string | undefined> = process.env): Promise<GatewayApp> {
  const config = loadAppConfig(env);
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    trustProxy: true,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: nestLogger(config), // pino JSON lines (api/src/logging); false when LOG_LEVEL=silent
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  app.useGlobalFilters(new HttpErrorFilter());
  const fastify = app.getHttpAdapter().getInstance();
  // Hook order is the order of a request: headers on every answer, budgets, CORS, then the cache edge.
  registerSecurityHeaders(fastify, config.isProduction);
  app.get(RateLimitHook).register(fastify);
  registerCors(fastify, app.get(SiteRegistryService), config.CORS_ORIGINS);
  app.get(GraphqlCacheHook).register(fastify);
  await app.init();
  const apollo = app.get(GraphQLModule<ApolloDriver>).graphQlAdapter.instance as unknown as ApolloServer<GatewayContext>;
  app.get(GraphqlExecutorService).attach(apollo);
  // Warm the site list so that the first request does not pay for it; a CMS that is down is not fatal.
  void app.get(SiteRegistryService).refresh().catch(() => undefined);

  const gateway: GatewayApp = {
    app,
    config,
    url: '',
    async listen() {
      await app.listen({ port: config.PORT, host: config.HOST });
      const address = fastify.server.address();
      const port = typeof address === 'object' && address ? address.port : config.PORT;
      gateway.url = `http://127.0.0.1:${port}`;
      return gateway.url;
    },
    close: () => app.close(),
    schema: () => printSchema(app.get(GraphQLSchemaHost).schema),
  };
  return gateway;
}
