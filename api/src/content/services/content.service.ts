import { Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCALE,
  LOCALES,
  absoluteUrl,
  normalizeRedirectPath,
  parseSitePath,
  pathOf,
  REDIRECT_PATH_MAX_LENGTH,
  type SitePage,
  isValidSlug,
  sitePaths,
  urlSlug,
  urlSlugs,
  type Locale,
  type StrapiClinic,
  type StrapiLocation,
  type StrapiProcedure,
  type StrapiSlugRedirect,
} from '@clinic/shared';
import { ErrorCode, gatewayError } from '../../common/errors/error-codes.js';
import { FACTS } from '../../invalidation/facts/fact-registry.js';
import { recordConditions } from '../../invalidation/utils/fact-recorder.util.js';
import { localeKey } from '../../strapi/services/content-reader.js';
import type { GatewayContext } from '../../sites/types/site.types.js';
import { SeoService, localesOf } from '../../seo/services/seo.service.js';
import { UniquenessService } from '../../uniqueness/services/uniqueness.service.js';
import type { Seo } from '../../seo/models/seo.model.js';
import type { Clinic, ClinicPage, HomePage, LandingPage, Location, Organization, Procedure, Redirect, SitemapEntry } from '../models/content.model.js';
import { contactLanguages } from '../../seo/utils/json-ld.util.js';
import { newest, toClinic, toLocation, toProcedure } from '../utils/content-mappers.util.js';
import { landingHeadline, landingIntro } from '../utils/landing-copy.util.js';
import { paginate, type Page } from '../utils/paginate.util.js';

/** A chain longer than this is cut where it is (the CMS collapses nothing, it follows at read time). */
const MAX_REDIRECT_HOPS = 10;

/**
 * What a site may read, composed from Strapi documents. Scoping lives here and only here: a site
 * sees its own cities, their clinics and the procedures those clinics offer; anything else is `null`,
 * exactly like a slug that does not exist.
 */
@Injectable()
export class ContentService {
  constructor(
    private readonly seo: SeoService,
    private readonly uniqueness: UniquenessService,
  ) {}

  /** The clinic group behind the site (what the home page shows of it). */
  organization(ctx: GatewayContext): Organization {
    const { site } = ctx;
    const org = site.organization;
    this.recordOrganization(ctx);
    return {
      name: site.name,
      legalName: org?.legalName ?? null,
      logo: org?.logo ? { url: org.logo.url, alt: org.logo.alt, width: org.logo.width, height: org.logo.height } : null,
      sameAs: org?.profiles ?? [],
      contactPoints: (org?.contactPoints ?? []).map((c) => ({
        telephone: c.telephone,
        contactType: c.contactType ?? 'customer_service',
        areaServed: c.areaServed ?? null,
        languages: contactLanguages(c.languages),
      })),
    };
  }

  /** The home page: it exists in every locale; its JSON-LD carries the organization. */
  homePage(ctx: GatewayContext, locale: Locale): HomePage {
    this.recordOrganization(ctx);
    return { path: sitePaths.home(locale), locale, seo: this.seo.homePage(ctx.site, locale) };
  }

  private recordOrganization(ctx: GatewayContext) {
    FACTS.organization.record(ctx.reader.scope, ctx.site.slug);
    const logo = ctx.site.organization?.logo;
    if (logo?.id != null) FACTS.media.record(ctx.reader.scope, logo.id);
  }

  async procedure(ctx: GatewayContext, slug: string, locale: Locale): Promise<Procedure | null> {
    assertSlug(slug, 'slug');
    const [doc, offered] = await Promise.all([ctx.reader.procedureBySlug.load(localeKey(locale, slug)), this.offeredProcedureIds(ctx)]);
    const found = recordConditions(ctx.reader.scope, [
      [!!doc, FACTS.slug.tag('procedure', slug, locale)],
      [doc ? offered.has(doc.documentId) : undefined, doc && FACTS.offered.tag(ctx.site.slug, doc.documentId)],
    ]);
    return found ? this.showProcedure(ctx, doc!, locale) : null;
  }

  async procedures(ctx: GatewayContext, locale: Locale): Promise<Procedure[]> {
    FACTS.proceduresOf.record(ctx.reader.scope, ctx.site.slug, locale);
    const ids = [...(await this.offeredProcedureIds(ctx))];
    const docs = await this.loadProcedures(ctx, ids, locale);
    return docs.map((d) => this.showProcedure(ctx, d, locale));
  }

  /** `procedures`, a page at a time, in the same order (title, then id). */
  async proceduresPage(ctx: GatewayContext, locale: Locale, first: number | undefined, after: string | undefined): Promise<Page<Procedure>> {
    // The order depends on every title, so the page depends on every offered procedure (tagged by the list).
    const all = await this.procedures(ctx, locale);
    return paginate(all, (p) => [p.title, p.id], first, after);
  }

  /** `locations`, a page at a time, in the same order (city, then id). */
  async locationsPage(ctx: GatewayContext, locale: Locale, first: number | undefined, after: string | undefined): Promise<Page<Location>> {
    const docs = await this.servedLocations(ctx, locale);
    const page = paginate(docs, (d) => [d.city, d.documentId], first, after);
    // Only the page's cities are composed (their clinics read and shown).
    const clinics = await Promise.all(page.nodes.map((d) => this.clinicsIn(ctx, d.documentId)));
    return { ...page, nodes: page.nodes.map((d, i) => this.showLocation(ctx, d, clinics[i], locale)) };
  }

  /** A city's clinics, a page at a time (name, then id). */
  async clinicsPage(ctx: GatewayContext, location: Location, first: number | undefined, after: string | undefined): Promise<Page<Clinic>> {
    const clinics = await this.clinicsIn(ctx, location.id);
    const page = paginate(clinics, (c) => [c.name, c.documentId], first, after);
    return { ...page, nodes: page.nodes.map(toClinic) };
  }

  async location(ctx: GatewayContext, slug: string, locale: Locale): Promise<Location | null> {
    assertSlug(slug, 'slug');
    const doc = await this.servedLocation(ctx, slug, locale);
    if (!doc) return null;
    const clinics = await this.clinicsIn(ctx, doc.documentId);
    return this.showLocation(ctx, doc, clinics, locale);
  }

  async locations(ctx: GatewayContext, locale: Locale): Promise<Location[]> {
    const docs = await this.servedLocations(ctx, locale);
    const clinics = await Promise.all(docs.map((d) => this.clinicsIn(ctx, d.documentId)));
    return docs.map((d, i) => this.showLocation(ctx, d, clinics[i], locale));
  }

  async clinicsOf(ctx: GatewayContext, location: Location): Promise<Clinic[]> {
    return (await this.clinicsIn(ctx, location.id)).map(toClinic);
  }

  async proceduresOf(ctx: GatewayContext, location: Location): Promise<Procedure[]> {
    FACTS.proceduresIn.record(ctx.reader.scope, location.id, location.locale);
    const clinics = await ctx.reader.clinicsByLocation.load(location.id);
    const ids = [...new Set(clinics.flatMap((c) => c.procedures.map((p) => p.documentId)))];
    const docs = await this.loadProcedures(ctx, ids, location.locale as Locale);
    return docs.map((d) => this.showProcedure(ctx, d, location.locale as Locale));
  }

  async landingPage(ctx: GatewayContext, procedureSlug: string, locationSlug: string, locale: Locale): Promise<LandingPage | null> {
    assertSlug(procedureSlug, 'procedure');
    assertSlug(locationSlug, 'location');
    if (this.unserved(ctx, locationSlug)) return null;
    const [procedure, location] = await Promise.all([ctx.reader.procedureBySlug.load(localeKey(locale, procedureSlug)), ctx.reader.locationBySlug.load(localeKey(locale, locationSlug))]);
    const offering = procedure && location ? await ctx.reader.clinicsByLocation.load(location.documentId) : undefined;
    const exists = recordConditions(ctx.reader.scope, [
      [!!procedure, FACTS.slug.tag('procedure', procedureSlug, locale)],
      [!!location, FACTS.slug.tag('location', locationSlug, locale)],
      [this.serves(ctx, locationSlug, location), FACTS.served.tag(ctx.site.slug, locationSlug)],
      [
        offering?.some((c) => c.procedures.some((p) => p.documentId === procedure!.documentId)),
        procedure && location && FACTS.clinicsOffering.tag(location.documentId, procedure.documentId),
      ],
    ]);
    if (!exists) return null;
    const composed = await this.composeLandingPage(ctx, procedure!, location!, locale);
    return composed?.page ?? null;
  }

  /**
   * A clinic's page: the clinic of a city this site serves, in a locale that city exists in. A page the site
   * does not have waits only on what made it missing; a page it has shows the clinic's version
   * (lastModified) and which of its procedures exist in the locale.
   */
  async clinicPage(ctx: GatewayContext, slug: string, locale: Locale): Promise<ClinicPage | null> {
    assertSlug(slug, 'slug');
    const clinic = await ctx.reader.clinicBySlug.load(slug);
    const locationId = clinic?.location?.documentId;
    const onSite = !!locationId && ctx.site.locationIds.has(locationId);
    const location = locationId ? await ctx.reader.locationById.load(localeKey(locale, locationId)) : null;
    const found = recordConditions(ctx.reader.scope, [
      [!!clinic, FACTS.slug.tag('clinic', slug)],
      // Whether its city has the language is asked before whether the site serves the city: a site taking on
      // a city without a Spanish page must not purge the Spanish page it still does not have.
      [locationId ? !!location : undefined, locationId && FACTS.locales.tag('location', locationId)],
      [clinic ? onSite : undefined, clinic && FACTS.clinicOn.tag(ctx.site.slug, clinic.documentId)],
    ]);
    if (!found || !clinic || !location) return null;
    FACTS.doc.record(ctx.reader.scope, 'clinic', clinic.documentId);
    FACTS.version.record(ctx.reader.scope, 'clinic', clinic.documentId);
    FACTS.doc.record(ctx.reader.scope, 'location', location.documentId, location.locale ?? locale);
    FACTS.proceduresAt.record(ctx.reader.scope, clinic.documentId, locale);
    const procedures = await this.loadProcedures(
      ctx,
      clinic.procedures.map((p) => p.documentId),
      locale,
    );
    const seo = this.seo.clinicPage(ctx.site, { clinic, location, procedures, locales: localesOf(location) }, locale);
    return {
      path: sitePaths.clinic(clinic.slug, locale),
      locale,
      clinic: toClinic(clinic),
      location: { slug: urlSlug(location), city: location.city, state: location.state, path: sitePaths.location(urlSlug(location), locale) },
      procedures: procedures.map((p) => ({ slug: urlSlug(p), title: p.title, summary: p.summary, landingPath: sitePaths.landingPage(urlSlug(location), urlSlug(p), locale) })),
      lastModified: newest(clinic.updatedAt, location.updatedAt),
      seo,
    };
  }

  async sitemap(ctx: GatewayContext): Promise<SitemapEntry[]> {
    for (const locale of LOCALES) FACTS.proceduresOf.record(ctx.reader.scope, ctx.site.slug, locale);
    const entries: SitemapEntry[] = [];
    const { site } = ctx;
    const offered = [...(await this.offeredProcedureIds(ctx))];
    for (const locale of LOCALES) {
      const [locations, procedures] = await Promise.all([this.servedLocations(ctx, locale), this.loadProcedures(ctx, offered, locale)]);
      for (const p of procedures) {
        if (p.seo?.noIndex) continue;
        this.addEntry(entries, site.domain, sitePaths.procedure(urlSlug(p), locale), p.updatedAt, locale, this.showProcedure(ctx, p, locale).seo);
      }
      // Composed together, so that DataLoader reads every override of this locale in one upstream call.
      const perCity = await Promise.all(
        locations
          .filter((l) => !l.seo?.noIndex)
          .map(async (l) => ({
            location: l,
            clinics: await this.clinicsIn(ctx, l.documentId),
            pages: await Promise.all(procedures.map((p) => this.landingEntry(ctx, p, l, locale))),
          })),
      );
      for (const { location: l, clinics, pages } of perCity) {
        for (const c of clinics) FACTS.version.record(ctx.reader.scope, 'clinic', c.documentId);
        this.addEntry(
          entries,
          site.domain,
          sitePaths.location(urlSlug(l), locale),
          newest(l.updatedAt, ...clinics.map((c) => c.updatedAt)),
          locale,
          this.showLocation(ctx, l, clinics, locale).seo,
        );
        for (const c of clinics) {
          this.addEntry(entries, site.domain, sitePaths.clinic(c.slug, locale), newest(c.updatedAt, l.updatedAt), locale, this.seo.clinicPageLinks(site, c.slug, localesOf(l), locale));
        }
        for (const page of pages) {
          if (!page || page.noIndex) continue;
          this.addEntry(entries, site.domain, page.path, page.lastModified, locale, page.links);
        }
      }
    }
    return entries;
  }

  /**
   * Every public page of the site — the sitemap's and the home pages — with the facts it shows, each composed
   * as the website asks for it (the same fields its documents select). The pages share the context's loaders:
   * one set of Strapi reads for all of them. What changed after a purge is the pages whose facts it names.
   */
  async pageFacts(ctx: GatewayContext): Promise<Map<string, Set<string>>> {
    const out = new Map<string, Set<string>>();
    const page = async (path: string, compose: (c: GatewayContext) => Promise<unknown>) => {
      const scope = { ...ctx.reader.scope, tags: new Set<string>() };
      await compose({ ...ctx, reader: ctx.reader.withScope(scope) });
      out.set(absoluteUrl(ctx.site.domain, path), scope.tags);
    };
    const withLists = async (c: GatewayContext, l: Location) => Promise.all([this.clinicsOf(c, l), this.proceduresOf(c, l)]);
    for (const locale of LOCALES) {
      await page(sitePaths.home(locale), async (c) => {
        this.organization(c);
        this.homePage(c, locale);
        await this.procedures(c, locale);
        for (const l of await this.locations(c, locale)) await withLists(c, l);
      });
    }
    for (const entry of await this.sitemap(ctx)) {
      const path = new URL(entry.url).pathname;
      const target = parseSitePath(path);
      if (!target) continue;
      await page(path, async (c) => {
        switch (target.page) {
          case 'procedure':
            return this.procedure(c, target.procedure, target.locale);
          case 'clinic':
            return this.clinicPage(c, target.clinic, target.locale);
          case 'landingPage':
            return this.landingPage(c, target.procedure, target.city, target.locale);
          case 'location': {
            const l = await this.location(c, target.city, target.locale);
            return l && withLists(c, l);
          }
        }
      });
    }
    return out;
  }

  /**
   * Where a site path leads: the site's own redirects (301, 302, 410 Gone) and the slug history (procedure and
   * city slugs, each locale's own; an English slug in another locale's path leads to that locale's own slug),
   * followed to the end so a visitor never takes more than one hop (A → B, B → C answers A → C; a 302 anywhere on
   * the way makes the answer 302; a chain ending at a 410 answers 410). Null when the path is current or unknown.
   */
  async redirect(ctx: GatewayContext, path: string): Promise<Redirect | null> {
    if (typeof path !== 'string' || path.length > REDIRECT_PATH_MAX_LENGTH || !path.startsWith('/')) {
      throw gatewayError(ErrorCode.BAD_USER_INPUT, `path must be an absolute site path of at most ${REDIRECT_PATH_MAX_LENGTH} characters`);
    }
    const normalized = normalizeRedirectPath(path, 'from');
    const from = normalized.path ?? path;
    let history: StrapiSlugRedirect[] | undefined;
    let current = from;
    let statusCode: 301 | 302 = 301;
    const seen = new Set([from]);
    for (let hop = 0; hop < MAX_REDIRECT_HOPS; hop++) {
      const own = normalized.path ? await ctx.reader.siteRedirect(ctx.site, current) : null;
      let next: string | null = null;
      if (own) {
        if (own.kind === 'gone_410') return { from, to: null, statusCode: 410 };
        if (own.kind === 'temporary_302') statusCode = 302;
        next = own.toPath ?? null;
      } else {
        history ??= await ctx.reader.redirects();
        next = await this.followSlugs(ctx, history, current);
      }
      // The CMS refuses loops; one made behind its back ends where it would start over.
      if (!next || seen.has(next)) break;
      seen.add(next);
      current = next;
    }
    return current === from ? null : { from, to: current, statusCode };
  }

  /** Where the slug history sends a page of the site's URL scheme, if the site has that page; null otherwise. */
  private async followSlugs(ctx: GatewayContext, history: StrapiSlugRedirect[], path: string): Promise<string | null> {
    const from = parseSitePath(path);
    // Clinic slugs keep no history: a clinic page has no redirect of its own.
    if (!from || from.page === 'clinic') return null;
    const current = (type: 'procedure' | 'location', slug: string) => this.currentSlug(ctx, history, type, slug, from.locale);
    const to: SitePage =
      from.page === 'procedure'
        ? { ...from, procedure: await current('procedure', from.procedure) }
        : from.page === 'location'
          ? { ...from, city: await current('location', from.city) }
          : { ...from, city: await current('location', from.city), procedure: await current('procedure', from.procedure) };
    if (pathOf(to) === pathOf(from)) return null;
    // Scoped to the calling site: a slug redirect only ever leads to a page this site serves.
    if (to.page !== 'procedure') {
      FACTS.served.record(ctx.reader.scope, ctx.site.slug, to.city);
      if (!ctx.site.locationSlugs.has(to.city)) return null;
    }
    if (to.page !== 'location' && !(await this.procedure(ctx, to.procedure, from.locale))) return null;
    return pathOf(to);
  }

  /**
   * The slug a URL of `locale` now has in place of `slug`: along that locale's history of its own slugs, then
   * along the English history (a locale without a slug of its own used the English one). Outside English, a slug
   * that is no URL slug there but a document's English slug leads to that document's slug in the locale — the
   * Spanish URL of a page from before it had a Spanish slug (`/es/chicago/kyphoplasty` → `…/cifoplastia`).
   */
  private async currentSlug(ctx: GatewayContext, history: StrapiSlugRedirect[], type: 'procedure' | 'location', slug: string, locale: Locale): Promise<string> {
    const follow = (l: Locale, start: string) => {
      const seen = new Set<string>();
      let at = start;
      for (;;) {
        const next = history.find((r) => r.type === type && (r.language ?? DEFAULT_LOCALE) === l && r.fromSlug === at);
        if (!next || seen.has(next.toSlug)) return at;
        seen.add(at);
        at = next.toSlug;
      }
    };
    const followed = follow(DEFAULT_LOCALE, locale === DEFAULT_LOCALE ? slug : follow(locale, slug));
    if (locale === DEFAULT_LOCALE) return followed;
    const bySlug = type === 'procedure' ? ctx.reader.procedureBySlug : ctx.reader.locationBySlug;
    const own = await bySlug.load(localeKey(locale, followed));
    FACTS.slug.record(ctx.reader.scope, type, followed, locale);
    if (own) return followed;
    const english = await bySlug.load(localeKey(DEFAULT_LOCALE, followed));
    FACTS.slug.record(ctx.reader.scope, type, followed, DEFAULT_LOCALE);
    if (!english) return followed;
    FACTS.locales.record(ctx.reader.scope, type, english.documentId);
    return urlSlugs(english).get(locale) ?? followed;
  }

  /** A sitemap lists canonical URLs only: a page whose editor pointed its canonical elsewhere is left out. */
  private addEntry(entries: SitemapEntry[], domain: string, path: string, lastModified: string, locale: Locale, seo: Pick<Seo, 'canonicalUrl' | 'alternates'>) {
    const url = absoluteUrl(domain, path);
    if (seo.canonicalUrl !== url) return;
    entries.push({ url, lastModified, locale, alternates: seo.alternates });
  }

  private async composeLandingPage(ctx: GatewayContext, procedure: StrapiProcedure, location: StrapiLocation, locale: Locale) {
    const parts = await this.landingParts(ctx, procedure, location, locale);
    if (!parts) return null;
    const { clinics, override, locales, thin, lastModified } = parts;
    const h1 = landingHeadline(locale, { overrideHeadline: override?.headline, procedureTitle: procedure.title, city: location.city, state: location.state });
    const intro = landingIntro({ overrideIntro: override?.intro, cityIntro: location.intro, procedureSummary: procedure.summary });
    // The page's own questions only: the procedure's FAQ is its article's, on the procedure page. Repeated on
    // every city's page it made them near copies of each other (and Google marks up one FAQ per question).
    const faqs = override?.faqs ?? [];
    const seo = this.seo.landingPage(ctx.site, { procedure, location, clinics, override, faqs, h1, intro, locales, thin }, locale);
    const page: LandingPage = {
      path: sitePaths.landingPage(urlSlug(location), urlSlug(procedure), locale),
      locale,
      title: seo.title,
      h1,
      intro,
      procedure: this.showProcedure(ctx, procedure, locale),
      location: this.showLocation(ctx, location, clinics, locale),
      clinics: clinics.map(toClinic),
      faqs,
      lastModified,
      seo,
    };
    return { page, noIndex: parts.noIndex };
  }

  /**
   * A landing page's sitemap entry: its path, version and links, with the facts the whole page records (the
   * procedure and city as shown included), without composing the page: a sitemap lists every landing page of
   * the site, and their titles, descriptions and JSON-LD were most of its build time (bench:scale).
   */
  private async landingEntry(ctx: GatewayContext, procedure: StrapiProcedure, location: StrapiLocation, locale: Locale) {
    const parts = await this.landingParts(ctx, procedure, location, locale);
    if (!parts) return null;
    const { clinics, override, locales, thin } = parts;
    this.recordProcedure(ctx, procedure, locale);
    this.recordLocation(ctx, location, clinics, locale);
    return {
      path: sitePaths.landingPage(urlSlug(location), urlSlug(procedure), locale),
      lastModified: parts.lastModified,
      links: this.seo.landingPageLinks(ctx.site, { procedure, location, override, locales, thin }, locale),
      noIndex: parts.noIndex,
    };
  }

  /** What a landing page is made of (its clinics, override, locales, verdict and version), its facts recorded; null when it does not exist. */
  private async landingParts(ctx: GatewayContext, procedure: StrapiProcedure, location: StrapiLocation, locale: Locale) {
    FACTS.clinicsOffering.record(ctx.reader.scope, location.documentId, procedure.documentId);
    const clinics = (await ctx.reader.clinicsByLocation.load(location.documentId)).filter((c) => c.procedures.some((p) => p.documentId === procedure.documentId));
    // Thin pages do not exist: without a clinic offering the procedure in this city there is nothing to rank.
    if (!clinics.length) return null;
    // lastModified below shows each clinic's version.
    for (const c of clinics) {
      FACTS.doc.record(ctx.reader.scope, 'clinic', c.documentId);
      FACTS.version.record(ctx.reader.scope, 'clinic', c.documentId);
    }
    FACTS.override.record(ctx.reader.scope, procedure.documentId, location.documentId, locale);
    const override = await ctx.reader.overrideFor(locale, procedure.documentId, location.documentId);
    if (override?.seo?.ogImage?.id != null) FACTS.media.record(ctx.reader.scope, override.seo.ogImage.id);
    const procLocales = new Set(localesOf(procedure));
    const locales = localesOf(location).filter((l) => procLocales.has(l));
    // Below the site's uniqueness threshold the page stays up for visitors but points search engines at the
    // procedure page; the verdict is that of the published catalogue (previews included), like the sitemap's.
    FACTS.uniqueness.record(ctx.reader.scope, ctx.site.slug, procedure.documentId, location.documentId, locale);
    const thin = !!(await this.uniqueness.entry(ctx.site.slug, procedure.documentId, location.documentId, locale))?.belowThreshold;
    const lastModified = newest(procedure.updatedAt, location.updatedAt, override?.updatedAt, ...clinics.map((c) => c.updatedAt));
    return { clinics, override, locales, thin, lastModified, noIndex: !!(override?.seo?.noIndex || procedure.seo?.noIndex || thin) };
  }

  private async servedLocation(ctx: GatewayContext, slug: string, locale: Locale): Promise<StrapiLocation | null> {
    if (this.unserved(ctx, slug)) return null;
    const doc = await ctx.reader.locationBySlug.load(localeKey(locale, slug));
    const found = recordConditions(ctx.reader.scope, [
      [!!doc, FACTS.slug.tag('location', slug, locale)],
      [this.serves(ctx, slug, doc), FACTS.served.tag(ctx.site.slug, slug)],
    ]);
    return found ? doc : null;
  }

  /**
   * A city slug the site does not serve answers `null` from the site list alone, depending only on that
   * fact: made-up or other sites' cities cost no Strapi read.
   */
  private unserved(ctx: GatewayContext, slug: string): boolean {
    if (ctx.preview || ctx.site.locationSlugs.has(slug)) return false;
    FACTS.served.record(ctx.reader.scope, ctx.site.slug, slug);
    return true;
  }

  /** Public reads and previews alike: the context's catalogue decides (a preview's is the site's draft). */
  private serves(ctx: GatewayContext, slug: string, doc: StrapiLocation | null): boolean {
    return ctx.site.locationSlugs.has(slug) && (!doc || ctx.site.locationIds.has(doc.documentId));
  }

  private async servedLocations(ctx: GatewayContext, locale: Locale): Promise<StrapiLocation[]> {
    FACTS.locationsOf.record(ctx.reader.scope, ctx.site.slug, locale);
    const docs = await ctx.reader.locationById.loadMany([...ctx.site.locationIds].map((id) => localeKey(locale, id)));
    const found = docs.filter((d): d is StrapiLocation => !!d && !(d instanceof Error));
    for (const d of found) FACTS.doc.record(ctx.reader.scope, 'location', d.documentId, d.locale ?? locale);
    return found.sort((a, b) => a.city.localeCompare(b.city));
  }

  /** A procedure as shown: its fields in this locale, its locales (hreflang), its OG image. */
  private showProcedure(ctx: GatewayContext, doc: StrapiProcedure, locale: Locale): Procedure {
    this.recordProcedure(ctx, doc, locale);
    return toProcedure(doc, this.seo.procedurePage(ctx.site, doc, locale));
  }

  /** The facts a procedure as shown depends on (showProcedure's). */
  private recordProcedure(ctx: GatewayContext, doc: StrapiProcedure, locale: Locale) {
    FACTS.doc.record(ctx.reader.scope, 'procedure', doc.documentId, doc.locale ?? locale);
    FACTS.locales.record(ctx.reader.scope, 'procedure', doc.documentId);
    if (doc.seo?.ogImage?.id != null) FACTS.media.record(ctx.reader.scope, doc.seo.ogImage.id);
  }

  /** A city as shown with these clinics (its JSON-LD names them); the caller tags how the clinics were chosen. */
  private showLocation(ctx: GatewayContext, doc: StrapiLocation, clinics: StrapiClinic[], locale: Locale): Location {
    this.recordLocation(ctx, doc, clinics, locale);
    return toLocation(doc, this.seo.locationPage(ctx.site, doc, clinics, locale));
  }

  /** The facts a city as shown with these clinics depends on (showLocation's). */
  private recordLocation(ctx: GatewayContext, doc: StrapiLocation, clinics: StrapiClinic[], locale: Locale) {
    FACTS.doc.record(ctx.reader.scope, 'location', doc.documentId, doc.locale ?? locale);
    FACTS.locales.record(ctx.reader.scope, 'location', doc.documentId);
    if (doc.seo?.ogImage?.id != null) FACTS.media.record(ctx.reader.scope, doc.seo.ogImage.id);
    for (const c of clinics) FACTS.doc.record(ctx.reader.scope, 'clinic', c.documentId);
  }

  /** Every clinic of a city, tagged: the set (membership) and each clinic's fields. */
  private async clinicsIn(ctx: GatewayContext, locationId: string): Promise<StrapiClinic[]> {
    FACTS.clinicsIn.record(ctx.reader.scope, locationId);
    const clinics = await ctx.reader.clinicsByLocation.load(locationId);
    for (const c of clinics) FACTS.doc.record(ctx.reader.scope, 'clinic', c.documentId);
    return clinics;
  }

  /** Procedures offered by any clinic in any city the site serves (the caller tags which fact it uses). */
  private async offeredProcedureIds(ctx: GatewayContext): Promise<Set<string>> {
    const perLocation = await ctx.reader.clinicsByLocation.loadMany([...ctx.site.locationIds]);
    return new Set(perLocation.flatMap((clinics) => asArray(clinics).flatMap((c) => c.procedures.map((p) => p.documentId))));
  }

  private async loadProcedures(ctx: GatewayContext, ids: string[], locale: Locale): Promise<StrapiProcedure[]> {
    const docs = await ctx.reader.procedureById.loadMany(ids.map((id) => localeKey(locale, id)));
    const found = docs.filter((d): d is StrapiProcedure => !!d && !(d instanceof Error));
    // Tagged even when left out of the output (noindex in a sitemap): editing that field brings it back.
    for (const d of found) FACTS.doc.record(ctx.reader.scope, 'procedure', d.documentId, d.locale ?? locale);
    return found.sort((a, b) => a.title.localeCompare(b.title));
  }
}

function asArray(value: StrapiClinic[] | Error): StrapiClinic[] {
  if (value instanceof Error) throw value;
  return value;
}

function assertSlug(value: string, arg: string) {
  if (!isValidSlug(value)) {
    throw gatewayError(ErrorCode.BAD_USER_INPUT, `${arg} must be a slug: lowercase letters, digits and single hyphens, at most 100 characters`);
  }
}
