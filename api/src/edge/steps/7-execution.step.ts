import { Injectable } from '@nestjs/common';
import { ResponseCacheService, type CacheJob } from '../../cache/services/response-cache.service.js';
import type { ExecutionOutcome, GraphqlRequest } from '../../cache/types/cache-entry.types.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import type { SiteInfo } from '../../sites/types/site.types.js';
import { BudgetService } from '../budget/budget.service.js';
import { MissGateService, SiteBusyError } from '../budget/miss-gate.service.js';
import { GraphqlExecutorService } from '../execution/graphql-executor.service.js';
import { JSON_TYPE, sendUncached } from '../fast-path/cached-reply.util.js';
import { sendRejection, siteBusy } from '../http/rejection.util.js';
import type { EdgeState } from '../types/edge.types.js';
import type { EdgeStep, GraphqlCall } from '../types/edge-step.types.js';

/**
 * 7. Execution: Apollo in-process, through the site's upstream lane (at most SITE_MAX_CONCURRENT_MISSES
 * at once); what it cost is noted on the request that caused it. The cache step's misses run here as
 * its jobs, and so do refresh-ahead's; what reaches `run` (a preview, a disabled cache, an operation
 * without a key) runs once and is never stored.
 */
@Injectable()
export class ExecutionStep implements EdgeStep {
  readonly name = 'execution';

  constructor(
    registry: SiteRegistryService,
    private readonly cache: ResponseCacheService,
    private readonly budget: BudgetService,
    private readonly gate: MissGateService,
    private readonly executor: GraphqlExecutorService,
  ) {
    // Purges recompute recently used entries without a client: this is how.
    cache.useJobFactory('graphql', (slug, request) => {
      const site = registry.peek(slug);
      return site ? this.job(site, request) : undefined;
    });
  }

  async run({ reply, state, site, preview, prepared }: GraphqlCall): Promise<boolean> {
    // Preview and a disabled cache bypass it by design; an operation without a key (GraphQL will answer
    // its error) is a miss that is never stored.
    const bypass = preview || !this.cache.enabled;
    try {
      const rejection = this.budget.admit('site', state.client!, state.keyId!);
      if (rejection) {
        void sendRejection(reply, rejection);
        return true;
      }
      if (bypass) this.cache.counters.bypass += 1;
      const outcome = await this.job(site, prepared!.request, state, preview).execute();
      if (bypass) void sendUncached(reply, outcome.status, JSON_TYPE, outcome.body, 'BYPASS', 'private, no-store');
      else void sendUncached(reply, outcome.status, JSON_TYPE, outcome.body, 'MISS');
    } catch (e) {
      if (!(e instanceof SiteBusyError)) throw e;
      void sendRejection(reply, siteBusy(e));
    }
    return true;
  }

  /** One execution of `request` for `site`; without a request's state (refresh-ahead) it yields to visitors. */
  job(site: SiteInfo, request: GraphqlRequest, state?: EdgeState, preview = false): CacheJob {
    return {
      site: site.slug,
      request,
      execute: () =>
        this.gate
          .run(site.slug, () => this.executor.execute(request, site, preview), !state)
          .then((outcome: ExecutionOutcome) => {
            if (state) state.cost += Math.max(1, outcome.upstreamReads ?? 0);
            return outcome;
          }),
    };
  }
}
