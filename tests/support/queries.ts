/** Queries used across suites: every field of the public contract. */
export const SEO = `fragment SeoFields on Seo { title description canonicalUrl robots jsonLd ogImage alternates { hreflang url } }`;

export const CLINIC_FIELDS = `id slug name phone address { street city state postalCode } geo { lat lng } openingHours hours { timeZone periods { day opens closes } closures { from to label } }`;

export const PROCEDURE_FIELDS = `id slug locale title summary body steps { title body } benefits risks recovery faqs { question answer }
  reviewer { name credentials } lastReviewed updatedAt seo { ...SeoFields }`;

export const FULL_CONTRACT = `${SEO}
query Everything($locale: Locale) {
  site { slug name domain }
  procedure(slug: "kyphoplasty", locale: $locale) { ${PROCEDURE_FIELDS} }
  procedures(locale: $locale) { slug title }
  location(slug: "chicago", locale: $locale) {
    id slug locale city state intro updatedAt
    clinics { ${CLINIC_FIELDS} }
    procedures { slug title }
    seo { ...SeoFields }
  }
  locations(locale: $locale) { slug city clinics { slug } }
  landingPage(procedure: "kyphoplasty", location: "chicago", locale: $locale) {
    path locale title h1 intro lastModified
    procedure { slug title }
    location { slug city }
    clinics { ${CLINIC_FIELDS} }
    faqs { question answer }
    seo { ...SeoFields }
  }
  sitemap { url lastModified locale alternates { hreflang url } }
}`;

export const LANDING = `query Landing($procedure: String!, $location: String!, $locale: Locale) {
  landingPage(procedure: $procedure, location: $location, locale: $locale) { path title h1 intro clinics { slug } seo { title canonicalUrl } }
}`;

export const CITY_INTRO = `query City($slug: String!) { location(slug: $slug) { slug intro } }`;
