import { Args, Context, Int, Query, Resolver } from '@nestjs/graphql';
import type { GatewayContext } from '../../sites/types/site.types.js';
import { ContentService } from '../services/content.service.js';
import { ClinicPage, HomePage, LandingPage, Location, LocationConnection, Procedure, ProcedureConnection, Redirect, Site, SitemapEntry } from '../models/content.model.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../utils/paginate.util.js';
import { LocaleArg, asLocale, localeArg } from '../types/locale.enum.js';

/** The public queries. Thin by design: ContentService does the work and the scoping. */
@Resolver()
export class ContentResolver {
  constructor(private readonly content: ContentService) {}

  @Query(() => Procedure, {
    nullable: true,
    description: 'A procedure by the slug of its URLs in the locale (Spanish: its Spanish slug where it has one); an old slug answers null (see `redirect`).',
  })
  procedure(@Context() ctx: GatewayContext, @Args('slug') slug: string, @Args('locale', localeArg) locale: LocaleArg) {
    return this.content.procedure(ctx, slug, asLocale(locale));
  }

  @Query(() => [Procedure])
  procedures(@Context() ctx: GatewayContext, @Args('locale', localeArg) locale: LocaleArg) {
    return this.content.procedures(ctx, asLocale(locale));
  }

  @Query(() => ProcedureConnection, { description: `The procedures of \`procedures\`, a page at a time (first ≤ ${MAX_PAGE_SIZE}).` })
  proceduresConnection(
    @Context() ctx: GatewayContext,
    @Args('locale', localeArg) locale: LocaleArg,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.content.proceduresPage(ctx, asLocale(locale), first, after ?? undefined);
  }

  @Query(() => Location, { nullable: true })
  location(@Context() ctx: GatewayContext, @Args('slug') slug: string, @Args('locale', localeArg) locale: LocaleArg) {
    return this.content.location(ctx, slug, asLocale(locale));
  }

  @Query(() => [Location])
  locations(@Context() ctx: GatewayContext, @Args('locale', localeArg) locale: LocaleArg) {
    return this.content.locations(ctx, asLocale(locale));
  }

  @Query(() => LocationConnection, { description: `The cities of \`locations\`, a page at a time (first ≤ ${MAX_PAGE_SIZE}).` })
  locationsConnection(
    @Context() ctx: GatewayContext,
    @Args('locale', localeArg) locale: LocaleArg,
    @Args('first', { type: () => Int, defaultValue: DEFAULT_PAGE_SIZE }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ) {
    return this.content.locationsPage(ctx, asLocale(locale), first, after ?? undefined);
  }

  @Query(() => LandingPage, { nullable: true })
  landingPage(@Context() ctx: GatewayContext, @Args('procedure') procedure: string, @Args('location') location: string, @Args('locale', localeArg) locale: LocaleArg) {
    return this.content.landingPage(ctx, procedure, location, asLocale(locale));
  }

  @Query(() => ClinicPage, { nullable: true, description: 'A clinic of a city the site serves, by its slug.' })
  clinic(@Context() ctx: GatewayContext, @Args('slug') slug: string, @Args('locale', localeArg) locale: LocaleArg) {
    return this.content.clinicPage(ctx, slug, asLocale(locale));
  }

  @Query(() => HomePage, { description: "The site's home page in a locale: its SEO payload (the organization's JSON-LD)." })
  homePage(@Context() ctx: GatewayContext, @Args('locale', localeArg) locale: LocaleArg) {
    return this.content.homePage(ctx, asLocale(locale));
  }

  @Query(() => [SitemapEntry], { description: 'Every page of the calling site, in every locale.' })
  sitemap(@Context() ctx: GatewayContext) {
    return this.content.sitemap(ctx);
  }

  @Query(() => Redirect, { nullable: true, description: "Where a path leads: the site's redirects (301, 302, 410) and slug changes (301), one hop; null when it is current or unknown." })
  redirect(@Context() ctx: GatewayContext, @Args('path') path: string) {
    return this.content.redirect(ctx, path);
  }

  @Query(() => Site)
  site(@Context() ctx: GatewayContext): Site {
    const { slug, name, domain } = ctx.site;
    return { slug, name, domain };
  }
}
