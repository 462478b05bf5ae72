import type { CdnProvider } from '../../config/app-config.schema.js';

/** What a purger purges: a CDN provider, the website's page cache, or both (`varnish+website`). Metrics label. */
export type PurgeTarget = CdnProvider | 'website' | `${CdnProvider}+website`;

/** How much one purge request may carry: the provider's documented limits (see each strategy). */
export interface CdnPurgeLimits {
  /** Tags per request. */
  maxTags: number;
  /** Bytes of the tags joined by one separator (a header value or a JSON array), per request. */
  maxBytes: number;
}

/**
 * One way to purge a shared cache by tag (Vendure-style strategy: the service owns queueing, batching,
 * retries and metrics; a strategy only turns one batch into one provider request). Implementations
 * throw {@link CdnPurgeError} and never put credentials in its message.
 */
export interface CdnPurger {
  readonly provider: PurgeTarget;
  readonly limits: CdnPurgeLimits;
  /** False when the provider has no soft purge: soft purges are then sent as hard ones. */
  readonly softPurge: boolean;
  purgeTags(tags: string[], soft: boolean): Promise<void>;
  purgeAll(): Promise<void>;
}

/** A failed purge request; `retryable` for timeouts, refused connections, 429 and 5xx. */
export class CdnPurgeError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
  }
}

export const CDN_PURGER = Symbol('CDN_PURGER');
