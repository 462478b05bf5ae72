import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_LOCALE, citySlugsOf, verifyPreviewToken } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { ContentReader } from '../../strapi/services/content-reader.js';
import type { GatewayContext, SiteInfo } from '../types/site.types.js';

export const PREVIEW_TOKEN_HEADER = 'x-preview-token';

export type SiteResolution = { ok: true; site: SiteInfo; preview: boolean } | { ok: false; status: number; code: ErrorCode; message: string };

/** What a request may read: the preview check, and the per-request context resolvers read with. */
@Injectable()
export class SiteContextService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: StrapiHttpService,
  ) {}

  checkPreview(token: string | string[], site: SiteInfo): SiteResolution {
    const check = typeof token === 'string' ? verifyPreviewToken(this.config.PREVIEW_SECRET, token) : undefined;
    if (!check?.ok || check.payload.site !== site.slug) {
      return { ok: false, status: 401, code: ErrorCode.PREVIEW_TOKEN_INVALID, message: 'The preview token is invalid or expired' };
    }
    return { ok: true, site, preview: true };
  }

  /** A public read: published content, scoped by the site's published catalogue. */
  createContext(site: SiteInfo): GatewayContext {
    return { site, preview: false, reader: new ContentReader(this.http, { status: 'published', tags: new Set() }), defaultLocale: DEFAULT_LOCALE };
  }

  /**
   * A preview: draft content, scoped by the site's catalogue as it will be once published — the cities
   * of the Site document's draft (a city the site is about to serve shows; one only another site
   * serves does not). ContentService applies that catalogue exactly as it applies the published one, so
   * a preview shows what the public page will, drafts included. Name and domain stay the published ones.
   */
  async createPreviewContext(site: SiteInfo): Promise<GatewayContext> {
    const reader = new ContentReader(this.http, { status: 'draft', tags: new Set() });
    // Every published Site has a draft in Strapi 5; without one, the published catalogue (never a wider one).
    const draft = await reader.site(site.documentId);
    const scoped: SiteInfo = draft ? { ...site, locationIds: new Set(draft.locations.map((l) => l.documentId)), locationSlugs: citySlugsOf(draft.locations) } : site;
    return { site: scoped, preview: true, reader, defaultLocale: DEFAULT_LOCALE };
  }
}
