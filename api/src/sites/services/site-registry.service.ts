import { Inject, Injectable, Logger } from '@nestjs/common';
import { CONTENT_TYPES, absoluteUrl, citySlugsOf, siteSchema, type StrapiOrganization } from '@clinic/shared';
import { APP_CONFIG } from '../../config/config.module.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { versionedMediaUrl } from '../../seo/utils/media-url.util.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { POPULATE } from '../../strapi/utils/populate.util.js';
import type { SiteInfo, SiteOrganization } from '../types/site.types.js';

/**
 * The published Site documents, held in memory: every request needs its site's domain and cities,
 * so they are read once and refreshed when a site or location changes (webhook, reconciliation).
 * When Strapi is unreachable the last known sites keep serving.
 */
@Injectable()
export class SiteRegistryService {
  private readonly logger = new Logger('SiteRegistry');
  private sites = new Map<string, SiteInfo>();
  private loading: Promise<void> | undefined;
  private loadedAt = 0;

  constructor(
    private readonly http: StrapiHttpService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async get(slug: string): Promise<SiteInfo | undefined> {
    if (!this.loadedAt) await this.refresh().catch(() => undefined);
    return this.sites.get(slug);
  }

  /** Synchronous lookup for the hit path; undefined until the first load. */
  peek(slug: string): SiteInfo | undefined {
    return this.sites.get(slug);
  }

  all(): SiteInfo[] {
    return [...this.sites.values()];
  }

  private originSet = new Set<string>();

  /** Origins of every known site, for CORS. */
  origins(): Set<string> {
    return this.originSet;
  }

  /** Reloads the sites; concurrent callers share one upstream read. */
  refresh(): Promise<void> {
    this.loading ??= this.load().finally(() => (this.loading = undefined));
    return this.loading;
  }

  private async load() {
    const sites = await this.http.getAll(CONTENT_TYPES.site.rest, { populate: POPULATE.site, status: 'published' }, siteSchema);
    const next = new Map<string, SiteInfo>();
    for (const s of sites) {
      next.set(s.slug, {
        documentId: s.documentId,
        slug: s.slug,
        name: s.name,
        domain: s.domain.replace(/\/+$/, ''),
        locationIds: new Set(s.locations.map((l) => l.documentId)),
        locationSlugs: citySlugsOf(s.locations),
        updatedAt: s.updatedAt,
        organization: this.organization(s.organization),
      });
    }
    this.sites = next;
    this.originSet = new Set([...next.values()].map((s) => s.domain));
    this.loadedAt = Date.now();
    this.logger.log(`Loaded ${next.size} site(s)`);
  }

  private organization(org: StrapiOrganization | null | undefined): SiteOrganization | null {
    if (!org) return null;
    const logo = org.logo;
    return {
      legalName: org.legalName?.trim() || null,
      // Strapi's local provider answers paths (served by the CMS itself); S3 and CDNs answer absolute URLs.
      logo: logo
        ? {
            id: logo.id ?? null,
            url: versionedMediaUrl(/^https?:\/\//.test(logo.url) ? logo.url : absoluteUrl(this.config.CMS_PUBLIC_URL, logo.url), logo.updatedAt),
            alt: logo.alternativeText?.trim() || null,
            width: logo.width ?? null,
            height: logo.height ?? null,
          }
        : null,
      profiles: org.profiles,
      contactPoints: org.contactPoints,
    };
  }
}
