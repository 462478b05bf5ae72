import type { CdnPurgeLimits, CdnPurger } from '../types/cdn-purger.types.js';
import { sendPurgeRequest } from '../utils/cdn-request.util.js';

/**
 * Cloudflare's purge API: `POST /zones/<zone>/purge_cache` with `{"tags": [...]}` (the `Cache-Tag`
 * values the gateway sends) or `{"purge_everything": true}`, authorised by an API token with the
 * Zone.Cache Purge permission (`Authorization: Bearer …`). Cloudflare has no soft purge by tag, so
 * soft purges go out as hard ones. Tags per call: 30 on the long-standing limit (raised to 100 on some
 * plans in 2025); 30 is accepted everywhere. Cloudflare answers 200 with `"success": false` for
 * rejected purges, which counts as a failure.
 */
export class CloudflarePurger implements CdnPurger {
  readonly provider = 'cloudflare' as const;
  readonly limits: CdnPurgeLimits = { maxTags: 30, maxBytes: 16_000 };
  readonly softPurge = false;

  constructor(
    private readonly apiUrl: string,
    private readonly zoneId: string,
    private readonly token: string,
    private readonly timeoutMs: number,
  ) {}

  purgeTags(tags: string[]): Promise<void> {
    return this.post({ tags });
  }

  purgeAll(): Promise<void> {
    return this.post({ purge_everything: true });
  }

  private post(body: object) {
    const url = `${this.apiUrl.replace(/\/+$/, '')}/zones/${encodeURIComponent(this.zoneId)}/purge_cache`;
    return sendPurgeRequest(
      'cloudflare purge_cache',
      url,
      { method: 'POST', headers: { authorization: `Bearer ${this.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) },
      this.timeoutMs,
      (res, text) => res.ok && succeeded(text),
    );
  }
}

function succeeded(text: string): boolean {
  try {
    return (JSON.parse(text) as { success?: unknown }).success === true;
  } catch {
    return false;
  }
}
