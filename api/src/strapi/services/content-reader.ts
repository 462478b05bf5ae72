import DataLoader from 'dataloader';
import { z } from 'zod';
import {
  CONTENT_TYPES,
  DEFAULT_LOCALE,
  urlSlug,
  clinicSchema,
  landingPageSchema,
  listResponseSchema,
  locationSchema,
  procedureSchema,
  siteSchema,
  REDIRECT_CONTENT_TYPE,
  siteRedirectSchema,
  slugRedirectSchema,
  type ContentTypeName,
  type Locale,
  type StrapiClinic,
  type StrapiLandingPage,
  type StrapiLocation,
  type StrapiProcedure,
  type StrapiSite,
  type StrapiSiteRedirect,
  type StrapiSlugRedirect,
} from '@clinic/shared';
import { FACTS } from '../../invalidation/facts/fact-registry.js';
import type { QueryValue } from '../utils/query-string.util.js';
import { POPULATE } from '../utils/populate.util.js';
import type { StrapiHttpService } from './strapi-http.service.js';

export type ContentStatus = 'published' | 'draft';

/** What one GraphQL request reads with: which version of content, and where to note what it used. */
export interface ReadScope {
  status: ContentStatus;
  /** Cache tags of everything read; the response cache stores them with the entry. */
  tags: Set<string>;
  /** Upstream reads made for this request: what a miss costs against its site's budget. */
  upstreamReads?: number;
}

const key = (locale: string, id: string) => `${locale}\u0000${id}`;
const unkey = (k: string) => k.split('\u0000') as [Locale, string];

/**
 * Per-request reads of Strapi content, batched with DataLoader so that one GraphQL request makes one
 * upstream call per content type and shape, not one per field (no N+1). Reading tags nothing: what a
 * response depends on is what reaches its output, and ContentService records that (invalidation/: the facts).
 */
export class ContentReader {
  constructor(
    private readonly http: StrapiHttpService,
    readonly scope: ReadScope,
  ) {}

  /**
   * This reader (its loaders and what they already hold) recording into another scope: the facts of one page
   * among many composed together, at the cost of one set of reads.
   */
  withScope(scope: ReadScope): ContentReader {
    return Object.assign(Object.create(this) as ContentReader, { scope });
  }

  /** By the slug of the locale's URLs (its own slug, else the English one: shared/site-paths `urlSlug`). */
  readonly procedureBySlug = this.bySlugLoader('procedure', procedureSchema, POPULATE.procedure);
  readonly procedureById = this.byIdLoader('procedure', procedureSchema, POPULATE.procedure);
  readonly locationBySlug = this.bySlugLoader('location', locationSchema, POPULATE.location);
  readonly locationById = this.byIdLoader('location', locationSchema, POPULATE.location);

  /** Clinics of each location (clinics are not localized). */
  readonly clinicsByLocation = new DataLoader<string, StrapiClinic[]>(async (locationIds) => {
    const clinics = await this.findAll('clinic', clinicSchema, {
      filters: { location: { documentId: { $in: [...locationIds] } } },
      populate: POPULATE.clinic,
      sort: ['name:asc'],
    });
    return locationIds.map((id) => clinics.filter((c) => c.location?.documentId === id));
  });

  /** Clinics by slug (not localized: one upstream call for every slug a request asks for). */
  readonly clinicBySlug = new DataLoader<string, StrapiClinic | null>(async (slugs) => {
    const clinics = await this.findAll('clinic', clinicSchema, { filters: { slug: { $in: [...slugs] } }, populate: POPULATE.clinic });
    return slugs.map((s) => clinics.find((c) => c.slug === s) ?? null);
  });

  /** The editor's overrides, keyed by locale × procedure × location; one upstream call per locale. */
  readonly landingOverride = new DataLoader<string, StrapiLandingPage | null>(async (keys) => {
    const byLocale = new Map<string, Array<[string, string]>>();
    for (const k of keys) {
      const [locale, procedureId, locationId] = k.split('\u0000');
      byLocale.set(locale, [...(byLocale.get(locale) ?? []), [procedureId, locationId]]);
    }
    const found = new Map<string, StrapiLandingPage>();
    await Promise.all(
      [...byLocale].map(async ([locale, pairs]) => {
        const overrides = await this.findAll('landingPage', landingPageSchema, {
          locale,
          filters: {
            procedure: { documentId: { $in: [...new Set(pairs.map((p) => p[0]))] } },
            location: { documentId: { $in: [...new Set(pairs.map((p) => p[1]))] } },
          },
          populate: POPULATE.landingPage,
        });
        for (const o of overrides) {
          if (o.procedure && o.location) found.set(`${locale}\u0000${o.procedure.documentId}\u0000${o.location.documentId}`, o);
        }
      }),
    );
    return keys.map((k) => found.get(k) ?? null);
  });

  overrideFor(locale: Locale, procedureId: string, locationId: string) {
    return this.landingOverride.load(`${locale}\u0000${procedureId}\u0000${locationId}`);
  }

  /** One Site document in this read's status, with the cities it serves (a draft Site relates draft cities). */
  async site(documentId: string): Promise<StrapiSite | undefined> {
    const [site] = await this.findAll('site', siteSchema, { filters: { documentId: { $eq: documentId } }, populate: POPULATE.site });
    return site;
  }

  async redirects(): Promise<StrapiSlugRedirect[]> {
    FACTS.list.record(this.scope, 'slugRedirect');
    return this.findAll('slugRedirect', slugRedirectSchema, { sort: ['id:asc'] }, 'published');
  }

  /**
   * The editor's redirect of one path on a site, or null: one indexed lookup (a site may hold tens of
   * thousands). The answer depends on the site's whole table (a `null` too: a redirect added later replaces it).
   */
  async siteRedirect(site: { documentId: string; slug: string }, fromPath: string): Promise<StrapiSiteRedirect | null> {
    FACTS.redirectTable.record(this.scope, site.slug);
    this.scope.upstreamReads = (this.scope.upstreamReads ?? 0) + 1;
    const res = await this.http.get(
      REDIRECT_CONTENT_TYPE.rest,
      {
        filters: { site: { documentId: { $eq: site.documentId } }, fromPath: { $eq: fromPath } },
        fields: ['fromPath', 'toPath', 'kind'],
        pagination: { page: 1, pageSize: 1 },
      },
      listResponseSchema(siteRedirectSchema),
    );
    return res.data[0] ?? null;
  }

  private bySlugLoader<S extends z.ZodTypeAny>(type: ContentTypeName, schema: S, populate: QueryValue) {
    return new DataLoader<string, z.output<S> | null>(async (keys) => this.batchByField(type, schema, populate, 'slug', keys));
  }

  private byIdLoader<S extends z.ZodTypeAny>(type: ContentTypeName, schema: S, populate: QueryValue) {
    return new DataLoader<string, z.output<S> | null>(async (keys) => this.batchByField(type, schema, populate, 'documentId', keys));
  }

  private async batchByField<S extends z.ZodTypeAny>(
    type: ContentTypeName,
    schema: S,
    populate: QueryValue,
    field: 'slug' | 'documentId',
    keys: readonly string[],
  ): Promise<Array<z.output<S> | null>> {
    const byLocale = new Map<Locale, string[]>();
    for (const k of keys) {
      const [locale, value] = unkey(k);
      byLocale.set(locale, [...(byLocale.get(locale) ?? []), value]);
    }
    const found = new Map<string, z.output<S>>();
    await Promise.all(
      [...byLocale].map(async ([locale, values]) => {
        // Outside English a URL slug is the locale's own slug or, where it has none, the English one: both are
        // asked for, and only a document whose URL slug it is answers (an English slug replaced by the locale's
        // own names no page there; ContentService.redirect leads it on).
        const filters = field === 'slug' && locale !== DEFAULT_LOCALE ? { $or: [{ slug: { $in: values } }, { localeSlug: { $in: values } }] } : { [field]: { $in: values } };
        const docs = await this.findAll(type, schema, { locale, filters, populate });
        for (const d of docs as Array<{ documentId: string; slug?: string; localeSlug?: string | null; locale?: string | null }>) {
          found.set(key(locale, field === 'slug' ? urlSlug({ ...d, slug: d.slug ?? '', locale }) : d.documentId), d as z.output<S>);
        }
      }),
    );
    return keys.map((k) => found.get(k) ?? null);
  }

  private findAll<S extends z.ZodTypeAny>(type: ContentTypeName, schema: S, params: Record<string, QueryValue>, status: ContentStatus = this.scope.status): Promise<Array<z.output<S>>> {
    this.scope.upstreamReads = (this.scope.upstreamReads ?? 0) + 1;
    return this.http.getAll(CONTENT_TYPES[type].rest, { ...params, status }, schema);
  }
}

export const localeKey = key;
export type { StrapiProcedure, StrapiLocation, StrapiClinic };
