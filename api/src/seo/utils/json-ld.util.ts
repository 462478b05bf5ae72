import {
  LOCALE_LANGUAGE_TAG,
  absoluteUrl,
  closureSpecification,
  dateInTimeZone,
  openingHoursSpecification,
  sitePaths,
  type Locale,
  type StrapiClinic,
  type StrapiContactPoint,
  type StrapiProcedure,
} from '@clinic/shared';
import type { SiteInfo } from '../../sites/types/site.types.js';
import { plainText } from './plain-text.util.js';

/**
 * schema.org builders. Every URL they write is absolute and on the calling site's domain, because
 * Google ignores (or distrusts) structured data pointing elsewhere.
 */
type Node = Record<string, unknown>;

export function medicalProcedureNode(procedure: StrapiProcedure, url: string): Node {
  return {
    '@type': 'MedicalProcedure',
    '@id': `${url}#procedure`,
    name: procedure.title,
    description: plainText(procedure.summary),
    url,
    ...(procedure.steps.length ? { howPerformed: procedure.steps.map((s, i) => `${i + 1}. ${s.title}: ${plainText(s.body)}`).join(' ') } : {}),
    ...(procedure.recovery ? { followup: plainText(procedure.recovery) } : {}),
    // No risks here: schema.org's (serious)adverseOutcome belong to TherapeuticProcedure/MedicalTherapy, not
    // MedicalProcedure (the vocabulary check of the web tests counts that as an error); the page shows them.
  };
}

/** A clinic, identified by its own page (`@id` …/clinics/<slug>#clinic, the same in every language), a branch of the site's group. */
export function medicalClinicNode(site: SiteInfo, clinic: StrapiClinic, locale: Locale, extra: Node = {}, now = new Date()): Node {
  const hours = clinic.parsedHours;
  const closures = hours ? closureSpecification(hours, dateInTimeZone(now, hours.timeZone)) : [];
  return {
    '@type': 'MedicalClinic',
    '@id': clinicEntityId(site, clinic.slug),
    name: clinic.name,
    url: absoluteUrl(site.domain, sitePaths.clinic(clinic.slug, locale)),
    ...(clinic.phone ? { telephone: clinic.phone } : {}),
    ...(clinic.address
      ? {
          address: {
            '@type': 'PostalAddress',
            streetAddress: clinic.address.street,
            addressLocality: clinic.address.city,
            addressRegion: clinic.address.state,
            postalCode: clinic.address.postalCode,
            addressCountry: 'US',
          },
        }
      : {}),
    ...(clinic.geo ? { geo: { '@type': 'GeoCoordinates', latitude: clinic.geo.lat, longitude: clinic.geo.lng } } : {}),
    ...(hours?.periods.length ? { openingHoursSpecification: openingHoursSpecification(hours) } : {}),
    ...(closures.length ? { specialOpeningHoursSpecification: closures } : {}),
    parentOrganization: { '@id': organizationEntityId(site) },
    ...extra,
  };
}

/** The node id of the site's clinic group: its home page with `#organization` (it depends on the domain only). */
export function organizationEntityId(site: SiteInfo): string {
  return absoluteUrl(site.domain, '/#organization');
}

/** schema.org's contactType is free text; the CMS stores a fixed list of identifiers. */
const CONTACT_TYPE: Record<NonNullable<StrapiContactPoint['contactType']>, string> = {
  customer_service: 'customer service',
  reservations: 'reservations',
  billing: 'billing support',
  emergency: 'emergency',
};

/** A contact point's language tags (`en, es`), in order, without repeats. */
export function contactLanguages(value: string | null | undefined): string[] {
  return [
    ...new Set(
      (value ?? '')
        .split(',')
        .map((l) => l.trim())
        .filter(Boolean),
    ),
  ];
}

/**
 * The clinic group behind the site, carried by the home page; every clinic names it as `parentOrganization`.
 * Its name is the site's (the brand patients know), its legal name the editor's; without an organization in
 * the CMS the node still exists (name and URL), so the clinics' references never dangle.
 */
export function medicalOrganizationNode(site: SiteInfo, locale: Locale): Node {
  const org = site.organization;
  const logo = org?.logo;
  return {
    '@type': 'MedicalOrganization',
    '@id': organizationEntityId(site),
    name: site.name,
    url: absoluteUrl(site.domain, sitePaths.home(locale)),
    ...(org?.legalName ? { legalName: org.legalName } : {}),
    ...(logo
      ? {
          logo: {
            '@type': 'ImageObject',
            url: logo.url,
            ...(logo.alt ? { caption: logo.alt } : {}),
            ...(logo.width ? { width: logo.width } : {}),
            ...(logo.height ? { height: logo.height } : {}),
          },
        }
      : {}),
    ...(org?.profiles.length ? { sameAs: org.profiles } : {}),
    ...(org?.contactPoints.length
      ? {
          contactPoint: org.contactPoints.map((c) => ({
            '@type': 'ContactPoint',
            telephone: c.telephone,
            contactType: CONTACT_TYPE[c.contactType ?? 'customer_service'],
            ...(c.areaServed ? { areaServed: c.areaServed } : {}),
            ...(contactLanguages(c.languages).length ? { availableLanguage: contactLanguages(c.languages) } : {}),
          })),
        }
      : {}),
  };
}

/** The node id of a clinic: its English page's URL with `#clinic`, on the calling site's domain. */
export function clinicEntityId(site: SiteInfo, slug: string): string {
  return absoluteUrl(site.domain, `${sitePaths.clinic(slug)}#clinic`);
}

export function faqPageNode(url: string, faqs: Array<{ question: string; answer: string }>): Node | undefined {
  if (!faqs.length) return undefined;
  return {
    '@type': 'FAQPage',
    '@id': `${url}#faq`,
    mainEntity: faqs.map((f) => ({
      '@type': 'Question',
      name: f.question,
      acceptedAnswer: { '@type': 'Answer', text: plainText(f.answer) },
    })),
  };
}

export function breadcrumbNode(url: string, crumbs: Array<{ name: string; url: string }>): Node {
  return {
    '@type': 'BreadcrumbList',
    '@id': `${url}#breadcrumb`,
    itemListElement: crumbs.map((c, i) => ({ '@type': 'ListItem', position: i + 1, name: c.name, item: c.url })),
  };
}

export function medicalWebPageNode(url: string, name: string, description: string, locale: Locale, procedure: StrapiProcedure | undefined, extra: Node = {}): Node {
  return {
    '@type': 'MedicalWebPage',
    '@id': url,
    url,
    name,
    description,
    inLanguage: LOCALE_LANGUAGE_TAG[locale],
    breadcrumb: { '@id': `${url}#breadcrumb` },
    ...(procedure ? { about: { '@id': `${url}#procedure` } } : {}),
    ...(procedure?.lastReviewed ? { lastReviewed: procedure.lastReviewed } : {}),
    ...(procedure?.reviewer ? { reviewedBy: { '@type': 'Person', name: procedure.reviewer.name, description: procedure.reviewer.credentials } } : {}),
    ...extra,
  };
}

/** Characters that could end a `<script>` element or break a JS string, as JSON escapes (still the same JSON value). */
const INLINE_UNSAFE = /[<>&\u2028\u2029]/g;
const escapeForInline = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * The JSON-LD text of a page, safe to inline in `<script type="application/ld+json">` as it is: an
 * editor's `</script>` in an FAQ answer, a clinic name or a title comes out as `\u003c/script\u003e`,
 * which parses to the same string but cannot close the element.
 */
export function jsonLdGraph(nodes: Array<Node | undefined>): string {
  return JSON.stringify({ '@context': 'https://schema.org', '@graph': nodes.filter(Boolean) }).replace(INLINE_UNSAFE, escapeForInline);
}

export function openingHoursLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
}
