/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Content language; pages missing a translation are null. */
export type Locale =
  | 'en'
  | 'es';

export type SeoFieldsFragment = { title: string, description: string, canonicalUrl: string, robots: string, jsonLd: string, ogImage: string | null, alternates: Array<{ hreflang: string, url: string }> };

export type ClinicFieldsFragment = { id: string, slug: string, name: string, phone: string, openingHours: Array<string>, hours: { timeZone: string, periods: Array<{ day: string, opens: string, closes: string }>, closures: Array<{ from: string, to: string, label: string | null }> } | null, address: { street: string, city: string, state: string, postalCode: string } | null, geo: { lat: number, lng: number } | null };

export type ArticleFieldsFragment = { id: string, slug: string, title: string, summary: string, body: string, benefits: string, risks: string, recovery: string, lastReviewed: string | null, steps: Array<{ title: string, body: string }>, reviewer: { name: string, credentials: string } | null };

export type LandingPageQueryVariables = Exact<{
  procedure: string;
  location: string;
  locale: Locale;
}>;


export type LandingPageQuery = { site: { name: string }, landingPage: { title: string, h1: string, intro: string, path: string, locale: string, lastModified: string, seo: { title: string, description: string, canonicalUrl: string, robots: string, jsonLd: string, ogImage: string | null, alternates: Array<{ hreflang: string, url: string }> }, location: { slug: string, city: string, state: string }, procedure: { id: string, slug: string, title: string, summary: string, body: string, benefits: string, risks: string, recovery: string, lastReviewed: string | null, steps: Array<{ title: string, body: string }>, reviewer: { name: string, credentials: string } | null }, clinics: Array<{ id: string, slug: string, name: string, phone: string, openingHours: Array<string>, hours: { timeZone: string, periods: Array<{ day: string, opens: string, closes: string }>, closures: Array<{ from: string, to: string, label: string | null }> } | null, address: { street: string, city: string, state: string, postalCode: string } | null, geo: { lat: number, lng: number } | null }>, faqs: Array<{ question: string, answer: string }> } | null };

export type ProcedureQueryVariables = Exact<{
  slug: string;
  locale: Locale;
}>;


export type ProcedureQuery = { site: { name: string }, procedure: { id: string, slug: string, title: string, summary: string, body: string, benefits: string, risks: string, recovery: string, lastReviewed: string | null, seo: { title: string, description: string, canonicalUrl: string, robots: string, jsonLd: string, ogImage: string | null, alternates: Array<{ hreflang: string, url: string }> }, faqs: Array<{ question: string, answer: string }>, steps: Array<{ title: string, body: string }>, reviewer: { name: string, credentials: string } | null } | null };

export type LocationQueryVariables = Exact<{
  slug: string;
  locale: Locale;
}>;


export type LocationQuery = { site: { name: string }, location: { slug: string, city: string, state: string, intro: string, seo: { title: string, description: string, canonicalUrl: string, robots: string, jsonLd: string, ogImage: string | null, alternates: Array<{ hreflang: string, url: string }> }, clinics: Array<{ id: string, slug: string, name: string, phone: string, openingHours: Array<string>, hours: { timeZone: string, periods: Array<{ day: string, opens: string, closes: string }>, closures: Array<{ from: string, to: string, label: string | null }> } | null, address: { street: string, city: string, state: string, postalCode: string } | null, geo: { lat: number, lng: number } | null }>, procedures: Array<{ slug: string, title: string, summary: string }> } | null };

export type ClinicQueryVariables = Exact<{
  slug: string;
  locale: Locale;
}>;


export type ClinicQuery = { site: { name: string }, clinic: { path: string, locale: string, lastModified: string, seo: { title: string, description: string, canonicalUrl: string, robots: string, jsonLd: string, ogImage: string | null, alternates: Array<{ hreflang: string, url: string }> }, clinic: { id: string, slug: string, name: string, phone: string, openingHours: Array<string>, hours: { timeZone: string, periods: Array<{ day: string, opens: string, closes: string }>, closures: Array<{ from: string, to: string, label: string | null }> } | null, address: { street: string, city: string, state: string, postalCode: string } | null, geo: { lat: number, lng: number } | null }, location: { slug: string, city: string, state: string, path: string }, procedures: Array<{ slug: string, title: string, summary: string, landingPath: string }> } | null };

export type HomeQueryVariables = Exact<{
  locale: Locale;
}>;


export type HomeQuery = { site: { name: string, domain: string, organization: { name: string, legalName: string | null, sameAs: Array<string>, logo: { url: string, alt: string | null, width: number | null, height: number | null } | null, contactPoints: Array<{ telephone: string, contactType: string, areaServed: string | null, languages: Array<string> }> } }, homePage: { seo: { title: string, description: string, canonicalUrl: string, robots: string, jsonLd: string, ogImage: string | null, alternates: Array<{ hreflang: string, url: string }> } }, locations: Array<{ slug: string, city: string, state: string, procedures: Array<{ slug: string, title: string }>, clinics: Array<{ slug: string, name: string }> }>, procedures: Array<{ slug: string, title: string, summary: string }> };

export type RedirectQueryVariables = Exact<{
  path: string;
}>;


export type RedirectQuery = { redirect: { to: string | null, statusCode: number } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SeoFieldsFragmentDoc = new TypedDocumentString(`
    fragment SeoFields on Seo {
  title
  description
  canonicalUrl
  robots
  jsonLd
  ogImage
  alternates {
    hreflang
    url
  }
}
    `, {"fragmentName":"SeoFields"}) as unknown as TypedDocumentString<SeoFieldsFragment, unknown>;
export const ClinicFieldsFragmentDoc = new TypedDocumentString(`
    fragment ClinicFields on Clinic {
  id
  slug
  name
  phone
  openingHours
  hours {
    timeZone
    periods {
      day
      opens
      closes
    }
    closures {
      from
      to
      label
    }
  }
  address {
    street
    city
    state
    postalCode
  }
  geo {
    lat
    lng
  }
}
    `, {"fragmentName":"ClinicFields"}) as unknown as TypedDocumentString<ClinicFieldsFragment, unknown>;
export const ArticleFieldsFragmentDoc = new TypedDocumentString(`
    fragment ArticleFields on Procedure {
  id
  slug
  title
  summary
  body
  steps {
    title
    body
  }
  benefits
  risks
  recovery
  lastReviewed
  reviewer {
    name
    credentials
  }
}
    `, {"fragmentName":"ArticleFields"}) as unknown as TypedDocumentString<ArticleFieldsFragment, unknown>;
export const LandingPageDocument = new TypedDocumentString(`
    query LandingPage($procedure: String!, $location: String!, $locale: Locale!) {
  site {
    name
  }
  landingPage(procedure: $procedure, location: $location, locale: $locale) {
    title
    h1
    intro
    path
    locale
    lastModified
    seo {
      ...SeoFields
    }
    location {
      slug
      city
      state
    }
    procedure {
      ...ArticleFields
    }
    clinics {
      ...ClinicFields
    }
    faqs {
      question
      answer
    }
  }
}
    fragment SeoFields on Seo {
  title
  description
  canonicalUrl
  robots
  jsonLd
  ogImage
  alternates {
    hreflang
    url
  }
}
fragment ClinicFields on Clinic {
  id
  slug
  name
  phone
  openingHours
  hours {
    timeZone
    periods {
      day
      opens
      closes
    }
    closures {
      from
      to
      label
    }
  }
  address {
    street
    city
    state
    postalCode
  }
  geo {
    lat
    lng
  }
}
fragment ArticleFields on Procedure {
  id
  slug
  title
  summary
  body
  steps {
    title
    body
  }
  benefits
  risks
  recovery
  lastReviewed
  reviewer {
    name
    credentials
  }
}`, {"hash":"sha256:4e95b9766f858ee291915e36807e67cdb47932b49b512387615e56506efc9f1e"}) as unknown as TypedDocumentString<LandingPageQuery, LandingPageQueryVariables>;
export const ProcedureDocument = new TypedDocumentString(`
    query Procedure($slug: String!, $locale: Locale!) {
  site {
    name
  }
  procedure(slug: $slug, locale: $locale) {
    ...ArticleFields
    seo {
      ...SeoFields
    }
    faqs {
      question
      answer
    }
  }
}
    fragment SeoFields on Seo {
  title
  description
  canonicalUrl
  robots
  jsonLd
  ogImage
  alternates {
    hreflang
    url
  }
}
fragment ArticleFields on Procedure {
  id
  slug
  title
  summary
  body
  steps {
    title
    body
  }
  benefits
  risks
  recovery
  lastReviewed
  reviewer {
    name
    credentials
  }
}`, {"hash":"sha256:30ae7624cc37dc8f310e7f9e5f9abf1bf12153f024c31d6815706e40ab4d99fa"}) as unknown as TypedDocumentString<ProcedureQuery, ProcedureQueryVariables>;
export const LocationDocument = new TypedDocumentString(`
    query Location($slug: String!, $locale: Locale!) {
  site {
    name
  }
  location(slug: $slug, locale: $locale) {
    slug
    city
    state
    intro
    seo {
      ...SeoFields
    }
    clinics {
      ...ClinicFields
    }
    procedures {
      slug
      title
      summary
    }
  }
}
    fragment SeoFields on Seo {
  title
  description
  canonicalUrl
  robots
  jsonLd
  ogImage
  alternates {
    hreflang
    url
  }
}
fragment ClinicFields on Clinic {
  id
  slug
  name
  phone
  openingHours
  hours {
    timeZone
    periods {
      day
      opens
      closes
    }
    closures {
      from
      to
      label
    }
  }
  address {
    street
    city
    state
    postalCode
  }
  geo {
    lat
    lng
  }
}`, {"hash":"sha256:d5d553dcbfc7a08b9c3760fea7cff17bcb030b1e850d3acb2070b71a29ded659"}) as unknown as TypedDocumentString<LocationQuery, LocationQueryVariables>;
export const ClinicDocument = new TypedDocumentString(`
    query Clinic($slug: String!, $locale: Locale!) {
  site {
    name
  }
  clinic(slug: $slug, locale: $locale) {
    path
    locale
    lastModified
    seo {
      ...SeoFields
    }
    clinic {
      ...ClinicFields
    }
    location {
      slug
      city
      state
      path
    }
    procedures {
      slug
      title
      summary
      landingPath
    }
  }
}
    fragment SeoFields on Seo {
  title
  description
  canonicalUrl
  robots
  jsonLd
  ogImage
  alternates {
    hreflang
    url
  }
}
fragment ClinicFields on Clinic {
  id
  slug
  name
  phone
  openingHours
  hours {
    timeZone
    periods {
      day
      opens
      closes
    }
    closures {
      from
      to
      label
    }
  }
  address {
    street
    city
    state
    postalCode
  }
  geo {
    lat
    lng
  }
}`, {"hash":"sha256:0e7f97d95f4e3183a46b3e4dbda813c8f030d404edca14a0c34ebe68464dd977"}) as unknown as TypedDocumentString<ClinicQuery, ClinicQueryVariables>;
export const HomeDocument = new TypedDocumentString(`
    query Home($locale: Locale!) {
  site {
    name
    domain
    organization {
      name
      legalName
      logo {
        url
        alt
        width
        height
      }
      sameAs
      contactPoints {
        telephone
        contactType
        areaServed
        languages
      }
    }
  }
  homePage(locale: $locale) {
    seo {
      ...SeoFields
    }
  }
  locations(locale: $locale) {
    slug
    city
    state
    procedures {
      slug
      title
    }
    clinics {
      slug
      name
    }
  }
  procedures(locale: $locale) {
    slug
    title
    summary
  }
}
    fragment SeoFields on Seo {
  title
  description
  canonicalUrl
  robots
  jsonLd
  ogImage
  alternates {
    hreflang
    url
  }
}`, {"hash":"sha256:77a8faf68e73f8fcb565c2d79e3f1c2b6f3dfe2b514e3cbd153b649c7e48f76d"}) as unknown as TypedDocumentString<HomeQuery, HomeQueryVariables>;
export const RedirectDocument = new TypedDocumentString(`
    query Redirect($path: String!) {
  redirect(path: $path) {
    to
    statusCode
  }
}
    `, {"hash":"sha256:944ce3b30f00602a49ebca021604e00fc7ced956568c0d9618b0cf424e3732b1"}) as unknown as TypedDocumentString<RedirectQuery, RedirectQueryVariables>;