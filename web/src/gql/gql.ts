/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment SeoFields on Seo {\n    title\n    description\n    canonicalUrl\n    robots\n    jsonLd\n    ogImage\n    alternates {\n      hreflang\n      url\n    }\n  }\n": typeof types.SeoFieldsFragmentDoc,
    "\n  fragment ClinicFields on Clinic {\n    id\n    slug\n    name\n    phone\n    openingHours\n    hours {\n      timeZone\n      periods {\n        day\n        opens\n        closes\n      }\n      closures {\n        from\n        to\n        label\n      }\n    }\n    address {\n      street\n      city\n      state\n      postalCode\n    }\n    geo {\n      lat\n      lng\n    }\n  }\n": typeof types.ClinicFieldsFragmentDoc,
    "\n  fragment ArticleFields on Procedure {\n    id\n    slug\n    title\n    summary\n    body\n    steps {\n      title\n      body\n    }\n    benefits\n    risks\n    recovery\n    lastReviewed\n    reviewer {\n      name\n      credentials\n    }\n  }\n": typeof types.ArticleFieldsFragmentDoc,
    "\n  query LandingPage($procedure: String!, $location: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    landingPage(procedure: $procedure, location: $location, locale: $locale) {\n      title\n      h1\n      intro\n      path\n      locale\n      lastModified\n      seo {\n        ...SeoFields\n      }\n      location {\n        slug\n        city\n        state\n      }\n      procedure {\n        ...ArticleFields\n      }\n      clinics {\n        ...ClinicFields\n      }\n      faqs {\n        question\n        answer\n      }\n    }\n  }\n": typeof types.LandingPageDocument,
    "\n  query Procedure($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    procedure(slug: $slug, locale: $locale) {\n      ...ArticleFields\n      seo {\n        ...SeoFields\n      }\n      faqs {\n        question\n        answer\n      }\n    }\n  }\n": typeof types.ProcedureDocument,
    "\n  query Location($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    location(slug: $slug, locale: $locale) {\n      slug\n      city\n      state\n      intro\n      seo {\n        ...SeoFields\n      }\n      clinics {\n        ...ClinicFields\n      }\n      procedures {\n        slug\n        title\n        summary\n      }\n    }\n  }\n": typeof types.LocationDocument,
    "\n  query Clinic($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    clinic(slug: $slug, locale: $locale) {\n      path\n      locale\n      lastModified\n      seo {\n        ...SeoFields\n      }\n      clinic {\n        ...ClinicFields\n      }\n      location {\n        slug\n        city\n        state\n        path\n      }\n      procedures {\n        slug\n        title\n        summary\n        landingPath\n      }\n    }\n  }\n": typeof types.ClinicDocument,
    "\n  query Home($locale: Locale!) {\n    site {\n      name\n      domain\n      organization {\n        name\n        legalName\n        logo {\n          url\n          alt\n          width\n          height\n        }\n        sameAs\n        contactPoints {\n          telephone\n          contactType\n          areaServed\n          languages\n        }\n      }\n    }\n    homePage(locale: $locale) {\n      seo {\n        ...SeoFields\n      }\n    }\n    locations(locale: $locale) {\n      slug\n      city\n      state\n      procedures {\n        slug\n        title\n      }\n      clinics {\n        slug\n        name\n      }\n    }\n    procedures(locale: $locale) {\n      slug\n      title\n      summary\n    }\n  }\n": typeof types.HomeDocument,
    "\n  query Redirect($path: String!) {\n    redirect(path: $path) {\n      to\n      statusCode\n    }\n  }\n": typeof types.RedirectDocument,
};
const documents: Documents = {
    "\n  fragment SeoFields on Seo {\n    title\n    description\n    canonicalUrl\n    robots\n    jsonLd\n    ogImage\n    alternates {\n      hreflang\n      url\n    }\n  }\n": types.SeoFieldsFragmentDoc,
    "\n  fragment ClinicFields on Clinic {\n    id\n    slug\n    name\n    phone\n    openingHours\n    hours {\n      timeZone\n      periods {\n        day\n        opens\n        closes\n      }\n      closures {\n        from\n        to\n        label\n      }\n    }\n    address {\n      street\n      city\n      state\n      postalCode\n    }\n    geo {\n      lat\n      lng\n    }\n  }\n": types.ClinicFieldsFragmentDoc,
    "\n  fragment ArticleFields on Procedure {\n    id\n    slug\n    title\n    summary\n    body\n    steps {\n      title\n      body\n    }\n    benefits\n    risks\n    recovery\n    lastReviewed\n    reviewer {\n      name\n      credentials\n    }\n  }\n": types.ArticleFieldsFragmentDoc,
    "\n  query LandingPage($procedure: String!, $location: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    landingPage(procedure: $procedure, location: $location, locale: $locale) {\n      title\n      h1\n      intro\n      path\n      locale\n      lastModified\n      seo {\n        ...SeoFields\n      }\n      location {\n        slug\n        city\n        state\n      }\n      procedure {\n        ...ArticleFields\n      }\n      clinics {\n        ...ClinicFields\n      }\n      faqs {\n        question\n        answer\n      }\n    }\n  }\n": types.LandingPageDocument,
    "\n  query Procedure($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    procedure(slug: $slug, locale: $locale) {\n      ...ArticleFields\n      seo {\n        ...SeoFields\n      }\n      faqs {\n        question\n        answer\n      }\n    }\n  }\n": types.ProcedureDocument,
    "\n  query Location($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    location(slug: $slug, locale: $locale) {\n      slug\n      city\n      state\n      intro\n      seo {\n        ...SeoFields\n      }\n      clinics {\n        ...ClinicFields\n      }\n      procedures {\n        slug\n        title\n        summary\n      }\n    }\n  }\n": types.LocationDocument,
    "\n  query Clinic($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    clinic(slug: $slug, locale: $locale) {\n      path\n      locale\n      lastModified\n      seo {\n        ...SeoFields\n      }\n      clinic {\n        ...ClinicFields\n      }\n      location {\n        slug\n        city\n        state\n        path\n      }\n      procedures {\n        slug\n        title\n        summary\n        landingPath\n      }\n    }\n  }\n": types.ClinicDocument,
    "\n  query Home($locale: Locale!) {\n    site {\n      name\n      domain\n      organization {\n        name\n        legalName\n        logo {\n          url\n          alt\n          width\n          height\n        }\n        sameAs\n        contactPoints {\n          telephone\n          contactType\n          areaServed\n          languages\n        }\n      }\n    }\n    homePage(locale: $locale) {\n      seo {\n        ...SeoFields\n      }\n    }\n    locations(locale: $locale) {\n      slug\n      city\n      state\n      procedures {\n        slug\n        title\n      }\n      clinics {\n        slug\n        name\n      }\n    }\n    procedures(locale: $locale) {\n      slug\n      title\n      summary\n    }\n  }\n": types.HomeDocument,
    "\n  query Redirect($path: String!) {\n    redirect(path: $path) {\n      to\n      statusCode\n    }\n  }\n": types.RedirectDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SeoFields on Seo {\n    title\n    description\n    canonicalUrl\n    robots\n    jsonLd\n    ogImage\n    alternates {\n      hreflang\n      url\n    }\n  }\n"): typeof import('./graphql').SeoFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ClinicFields on Clinic {\n    id\n    slug\n    name\n    phone\n    openingHours\n    hours {\n      timeZone\n      periods {\n        day\n        opens\n        closes\n      }\n      closures {\n        from\n        to\n        label\n      }\n    }\n    address {\n      street\n      city\n      state\n      postalCode\n    }\n    geo {\n      lat\n      lng\n    }\n  }\n"): typeof import('./graphql').ClinicFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ArticleFields on Procedure {\n    id\n    slug\n    title\n    summary\n    body\n    steps {\n      title\n      body\n    }\n    benefits\n    risks\n    recovery\n    lastReviewed\n    reviewer {\n      name\n      credentials\n    }\n  }\n"): typeof import('./graphql').ArticleFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LandingPage($procedure: String!, $location: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    landingPage(procedure: $procedure, location: $location, locale: $locale) {\n      title\n      h1\n      intro\n      path\n      locale\n      lastModified\n      seo {\n        ...SeoFields\n      }\n      location {\n        slug\n        city\n        state\n      }\n      procedure {\n        ...ArticleFields\n      }\n      clinics {\n        ...ClinicFields\n      }\n      faqs {\n        question\n        answer\n      }\n    }\n  }\n"): typeof import('./graphql').LandingPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Procedure($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    procedure(slug: $slug, locale: $locale) {\n      ...ArticleFields\n      seo {\n        ...SeoFields\n      }\n      faqs {\n        question\n        answer\n      }\n    }\n  }\n"): typeof import('./graphql').ProcedureDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Location($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    location(slug: $slug, locale: $locale) {\n      slug\n      city\n      state\n      intro\n      seo {\n        ...SeoFields\n      }\n      clinics {\n        ...ClinicFields\n      }\n      procedures {\n        slug\n        title\n        summary\n      }\n    }\n  }\n"): typeof import('./graphql').LocationDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Clinic($slug: String!, $locale: Locale!) {\n    site {\n      name\n    }\n    clinic(slug: $slug, locale: $locale) {\n      path\n      locale\n      lastModified\n      seo {\n        ...SeoFields\n      }\n      clinic {\n        ...ClinicFields\n      }\n      location {\n        slug\n        city\n        state\n        path\n      }\n      procedures {\n        slug\n        title\n        summary\n        landingPath\n      }\n    }\n  }\n"): typeof import('./graphql').ClinicDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Home($locale: Locale!) {\n    site {\n      name\n      domain\n      organization {\n        name\n        legalName\n        logo {\n          url\n          alt\n          width\n          height\n        }\n        sameAs\n        contactPoints {\n          telephone\n          contactType\n          areaServed\n          languages\n        }\n      }\n    }\n    homePage(locale: $locale) {\n      seo {\n        ...SeoFields\n      }\n    }\n    locations(locale: $locale) {\n      slug\n      city\n      state\n      procedures {\n        slug\n        title\n      }\n      clinics {\n        slug\n        name\n      }\n    }\n    procedures(locale: $locale) {\n      slug\n      title\n      summary\n    }\n  }\n"): typeof import('./graphql').HomeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Redirect($path: String!) {\n    redirect(path: $path) {\n      to\n      statusCode\n    }\n  }\n"): typeof import('./graphql').RedirectDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
