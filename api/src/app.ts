import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { AppModule } from './app.module.js';
import { nestLogger } from './logging/index.js';
import { fastifyTrustProxy } from './http/trust-proxy.util.js';
import { loadAppConfig, type AppConfig } from './config/app-config.schema.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { EdgePipeline } from './edge/edge-pipeline.service.js';
import { FastPathService } from './edge/fast-path/fast-path.service.js';
import { SiteRegistryService } from './sites/services/site-registry.service.js';
import { HttpErrorFilter } from './http/http-error.filter.js';
import { clientErrorHandler, expectationFailed, frameworkErrorHandler } from './edge/http/framework-errors.util.js';

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
  // Repeated GET hits are answered before Fastify routes them (FastPathService.tryHit); set once the app is built.
  let tryHit: (req: IncomingMessage, res: ServerResponse) => boolean = () => false;
  const adapter = new FastifyAdapter({
    bodyLimit: BODY_LIMIT_BYTES,
    // A hop count, or proxy addresses/CIDRs: only those may name the client (never a left-most X-Forwarded-For).
    trustProxy: fastifyTrustProxy(config.TRUST_PROXY),
    serverFactory: (handler: (req: IncomingMessage, res: ServerResponse) => void) =>
      createServer((req, res) => {
        if (!tryHit(req, res)) handler(req, res);
      }).on('checkExpectation', expectationFailed),
    return503OnClosing: true,
    // Malformed URLs and unparseable HTTP are answered in the gateway's error shape too (never a Fastify or Node default).
    frameworkErrors: frameworkErrorHandler,
    clientErrorHandler,
    routerOptions: { maxParamLength: 200 },
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config), adapter, {
    logger: nestLogger(config), // pino JSON lines (api/src/logging); false when LOG_LEVEL=silent
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  app.useGlobalFilters(new HttpErrorFilter());
  const fastify = app.getHttpAdapter().getInstance();
  // Every hook, in the order a request meets them: api/src/edge/steps/edge-steps.constant.ts.
  app.get(EdgePipeline).register(fastify);
  await app.init();
  const fastPath = app.get(FastPathService);
  tryHit = (req, res) => fastPath.tryHit(req, res);
  // Warm the site list so that the first request does not pay for it; a CMS that is down is not fatal.
  void app
    .get(SiteRegistryService)
    .refresh()
    .catch(() => undefined);

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
