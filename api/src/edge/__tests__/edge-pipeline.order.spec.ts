import { jest } from '@jest/globals';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loadAppConfig } from '../../config/app-config.schema.js';
import { EdgePipeline } from '../edge-pipeline.service.js';
import { FastPathService } from '../fast-path/fast-path.service.js';
import { ObservationStep } from '../steps/0-observation.step.js';
import { CorsStep } from '../steps/1-cors.step.js';
import { SiteStep } from '../steps/2-site.step.js';
import { BudgetStep } from '../steps/3-budget.step.js';
import { PreviewStep } from '../steps/4-preview.step.js';
import { RequestStep } from '../steps/5-request.step.js';
import { CacheStep } from '../steps/6-cache.step.js';
import { ExecutionStep } from '../steps/7-execution.step.js';
import { EDGE_STEPS } from '../steps/edge-steps.constant.js';
import type { EdgeStep, GraphqlCall } from '../types/edge-step.types.js';

const config = loadAppConfig({});

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

/** The real steps, on stand-ins for what they use (nothing here handles a request). */
function realSteps() {
  const cache = { useJobFactory: jest.fn() };
  const none = {} as never;
  const cors = new CorsStep(config, none);
  const fastPath = new FastPathService(config, none, none, cors, cache as never, none, none);
  const execution = new ExecutionStep(none, cache as never, none, none, none);
  const byClass = new Map<unknown, EdgeStep>([
    [ObservationStep, new ObservationStep(config, none, none, none)],
    [CorsStep, cors],
    [SiteStep, new SiteStep(none)],
    [BudgetStep, new BudgetStep(none, none)],
    [PreviewStep, new PreviewStep(none)],
    [RequestStep, new RequestStep(none)],
    [CacheStep, new CacheStep(cache as never, none, fastPath, execution)],
    [ExecutionStep, execution],
  ]);
  // In EDGE_STEPS order, as the module's provider hands them to the pipeline.
  return { steps: EDGE_STEPS.map((c) => byClass.get(c)!), cache, fastPath };
}

/** README's table of steps: `| 0. observation | … |` rows, in the order written. */
function documentedSteps(): string[] {
  const readme = readFileSync(fileURLToPath(new URL('../../../../README.md', import.meta.url)), 'utf8');
  return [...readme.matchAll(/^\| (\d+)\. (\w+) \|/gm)].map((m) => `${m[1]}. ${m[2]}`);
}

describe('Edge steps', () => {
  it('are documented in the order of EDGE_STEPS, each in steps/<n>-<name>.step.ts', () => {
    const { steps } = realSteps();
    const names = steps.map((s, i) => `${i}. ${s.name}`);
    expect(names).toEqual(['0. observation', '1. cors', '2. site', '3. budget', '4. preview', '5. request', '6. cache', '7. execution']);
    // The README writes CORS in capitals.
    expect(documentedSteps().map((d) => d.toLowerCase())).toEqual(names);
    for (const [i, s] of steps.entries()) expect(existsSync(fileURLToPath(new URL(`../steps/${i}-${s.name}.step.ts`, import.meta.url)))).toBe(true);
  });
});

describe('EdgePipeline order', () => {
  it('registers the steps’ hooks in EDGE_STEPS order, then GraphQL (GET in onRequest, POST after its body)', () => {
    const { steps, cache, fastPath } = realSteps();
    const pipeline = new EdgePipeline(config, steps, fastPath);
    const { fastify, hooks, routes } = recordingFastify();
    pipeline.register(fastify);
    expect(hooks).toEqual([
      ['onRequest', 'observeRequest'],
      ['onSend', 'observeHeaders'],
      ['onResponse', 'observeResponse'],
      ['onRequest', 'cors'],
      ['onRequest', 'site'],
      ['onRequest', 'admit'],
      ['onRequest', 'graphqlGet'],
      ['preValidation', 'graphqlPost'],
    ]);
    expect(routes).toEqual(['/sites/:site/graphql']);
    // Refresh-ahead runs purged entries through the execution step.
    expect(cache.useJobFactory).toHaveBeenCalledTimes(1);
  });

  it('runs the GraphQL steps in order until one answers, awaiting only those that return a promise', async () => {
    const ran: string[] = [];
    const step = (name: string, answer: boolean | 'async-false' | 'async-true'): EdgeStep => ({
      name,
      run: (call: GraphqlCall) => {
        ran.push(name);
        if (name === 'preview') call.preview = true;
        if (typeof answer === 'boolean') return answer;
        return Promise.resolve(answer === 'async-true');
      },
    });
    const hooksOnly: EdgeStep = { name: 'site', register: () => ran.push('registered') };
    const steps = [hooksOnly, step('preview', false), step('request', 'async-false'), step('cache', 'async-true'), step('execution', true)];
    const pipeline = new EdgePipeline(config, steps, { register: () => undefined } as never);
    const posts: Array<(req: FastifyRequest, reply: FastifyReply) => Promise<unknown>> = [];
    pipeline.register({ route: () => undefined, addHook: (name: string, fn: never) => name === 'preValidation' && posts.push(fn) } as unknown as FastifyInstance);
    const req = {
      method: 'POST',
      routeOptions: { url: '/graphql' },
      headers: { 'content-type': 'application/json' },
      body: {},
      edge: { addressed: false, cost: 0, budgetClass: 'site', site: {} },
    };
    await posts[0](req as never, {} as never);
    expect(ran).toEqual(['registered', 'preview', 'request', 'cache']);
  });
});
