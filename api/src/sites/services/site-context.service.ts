import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_LOCALE, verifyPreviewToken } from '@clinic/shared';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ErrorCode } from '../../common/errors/error-codes.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { ContentReader } from '../../strapi/services/content-reader.js';
import type { GatewayContext, SiteInfo } from '../types/site.types.js';
import { SiteKeysService } from './site-keys.service.js';
import { SiteRegistryService } from './site-registry.service.js';

export const PREVIEW_TOKEN_HEADER = 'x-preview-token';

export type SiteResolution =
  | { ok: true; site: SiteInfo; preview: boolean }
  | { ok: false; status: number; code: ErrorCode; message: string };

type Headers = Record<string, string | string[] | undefined>;

/** Step one of every request: which site is calling, and may it see drafts? */
@Injectable()
export class SiteContextService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SiteKeysService,
    private readonly registry: SiteRegistryService,
    private readonly http: StrapiHttpService,
  ) {}

  async resolve(req: { headers: Headers }): Promise<SiteResolution> {
    const { headers } = req;
    const slug = this.keys.caller(req)?.site;
    if (!slug) {
      return { ok: false, status: 401, code: ErrorCode.UNAUTHENTICATED, message: 'A valid x-site-key header is required' };
    }
    const site = await this.registry.get(slug);
    if (!site) {
      // The key is valid but its site is not published (or the CMS was never reached).
      const code = this.registry.all().length ? ErrorCode.UNAUTHENTICATED : ErrorCode.UPSTREAM_UNAVAILABLE;
      return code === ErrorCode.UNAUTHENTICATED
        ? { ok: false, status: 401, code, message: 'This site key belongs to no published site' }
        : { ok: false, status: 503, code, message: 'The content service is unavailable; try again shortly' };
    }
    const token = headers[PREVIEW_TOKEN_HEADER];
    if (token === undefined) return { ok: true, site, preview: false };
    return this.checkPreview(token, site);
  }

  checkPreview(token: string | string[], site: SiteInfo): SiteResolution {
    const check = typeof token === 'string' ? verifyPreviewToken(this.config.PREVIEW_SECRET, token) : undefined;
    if (!check?.ok || check.payload.site !== site.slug) {
      return { ok: false, status: 401, code: ErrorCode.PREVIEW_TOKEN_INVALID, message: 'The preview token is invalid or expired' };
    }
    return { ok: true, site, preview: true };
  }

  createContext(site: SiteInfo, preview: boolean): GatewayContext {
    return {
      site,
      preview,
      reader: new ContentReader(this.http, { status: preview ? 'draft' : 'published', tags: new Set() }),
      defaultLocale: DEFAULT_LOCALE,
    };
  }
}
