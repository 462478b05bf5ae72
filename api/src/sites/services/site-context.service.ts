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

/** What a request may read: the preview check, and the per-request context resolvers read with. */
@Injectable()
export class SiteContextService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly keys: SiteKeysService,
    private readonly registry: SiteRegistryService,
    private readonly http: StrapiHttpService,
  ) {}

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
