import type { SiteRegistryService } from '../../sites/services/site-registry.service.js';

export const CORS_ALLOW_HEADERS = 'content-type, x-site-key, x-preview-token, apollo-require-preflight, if-none-match';
export const CORS_EXPOSE_HEADERS = 'x-cache, etag, retry-after';

/**
 * Browsers may call the gateway only from the clinic sites' own origins (their Site documents'
 * domains, plus CORS_ORIGINS for local front ends). Other origins get no CORS headers, so the browser
 * blocks them.
 */
export class CorsPolicy {
  private readonly extra: Set<string>;

  constructor(
    private readonly registry: SiteRegistryService,
    extraOrigins: string[],
  ) {
    this.extra = new Set(extraOrigins);
  }

  allows(origin: string): boolean {
    return this.extra.has(origin) || this.registry.origins().has(origin);
  }
}
