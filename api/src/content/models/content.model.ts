import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { Seo } from '../../seo/models/seo.model.js';

@ObjectType()
export class Step {
  @Field() title: string;
  @Field() body: string;
}

@ObjectType()
export class Faq {
  @Field() question: string;
  @Field() answer: string;
}

@ObjectType({ description: 'The clinician who medically reviewed the content.' })
export class Reviewer {
  @Field() name: string;
  @Field() credentials: string;
}

@ObjectType()
export class Procedure {
  @Field(() => ID, { description: 'Strapi documentId.' }) id: string;
  @Field({ description: "The slug of this locale's URLs: the locale's own slug (e.g. cifoplastia), else the English one." }) slug: string;
  @Field() locale: string;
  @Field() title: string;
  @Field() summary: string;
  @Field({ description: 'Markdown.' }) body: string;
  @Field(() => [Step]) steps: Step[];
  @Field({ description: 'Markdown.' }) benefits: string;
  @Field({ description: 'Markdown.' }) risks: string;
  @Field({ description: 'Markdown.' }) recovery: string;
  @Field(() => [Faq]) faqs: Faq[];
  @Field(() => Reviewer, { nullable: true }) reviewer: Reviewer | null;
  @Field(() => String, { nullable: true, description: 'ISO date of the last medical review.' }) lastReviewed: string | null;
  @Field() updatedAt: string;
  @Field(() => Seo) seo: Seo;
}

@ObjectType()
export class Address {
  @Field() street: string;
  @Field() city: string;
  @Field() state: string;
  @Field() postalCode: string;
}

@ObjectType()
export class Geo {
  @Field(() => Float) lat: number;
  @Field(() => Float) lng: number;
}

@ObjectType({ description: 'One weekly opening period; two on a day make a break.' })
export class OpeningPeriod {
  @Field({ description: 'monday … sunday' }) day: string;
  @Field({ description: 'HH:mm, local time of the clinic' }) opens: string;
  @Field({ description: 'HH:mm, local time of the clinic' }) closes: string;
}

@ObjectType({ description: 'Days the clinic is closed (holidays), inclusive.' })
export class Closure {
  @Field({ description: 'YYYY-MM-DD' }) from: string;
  @Field({ description: 'YYYY-MM-DD (the same as `from` for one day)' }) to: string;
  @Field(() => String, { nullable: true }) label: string | null;
}

@ObjectType()
export class OpeningHours {
  @Field({ description: 'IANA time zone the times are in, e.g. America/Chicago.' }) timeZone: string;
  @Field(() => [OpeningPeriod]) periods: OpeningPeriod[];
  @Field(() => [Closure], { description: "Closures that have not ended yet, on the clinic's clock." }) closures: Closure[];
}

@ObjectType()
export class Clinic {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field() phone: string;
  @Field(() => Address, { nullable: true }) address: Address | null;
  @Field(() => Geo, { nullable: true }) geo: Geo | null;
  @Field(() => [String], { description: 'schema.org openingHours specs, e.g. "Mo-Fr 08:00-17:00".' }) openingHours: string[];
  @Field(() => OpeningHours, { nullable: true, description: 'Structured opening hours; null when the clinic has none (or only unreadable old free text).' })
  hours: OpeningHours | null;
}

@ObjectType()
export class Location {
  @Field(() => ID) id: string;
  @Field({ description: "The slug of this locale's URLs: the locale's own slug (e.g. cifoplastia), else the English one." }) slug: string;
  @Field() locale: string;
  @Field() city: string;
  @Field() state: string;
  @Field() intro: string;
  @Field() updatedAt: string;
  @Field(() => [Clinic]) clinics: Clinic[];
  @Field(() => [Procedure], { description: 'Procedures offered by at least one clinic in this city.' }) procedures: Procedure[];
  @Field(() => Seo) seo: Seo;
}

@ObjectType({ description: 'One procedure in one city: exists only where a clinic there offers it and the site serves the city.' })
export class LandingPage {
  @Field({ description: 'Path on the site, e.g. /chicago/kyphoplasty or /es/chicago/cifoplastia.' }) path: string;
  @Field() locale: string;
  @Field() title: string;
  @Field() h1: string;
  @Field() intro: string;
  @Field(() => Procedure) procedure: Procedure;
  @Field(() => Location) location: Location;
  @Field(() => [Clinic]) clinics: Clinic[];
  @Field(() => [Faq]) faqs: Faq[];
  @Field({ description: 'Newest update of any source of the page.' }) lastModified: string;
  @Field(() => Seo) seo: Seo;
}

@ObjectType({ description: 'The city a clinic page belongs to.' })
export class ClinicCity {
  @Field({ description: "The slug of this locale's URLs: the locale's own slug (e.g. cifoplastia), else the English one." }) slug: string;
  @Field() city: string;
  @Field() state: string;
  @Field({ description: 'Path of the city page on the site.' }) path: string;
}

@ObjectType({ description: "A procedure a clinic offers, with the path of its landing page in the clinic's city." })
export class ClinicProcedure {
  @Field({ description: "The slug of this locale's URLs: the locale's own slug (e.g. cifoplastia), else the English one." }) slug: string;
  @Field() title: string;
  @Field() summary: string;
  @Field({ description: 'e.g. /chicago/kyphoplasty' }) landingPath: string;
}

@ObjectType({ description: "One clinic's page: exists on every site that serves its city, in each locale the city exists in." })
export class ClinicPage {
  @Field({ description: 'Path on the site, e.g. /clinics/chicago-loop-spine-center or /es/clinics/….' }) path: string;
  @Field() locale: string;
  @Field(() => Clinic) clinic: Clinic;
  @Field(() => ClinicCity) location: ClinicCity;
  @Field(() => [ClinicProcedure], { description: 'Procedures the clinic offers that exist in this locale, by title.' }) procedures: ClinicProcedure[];
  @Field({ description: 'Newest update of the clinic and its city.' }) lastModified: string;
  @Field(() => Seo) seo: Seo;
}

@ObjectType()
export class SitemapEntry {
  @Field() url: string;
  @Field() lastModified: string;
  @Field() locale: string;
  @Field(() => [SitemapAlternate]) alternates: SitemapAlternate[];
}

@ObjectType()
export class SitemapAlternate {
  @Field() hreflang: string;
  @Field() url: string;
}

@ObjectType({ description: "The group's logo: an absolute URL (versioned: it changes when the file is replaced)." })
export class OrganizationLogo {
  @Field() url: string;
  @Field(() => String, { nullable: true, description: 'Alternative text, as the editor wrote it in the media library.' }) alt: string | null;
  @Field(() => Int, { nullable: true }) width: number | null;
  @Field(() => Int, { nullable: true }) height: number | null;
}

@ObjectType({ description: 'A number patients call for one purpose.' })
export class ContactPoint {
  @Field() telephone: string;
  @Field({ description: 'customer_service, reservations, billing or emergency.' }) contactType: string;
  @Field(() => String, { nullable: true, description: 'ISO 3166 country or subdivision served, e.g. US-IL.' }) areaServed: string | null;
  @Field(() => [String], { description: 'Language tags spoken on that line, e.g. ["en", "es"].' }) languages: string[];
}

@ObjectType({ description: 'The clinic group behind the site (schema.org MedicalOrganization on the home page, parent of every clinic).' })
export class Organization {
  @Field({ description: 'The brand: the site name.' }) name: string;
  @Field(() => String, { nullable: true }) legalName: string | null;
  @Field(() => OrganizationLogo, { nullable: true }) logo: OrganizationLogo | null;
  @Field(() => [String], { description: 'Official profiles elsewhere (https URLs).' }) sameAs: string[];
  @Field(() => [ContactPoint]) contactPoints: ContactPoint[];
}

@ObjectType()
export class Site {
  @Field() slug: string;
  @Field() name: string;
  @Field() domain: string;
  /** Filled by SiteResolver: only answers that select it depend on the organization. */
  organization?: Organization;
}

@ObjectType({ description: "The site's home page: its SEO payload carries the organization's JSON-LD." })
export class HomePage {
  @Field({ description: 'Path on the site: / or /es.' }) path: string;
  @Field() locale: string;
  @Field(() => Seo) seo: Seo;
}

@ObjectType({
  description: 'Where a path now lives (an editor redirect, or a slug change), followed to its end: one hop for the visitor. 410 Gone has no target.',
})
export class Redirect {
  @Field({ description: 'The path asked for, normalized (no repeated or trailing slash).' }) from: string;
  @Field(() => String, { nullable: true, description: 'The path to send the visitor to; null for 410 Gone.' }) to: string | null;
  @Field(() => Int, { description: '301 (moved), 302 (temporarily elsewhere) or 410 (gone).' }) statusCode: number;
}

@ObjectType({ description: 'Where a page of a list ends. Pass endCursor as `after` to get the next page.' })
export class PageInfo {
  @Field(() => String, { nullable: true }) endCursor: string | null;
  @Field() hasNextPage: boolean;
}

@ObjectType({ description: 'A page of procedures, ordered by title (then id).' })
export class ProcedureConnection {
  @Field(() => [Procedure]) nodes: Procedure[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Items in the whole list.' }) totalCount: number;
}

@ObjectType({ description: 'A page of cities, ordered by city name (then id).' })
export class LocationConnection {
  @Field(() => [Location]) nodes: Location[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Items in the whole list.' }) totalCount: number;
}

@ObjectType({ description: 'A page of a city’s clinics, ordered by name (then id).' })
export class ClinicConnection {
  @Field(() => [Clinic]) nodes: Clinic[];
  @Field(() => PageInfo) pageInfo: PageInfo;
  @Field(() => Int, { description: 'Items in the whole list.' }) totalCount: number;
}
