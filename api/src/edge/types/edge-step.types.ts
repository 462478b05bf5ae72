import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SiteInfo } from '../../sites/types/site.types.js';
import type { PreparedOperation } from '../request/operation.service.js';
import type { EdgeState } from './edge.types.js';

/** One GraphQL request as steps 4–7 pass it along. */
export interface GraphqlCall {
  req: FastifyRequest;
  reply: FastifyReply;
  state: EdgeState;
  site: SiteInfo;
  /** The query string (GET) or the JSON body (POST). */
  source: unknown;
  isGet: boolean;
  /** Set by the preview step: a valid preview token, so drafts, never cached. */
  preview: boolean;
  /** Set by the request step. */
  prepared?: PreparedOperation;
}

/**
 * One step of the way in (steps/<n>-<name>.step.ts, listed once in EDGE_STEPS). A step meets every
 * request through the Fastify hooks it registers, or each GraphQL operation through `run`; either
 * way EdgePipeline takes the steps in EDGE_STEPS order, so that array is the order.
 */
export interface EdgeStep {
  /** Its name in the documented order (README's table of steps). */
  readonly name: string;
  /** Adds its Fastify hooks; for hooks of one kind, Fastify runs them in the order they were added. */
  register?(fastify: FastifyInstance): void;
  /** Its part of a GraphQL operation: true (or a promise of true) when it answered, so later steps do not run. */
  run?(call: GraphqlCall): boolean | Promise<boolean>;
}
