import { Injectable } from '@nestjs/common';
import { isValidSlug } from '@clinic/shared';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { SiteKeysService, type KeyCheck } from '../../sites/services/site-keys.service.js';
import { SiteRegistryService } from '../../sites/services/site-registry.service.js';
import type { SiteInfo } from '../../sites/types/site.types.js';
import type { EdgeRejection } from '../types/edge.types.js';

type Headers = Record<string, string | string[] | undefined>;

const unavailable: EdgeRejection = { status: 503, code: ErrorCode.UPSTREAM_UNAVAILABLE, message: 'The content service is unavailable; try again shortly' };

/**
 * The site step: which site a request is for. Site-addressed URLs (`/sites/<site>/graphql`, sitemaps,
 * previews) name it in the path — what a shared cache keys on; plain `/graphql` learns it from the
 * `x-site-key` header. A GraphQL request must present a key of that very site either way.
 */
@Injectable()
export class SiteResolverService {
  constructor(
    private readonly keys: SiteKeysService,
    private readonly registry: SiteRegistryService,
  ) {}

  /** The presented key's check (memoised per request). */
  caller(req: { headers: Headers }): KeyCheck | undefined {
    return this.keys.caller(req);
  }

  /**
   * For GraphQL: the site of the key (and of the URL, when it names one), or why not. Synchronous
   * once the site list is loaded, which it is from boot on.
   */
  async forGraphql(req: { headers: Headers }, urlSite?: string): Promise<SiteInfo | EdgeRejection> {
    if (urlSite !== undefined && !isValidSlug(urlSite)) return { status: 404, code: ErrorCode.NOT_FOUND, message: 'No such site' };
    const caller = this.keys.caller(req);
    if (!caller) return { status: 401, code: ErrorCode.UNAUTHENTICATED, message: 'A valid x-site-key header is required' };
    if (urlSite !== undefined && caller.site !== urlSite) {
      return { status: 403, code: ErrorCode.SITE_MISMATCH, message: 'This site key belongs to another site than the one in the URL' };
    }
    const site = this.registry.peek(caller.site) ?? (await this.registry.get(caller.site));
    if (site) return site;
    // The key is valid but its site is not published (or the CMS was never reached).
    return this.registry.all().length ? { status: 401, code: ErrorCode.UNAUTHENTICATED, message: 'This site key belongs to no published site' } : unavailable;
  }

  /** For public, key-less files (sitemap.xml, robots.txt) and previews: the site named in the URL. */
  async fromUrl(slug: string): Promise<SiteInfo | EdgeRejection> {
    const site = isValidSlug(slug) ? (this.registry.peek(slug) ?? (await this.registry.get(slug))) : undefined;
    if (site) return site;
    return !isValidSlug(slug) || this.registry.all().length ? { status: 404, code: ErrorCode.NOT_FOUND, message: 'No such site' } : unavailable;
  }

  /** Synchronous lookup for the fast path: the key's site when it is loaded and matches `urlSite`. */
  peek(req: { headers: Headers }, urlSite?: string): SiteInfo | undefined {
    const caller = this.keys.caller(req);
    if (!caller || (urlSite !== undefined && caller.site !== urlSite)) return undefined;
    return this.registry.peek(caller.site);
  }
}
