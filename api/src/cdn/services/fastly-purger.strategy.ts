import type { CdnPurgeLimits, CdnPurger } from '../types/cdn-purger.types.js';
import { sendPurgeRequest } from '../utils/cdn-request.util.js';

/**
 * Fastly's surrogate-key purge API: `POST /service/<id>/purge` with the keys in a `Surrogate-Key`
 * header (at most 256 keys per request), `Fastly-Soft-Purge: 1` to mark objects stale instead of
 * removing them, and the API token in `Fastly-Key` (purge_select scope; purge_all for `purgeAll`).
 * See https://www.fastly.com/documentation/reference/api/purging/ ("Purge multiple surrogate keys").
 * Purge-all has no soft mode.
 */
export class FastlyPurger implements CdnPurger {
  readonly provider = 'fastly' as const;
  // 256 keys per batch request (Fastly API reference); the header kept well under Fastly's request header limits.
  readonly limits: CdnPurgeLimits = { maxTags: 256, maxBytes: 8000 };
  readonly softPurge = true;

  constructor(
    private readonly apiUrl: string,
    private readonly serviceId: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  purgeTags(tags: string[], soft: boolean): Promise<void> {
    return this.post('purge', { 'surrogate-key': tags.join(' '), ...(soft ? { 'fastly-soft-purge': '1' } : {}) });
  }

  purgeAll(): Promise<void> {
    return this.post('purge_all', {});
  }

  private post(action: 'purge' | 'purge_all', headers: Record<string, string>) {
    const url = `${this.apiUrl.replace(/\/+$/, '')}/service/${encodeURIComponent(this.serviceId)}/${action}`;
    return sendPurgeRequest(`fastly ${action}`, url, { method: 'POST', headers: { 'fastly-key': this.token, accept: 'application/json', ...headers } }, this.timeoutMs);
  }
}
