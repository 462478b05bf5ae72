import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import type { EdgeRejection } from '../types/edge.types.js';
import { BudgetStoreService, type BudgetDecision } from './budget-store.service.js';

/** What a request is, for budgeting. */
export type BudgetClass = 'site' | 'anonymous' | 'operations';

const limited = (d: BudgetDecision): EdgeRejection => ({
  status: 429,
  code: ErrorCode.RATE_LIMITED,
  message: `Too many requests; retry after ${d.retryAfterSeconds} s`,
  retryAfterSeconds: d.retryAfterSeconds,
});

/**
 * The budget step: cost-based limits. A request with a valid site key is admitted while its key and
 * its client IP under that key have budget left; what it costs is charged after it is answered: nothing
 * for a cache hit, the Strapi requests it caused for a miss (at least one unit for any non-hit). So a
 * site's own rendering servers can pull hits at any rate, while one browser holding the public key
 * can spend at most RATE_LIMIT_MISS_UNITS_PER_IP_PER_WINDOW of its site's RATE_LIMIT_MISS_UNITS_PER_WINDOW.
 * Requests without a valid key (and public files, previews) pay one unit per request per client IP,
 * which also slows key guessing; webhook, health and metrics have their own per-IP budget. Who the client
 * is (its address, or the visitor a site's server names) is budget-client.service.ts's to say.
 */
@Injectable()
export class BudgetService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly store: BudgetStoreService,
  ) {}

  get enabled(): boolean {
    return this.config.RATE_LIMIT_ENABLED;
  }

  /** Admission: a rejection when the caller has nothing left. Anonymous and operations requests pay here. */
  admit(kind: BudgetClass, ip: string, keyId?: string): EdgeRejection | undefined {
    if (!this.enabled) return undefined;
    if (kind === 'operations') return this.orReject(this.store.take(`ops:${ip}`, this.config.RATE_LIMIT_OPS_PER_WINDOW));
    if (kind === 'anonymous' || !keyId) return this.orReject(this.store.take(`ip:${ip}`, this.config.RATE_LIMIT_ANON_PER_WINDOW));
    return (
      this.orReject(this.store.check(`key:${keyId}`, this.config.RATE_LIMIT_MISS_UNITS_PER_WINDOW)) ??
      this.orReject(this.store.check(`kip:${keyId}:${ip}`, this.config.RATE_LIMIT_MISS_UNITS_PER_IP_PER_WINDOW))
    );
  }

  /** Charges a keyed request's cost (upstream units) to its key and to its client IP under that key. */
  charge(keyId: string, ip: string, units: number) {
    if (!this.enabled || units <= 0) return;
    this.store.spend(`key:${keyId}`, units);
    this.store.spend(`kip:${keyId}:${ip}`, units);
  }

  private orReject(d: BudgetDecision) {
    return d.allowed ? undefined : limited(d);
  }
}
