import { Injectable } from '@nestjs/common';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { BudgetService } from '../budget/budget.service.js';
import { SiteBusyError } from '../budget/miss-gate.service.js';
import { FastPathService } from '../fast-path/fast-path.service.js';
import { JSON_TYPE, sendEntry, sendUncached, type Presentation } from '../fast-path/cached-reply.util.js';
import { sendRejection, siteBusy } from '../http/rejection.util.js';
import type { EdgeStep, GraphqlCall } from '../types/edge-step.types.js';
import { ExecutionStep } from './7-execution.step.js';

/**
 * 6. Cache: L1 (per-site shares) → L2 → single-flight, whose one computation is step 7. What the tiers
 * hold is served whatever the caller's budget; a miss is admitted first. A preview, a disabled cache
 * and an operation without a key go on to step 7 uncached.
 */
@Injectable()
export class CacheStep implements EdgeStep {
  readonly name = 'cache';

  constructor(
    private readonly cache: ResponseCacheService,
    private readonly budget: BudgetService,
    private readonly fastPath: FastPathService,
    private readonly execution: ExecutionStep,
  ) {}

  run(call: GraphqlCall): boolean | Promise<boolean> {
    const key = call.prepared!.key;
    if (call.preview || !this.cache.enabled || !key) return false;
    const { req, reply, state, site, isGet } = call;
    if (isGet) this.fastPath.remember(site.slug, req.url, key);
    const p = this.fastPath.presentation(isGet && state.addressed);
    const fresh = this.cache.freshFromL1(key);
    if (fresh) {
      void sendEntry(req, reply, fresh, p, 'HIT', isGet);
      return true;
    }
    return this.beyondL1(call, key, p);
  }

  private async beyondL1({ req, reply, state, site, isGet, prepared }: GraphqlCall, key: string, p: Presentation): Promise<boolean> {
    try {
      const job = this.execution.job(site, prepared!.request, state);
      // What the tiers hold (an L2 hit, a stale entry within its hard TTL) costs no new upstream work:
      // it is served whatever the caller's budget, as a fresh hit is.
      const cached = await this.cache.lookup(key, job);
      if (cached) {
        void sendEntry(req, reply, cached.entry!, p, cached.status, isGet);
        return true;
      }
      // Beyond the cache, work begins: only a caller with budget left may start it.
      const rejection = this.budget.admit('site', state.client!, state.keyId!);
      if (rejection) {
        void sendRejection(reply, rejection);
        return true;
      }
      const answer = await this.cache.compute(key, job);
      if (answer.entry) void sendEntry(req, reply, answer.entry, p, answer.status, isGet);
      else void sendUncached(reply, answer.outcome!.status, JSON_TYPE, answer.outcome!.body);
    } catch (e) {
      if (!(e instanceof SiteBusyError)) throw e;
      void sendRejection(reply, siteBusy(e));
    }
    return true;
  }
}
