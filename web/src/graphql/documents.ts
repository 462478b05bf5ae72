import { graphql } from '../gql/index';

/**
 * Every operation the site sends. Each one is a trusted document: its SHA-256 is in
 * src/gql/persisted-documents.json, and in persisted mode only that hash travels (GET, cacheable by URL).
 */

export const SeoFields = graphql(`
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
`);

export const ClinicFields = graphql(`
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
`);

export const ArticleFields = graphql(`
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
`);

export const LandingPageQuery = graphql(`
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
`);

export const ProcedureQuery = graphql(`
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
`);

export const LocationQuery = graphql(`
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
`);

export const ClinicQuery = graphql(`
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
`);

export const HomeQuery = graphql(`
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
`);

export const RedirectQuery = graphql(`
  query Redirect($path: String!) {
    redirect(path: $path) {
      to
      statusCode
    }
  }
`);
