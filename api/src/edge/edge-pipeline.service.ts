import { Inject, Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppConfig } from '../config/app-config.schema.js';
import { APP_CONFIG } from '../config/config.module.js';
import { ErrorCode } from '../common/errors/error-codes.js';
import { FastPathService } from './fast-path/fast-path.service.js';
import { isGraphql, SITE_GRAPHQL_PATH } from './http/edge-routes.util.js';
import { sendRejection } from './http/rejection.util.js';
import { EDGE_STEP_CHAIN } from './steps/edge-steps.constant.js';
import type { EdgeStep, GraphqlCall } from './types/edge-step.types.js';

/**
 * The request's way in: the steps of steps/edge-steps.constant.ts, in that order. Steps that meet
 * every request add their Fastify hooks; then GraphQL operations run the steps' GraphQL parts in turn
 * — from onRequest for GET (its URL carries everything), from preValidation for POST (once its JSON
 * body is read). A repeated GET hit takes the fast path (fast-path/) before Fastify sees it.
 */
@Injectable()
export class EdgePipeline {
  private readonly graphqlSteps: ReadonlyArray<Required<Pick<EdgeStep, 'run'>>>;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(EDGE_STEP_CHAIN) private readonly steps: readonly EdgeStep[],
    private readonly fastPath: FastPathService,
  ) {
    this.graphqlSteps = steps.filter((s): s is EdgeStep & Required<Pick<EdgeStep, 'run'>> => s.run !== undefined);
  }

  register(fastify: FastifyInstance) {
    // The site-addressed GraphQL URL; every request to it is answered by the steps.
    fastify.route({
      method: ['GET', 'POST'],
      url: SITE_GRAPHQL_PATH,
      handler: (_req, reply) => sendRejection(reply, { status: 500, code: ErrorCode.INTERNAL_SERVER_ERROR, message: 'Internal server error' }),
    });
    for (const step of this.steps) step.register?.(fastify);
    fastify.addHook('onRequest', this.graphqlGet);
    fastify.addHook('preValidation', this.graphqlPost);
    this.fastPath.register(fastify);
  }

  private readonly graphqlGet = (req: FastifyRequest, reply: FastifyReply, done: (err?: Error) => void) => {
    // HEAD is a GET without the body (Node drops it): same steps, same headers, same cache entry.
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !isGraphql(req)) return done();
    const q = req.query as Record<string, unknown> | undefined;
    if (!q?.query && !q?.extensions && !q?.documentId) {
      // No operation: a browser asking for GraphiQL (development only, plain /graphql); Apollo answers it.
      if (!this.config.isProduction && !req.edge!.addressed && String(req.headers.accept ?? '').includes('text/html')) return done();
      return void sendRejection(reply, { status: 400, code: ErrorCode.BAD_REQUEST, message: 'GET /graphql needs a "query" (or a "documentId")' });
    }
    let answered: boolean | Promise<boolean>;
    try {
      answered = this.runGraphql(this.call(req, reply, req.query, true), 0);
    } catch (e) {
      return done(e as Error);
    }
    if (answered === false) done();
    else if (answered !== true) answered.then((a) => (a || reply.sent ? undefined : done()), done);
  };

  private readonly graphqlPost = async (req: FastifyRequest, reply: FastifyReply) => {
    if (req.method !== 'POST' || !isGraphql(req)) return;
    // Only JSON: a "simple" content type would let any web page post here (CSRF).
    if (
      !String(req.headers['content-type'] ?? '')
        .toLowerCase()
        .startsWith('application/json')
    ) {
      return sendRejection(reply, { status: 415, code: ErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'POST /graphql takes application/json' });
    }
    await this.runGraphql(this.call(req, reply, req.body, false), 0);
  };

  private call(req: FastifyRequest, reply: FastifyReply, source: unknown, isGet: boolean): GraphqlCall {
    const state = req.edge!;
    return { req, reply, state, site: state.site!, source, isGet, preview: false };
  }

  /** Steps from `i` on, until one answers; a promise only once a step returns one (no await per step). */
  private runGraphql(call: GraphqlCall, i: number): boolean | Promise<boolean> {
    for (; i < this.graphqlSteps.length; i++) {
      const answered = this.graphqlSteps[i].run(call);
      if (answered === true) return true;
      if (answered !== false) {
        const next = i + 1;
        return answered.then((a) => a || this.runGraphql(call, next));
      }
    }
    return false;
  }
}
