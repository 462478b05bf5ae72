import type { ErrorCode } from '../../common/errors/error-codes.js';
import type { SiteInfo } from '../../sites/types/site.types.js';
import type { BudgetClass } from '../budget/budget.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the edge learned about this request (site, key, cost), set by the site step. */
    edge?: EdgeState;
  }
}

/** A request the edge answers itself with an error, before any GraphQL work. */
export interface EdgeRejection {
  status: number;
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
}

export const isRejection = (v: object): v is EdgeRejection => 'code' in v && 'status' in v && 'message' in v;

/** What the edge learned about one request, worked out once and reused by every later step. */
export interface EdgeState {
  /** Where the site came from: the URL (`/sites/<site>/…`, `/preview/<site>/…`) or the `x-site-key` header. */
  addressed: boolean;
  /** The site slug the request is for (URL), or the key's site (header). */
  siteSlug?: string;
  site?: SiteInfo;
  /** Digest naming the presented key (never the key). */
  keyId?: string;
  /**
   * The address the per-client budgets charge: the client's, or the visitor a server-keyed caller
   * named (budget/budget-client.service.ts). Set by the site step.
   */
  client?: string;
  /** Budget units to charge once the response is sent (misses: the upstream work they caused). */
  cost: number;
  /** Which budget admits the request (set by the site step, read by the budget step). */
  budgetClass: BudgetClass;
  /**
   * What the site step refused (no key, wrong site…): answered by the budget step, unless that step
   * answers 429 first, so that a caller guessing keys meets the limit rather than endless 401s.
   */
  refused?: EdgeRejection;
}
