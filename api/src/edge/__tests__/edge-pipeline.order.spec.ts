import { jest } from '@jest/globals';
import type { FastifyInstance } from 'fastify';
import { loadAppConfig } from '../../config/app-config.schema.js';
import { EdgePipeline } from '../edge-pipeline.service.js';

/** A Fastify stand-in that records what the pipeline registers (unit test of the order only). */
function recordingFastify() {
  const hooks: Array<[string, string]> = [];
  const routes: string[] = [];
  const fastify = {
    decorateRequest: jest.fn(),
    route: (r: { url: string }) => routes.push(r.url),
    addHook: (name: string, fn: { name: string }) => {
      if (name !== 'preClose') hooks.push([name, fn.name]);
    },
  };
  return { fastify: fastify as unknown as FastifyInstance, hooks, routes };
}

describe('EdgePipeline order', () => {
  it('registers observation, CORS, site + budget, then GraphQL (GET in onRequest, POST after its body), in that order', () => {
    const cache = { useJobFactory: jest.fn() };
    const pipeline = new EdgePipeline(loadAppConfig({}), {} as never, {} as never, {} as never, {} as never, {} as never, {} as never, {} as never, cache as never, {} as never, {} as never, {} as never);
    const { fastify, hooks, routes } = recordingFastify();
    pipeline.register(fastify);
    expect(hooks).toEqual(EdgePipeline.ORDER.map(([h, n]) => [h, n]));
    // Within onRequest (the order Fastify runs them): CORS before the site, the site before any GraphQL work.
    expect(hooks.filter(([h]) => h === 'onRequest').map(([, n]) => n)).toEqual(['observeRequest', 'cors', 'siteAndBudget', 'graphqlGet']);
    expect(routes).toEqual(['/sites/:site/graphql']);
    expect(cache.useJobFactory).toHaveBeenCalledTimes(1);
  });
});
