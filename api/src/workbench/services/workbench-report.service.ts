import { Injectable } from '@nestjs/common';
import {
  CONTENT_TYPES,
  LOCALES,
  absoluteUrl,
  clinicSchema,
  landingPageSchema,
  parseSitePath,
  pathOf,
  sitePaths,
  urlSlug,
  type Locale,
  type SitePage,
  type StrapiLocation,
  type StrapiProcedure,
} from '@clinic/shared';
import { ContentService } from '../../content/services/content.service.js';
import type { Procedure } from '../../content/models/content.model.js';
import type { Seo } from '../../seo/models/seo.model.js';
import { SiteContextService } from '../../sites/services/site-context.service.js';
import type { GatewayContext, SiteInfo } from '../../sites/types/site.types.js';
import { localeKey } from '../../strapi/services/content-reader.js';
import { StrapiHttpService } from '../../strapi/services/strapi-http.service.js';
import { UniquenessService } from '../../uniqueness/services/uniqueness.service.js';
import { POPULATE } from '../../strapi/utils/populate.util.js';
import type { PageKind, PageUniqueness, ReportQuery, WorkbenchPage, WorkbenchReport } from '../types/workbench-report.types.js';
import { imagesIn, internalPathOf, linksIn } from '../utils/body-links.util.js';
import {
  canonicalCheck,
  descriptionCheck,
  duplicateDescriptionCheck,
  hreflangCheck,
  imageAltCheck,
  internalLinksCheck,
  robotsCheck,
  titleCheck,
  type LinkOutcome,
} from '../utils/seo-checks.util.js';
import { GOOGLE_DESCRIPTION_FONT_PX, GOOGLE_DESCRIPTION_MAX_PX, GOOGLE_TITLE_FONT_PX, GOOGLE_TITLE_MAX_PX, fitToWidth } from '../utils/text-width.util.js';

/** A page as the gateway composes it, with what the checks read that the SEO payload does not carry. */
interface ComposedPage {
  kind: PageKind;
  locale: Locale;
  path: string;
  seo: Seo;
  /** Alternative text of the share image, as the media library holds it. */
  ogImageAlt: string | null;
  /** The markdown the page shows (links and images are checked in it). */
  texts: string[];
}

/** One report's memo: every path is composed at most once, whether it is a page, a link target or a partner. */
type Composer = (page: SitePage) => Promise<ComposedPage | null>;

const procedureTexts = (p: Procedure) => [p.summary, p.body, ...p.steps.map((s) => s.body), p.benefits, p.risks, p.recovery, ...p.faqs.map((f) => f.answer)];
const isHome = (path: string) => LOCALES.some((l) => path.replace(/\/+$/, '') === sitePaths.home(l).replace(/\/+$/, ''));

/**
 * The SEO workbench's report: for one document, every page of one site it appears on, as the gateway
 * composes it for that site's preview (drafts included; the same ContentService and SeoService as the
 * public pages, so titles, canonical URLs and hreflang are the ones visitors will get), with checks.
 */
@Injectable()
export class WorkbenchReportService {
  constructor(
    private readonly sites: SiteContextService,
    private readonly content: ContentService,
    private readonly http: StrapiHttpService,
    private readonly uniqueness: UniquenessService,
  ) {}

  async report(site: SiteInfo, query: ReportQuery): Promise<WorkbenchReport> {
    const ctx = await this.sites.createPreviewContext(site);
    const compose = this.composer(ctx);
    const pages: WorkbenchPage[] = [];
    for (const locale of query.locale ? [query.locale] : LOCALES) {
      const found = (await Promise.all((await this.candidates(ctx, query, locale)).map(compose))).filter((p): p is ComposedPage => !!p);
      if (!found.length) continue;
      const siblings = await this.indexablePages(ctx, compose, locale);
      for (const page of found) pages.push(await this.pageReport(ctx, compose, page, siblings));
    }
    return { site: { slug: site.slug, name: site.name, domain: site.domain }, type: query.type, documentId: query.documentId, pages, generatedAt: new Date().toISOString() };
  }

  private composer(ctx: GatewayContext): Composer {
    const memo = new Map<string, Promise<ComposedPage | null>>();
    return (page) => {
      const key = pathOf(page);
      let found = memo.get(key);
      if (!found) memo.set(key, (found = this.compose(ctx, page)));
      return found;
    };
  }

  /** The page at a site path through ContentService (null where the site has no such page). */
  private async compose(ctx: GatewayContext, target: SitePage): Promise<ComposedPage | null> {
    const { locale } = target;
    const path = pathOf(target);
    const alt = (doc: { seo?: { ogImage?: { alternativeText?: string | null } | null } | null } | null | undefined) => doc?.seo?.ogImage?.alternativeText ?? null;
    if (target.page === 'procedure') {
      const p = await this.content.procedure(ctx, target.procedure, locale);
      if (!p) return null;
      const raw = await ctx.reader.procedureBySlug.load(localeKey(locale, target.procedure));
      return { kind: 'procedure', locale, path, seo: p.seo, ogImageAlt: alt(raw), texts: procedureTexts(p) };
    }
    if (target.page === 'location') {
      const l = await this.content.location(ctx, target.city, locale);
      if (!l) return null;
      const raw = await ctx.reader.locationBySlug.load(localeKey(locale, target.city));
      return { kind: 'location', locale, path, seo: l.seo, ogImageAlt: alt(raw), texts: [l.intro] };
    }
    if (target.page === 'clinic') {
      const c = await this.content.clinicPage(ctx, target.clinic, locale);
      return c && { kind: 'clinic', locale, path, seo: c.seo, ogImageAlt: null, texts: [] };
    }
    const lp = await this.content.landingPage(ctx, target.procedure, target.city, locale);
    if (!lp) return null;
    const override = await ctx.reader.overrideFor(locale, lp.procedure.id, lp.location.id);
    return { kind: 'landingPage', locale, path, seo: lp.seo, ogImageAlt: alt(override), texts: [lp.intro, ...lp.faqs.map((f) => f.answer), ...procedureTexts(lp.procedure)] };
  }

  /** Where the document can appear on a site, in one locale; the composer keeps those the site has. */
  private async candidates(ctx: GatewayContext, { type, documentId }: ReportQuery, locale: Locale): Promise<SitePage[]> {
    const { reader } = ctx;
    const landing = (city: string, procedure: string): SitePage => ({ page: 'landingPage', locale, city, procedure });
    if (type === 'procedure') {
      const doc = await reader.procedureById.load(localeKey(locale, documentId));
      if (!doc) return [];
      const cities = await this.docs<StrapiLocation>(reader.locationById.loadMany([...ctx.site.locationIds].map((id) => localeKey(locale, id))));
      return [{ page: 'procedure', locale, procedure: urlSlug(doc) }, ...cities.map((c) => landing(urlSlug(c), urlSlug(doc)))];
    }
    if (type === 'location') {
      const doc = await reader.locationById.load(localeKey(locale, documentId));
      if (!doc) return [];
      const offered = new Set((await reader.clinicsByLocation.load(doc.documentId)).flatMap((c) => c.procedures.map((p) => p.documentId)));
      const procedures = await this.docs<StrapiProcedure>(reader.procedureById.loadMany([...offered].map((id) => localeKey(locale, id))));
      return [{ page: 'location', locale, city: urlSlug(doc) }, ...procedures.map((p) => landing(urlSlug(doc), urlSlug(p)))];
    }
    if (type === 'landingPage') {
      const [override] = await this.byDocumentId('landingPage', documentId, locale);
      if (!override?.procedure || !override.location) return [];
      const [procedure, location] = await Promise.all([
        reader.procedureById.load(localeKey(locale, override.procedure.documentId)),
        reader.locationById.load(localeKey(locale, override.location.documentId)),
      ]);
      return procedure && location ? [landing(urlSlug(location), urlSlug(procedure))] : [];
    }
    // A clinic: its own page, and the landing pages that list it (its procedures in its city).
    const [clinic] = await this.byDocumentId('clinic', documentId);
    if (!clinic) return [];
    const location = clinic.location ? await reader.locationById.load(localeKey(locale, clinic.location.documentId)) : null;
    const procedures = location ? await this.docs<StrapiProcedure>(reader.procedureById.loadMany(clinic.procedures.map((p) => localeKey(locale, p.documentId)))) : [];
    return [{ page: 'clinic', locale, clinic: clinic.slug }, ...procedures.map((p) => landing(urlSlug(location!), urlSlug(p)))];
  }

  /** Landing-page overrides and clinics are the only documents the report reads by id that the content reader does not. */
  private byDocumentId(type: 'landingPage', documentId: string, locale: Locale): Promise<Array<ReturnType<typeof landingPageSchema.parse>>>;
  private byDocumentId(type: 'clinic', documentId: string): Promise<Array<ReturnType<typeof clinicSchema.parse>>>;
  private byDocumentId(type: 'landingPage' | 'clinic', documentId: string, locale?: Locale) {
    const params = { filters: { documentId: { $eq: documentId } }, populate: POPULATE[type], status: 'draft', ...(locale ? { locale } : {}) };
    return type === 'clinic' ? this.http.getAll(CONTENT_TYPES.clinic.rest, params, clinicSchema) : this.http.getAll(CONTENT_TYPES.landingPage.rest, params, landingPageSchema);
  }

  private async docs<T>(loaded: Promise<Array<T | null | Error>>): Promise<T[]> {
    return (await loaded).filter((d): d is T => !!d && !(d instanceof Error));
  }

  /**
   * The site's pages Google may index in one locale (the sitemap's: canonical and not noindex), with their
   * descriptions: what a description must differ from.
   */
  private async indexablePages(ctx: GatewayContext, compose: Composer, locale: Locale): Promise<Array<{ path: string; description: string }>> {
    const entries = (await this.content.sitemap(ctx)).filter((e) => e.locale === locale);
    const pages = await Promise.all(entries.map((e) => parseSitePath(new URL(e.url).pathname)).map((p) => (p ? compose(p) : null)));
    return pages.filter((p): p is ComposedPage => !!p).map((p) => ({ path: p.path, description: p.seo.description }));
  }

  private async pageReport(ctx: GatewayContext, compose: Composer, page: ComposedPage, siblings: Array<{ path: string; description: string }>): Promise<WorkbenchPage> {
    const { seo } = page;
    const ownUrl = absoluteUrl(ctx.site.domain, page.path);
    const title = fitToWidth(seo.title, GOOGLE_TITLE_MAX_PX, GOOGLE_TITLE_FONT_PX);
    const description = fitToWidth(seo.description, GOOGLE_DESCRIPTION_MAX_PX, GOOGLE_DESCRIPTION_FONT_PX);
    const markdown = page.texts.filter(Boolean).join('\n\n');

    const partners = new Map<string, boolean>();
    for (const a of seo.alternates) {
      const target = parseSitePath(new URL(a.url).pathname);
      partners.set(a.url, !!target && !!(await compose(target)));
    }
    const otherLocales = LOCALES.filter((l) => l !== page.locale);
    const links: LinkOutcome[] = [];
    for (const { href } of linksIn(markdown)) {
      const path = internalPathOf(href, ctx.site.domain);
      if (path !== undefined) links.push(await this.linkOutcome(ctx, compose, href, path));
    }

    return {
      kind: page.kind,
      locale: page.locale,
      path: page.path,
      google: {
        title: seo.title,
        titleShown: title.shown,
        url: seo.canonicalUrl,
        displayUrl: displayUrl(seo.canonicalUrl),
        description: seo.description,
        descriptionShown: description.shown,
      },
      social: { title: seo.title, description: seo.description, image: seo.ogImage, imageAlt: seo.ogImage ? page.ogImageAlt : null },
      seo: { canonicalUrl: seo.canonicalUrl, robots: seo.robots, alternates: seo.alternates },
      checks: [
        titleCheck(seo.title),
        descriptionCheck(seo.description),
        duplicateDescriptionCheck(
          seo.description,
          siblings.filter((s) => s.path !== page.path),
        ),
        imageAltCheck(seo.ogImage ? { url: seo.ogImage, alt: page.ogImageAlt } : null, imagesIn(markdown)),
        canonicalCheck(ownUrl, seo.canonicalUrl),
        robotsCheck(seo.robots),
        hreflangCheck(seo.alternates, partners, seo.alternates.length ? [] : otherLocales),
        internalLinksCheck(links),
      ],
      ...(await this.uniquenessOf(ctx.site, page)),
    };
  }

  /**
   * The uniqueness guard's score of a landing page, as the site publishes it: the catalogue index scores the
   * published catalogue only, so a draft's text changes the score once it is published. A page that exists only
   * in drafts (or under a draft slug) has no score yet: the field is left out.
   */
  private async uniquenessOf(site: SiteInfo, page: ComposedPage): Promise<{ uniqueness?: PageUniqueness }> {
    const target = page.kind === 'landingPage' ? parseSitePath(page.path) : undefined;
    if (target?.page !== 'landingPage') return {};
    const scored = await this.uniqueness.page(site.slug, target.locale, target.procedure, target.city);
    return scored ? { uniqueness: { score: scored.score, nearest: scored.nearest, belowThreshold: scored.belowThreshold } } : {};
  }

  /** Whether a link in the text leads to a page of this site (in its preview: what will be, drafts included). */
  private async linkOutcome(ctx: GatewayContext, compose: Composer, href: string, path: string): Promise<LinkOutcome> {
    if (isHome(path)) return { href, path, status: 'ok' };
    const target = parseSitePath(path);
    if (target && (await compose(target))) return { href, path, status: 'ok' };
    const moved = target && path.length <= 300 ? await this.content.redirect(ctx, path) : null;
    // A 410 (to: null) is a page that is gone on purpose: as broken as one that never was.
    return moved?.to ? { href, path, status: 'redirect', to: moved.to } : { href, path, status: 'missing' };
  }
}

/** A URL as Google prints it above a result: the host, then the path's segments. */
export function displayUrl(url: string): string {
  const u = new URL(url);
  const segment = (s: string) => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  };
  return [u.host, ...u.pathname.split('/').filter(Boolean).map(segment)].join(' › ');
}
