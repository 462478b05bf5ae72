import type { StrapiClinic, StrapiLocation, StrapiProcedure } from '@clinic/shared';
import { DEFAULT_LOCALE, urlSlug, dateInTimeZone, openingHoursStrings, upcomingClosures } from '@clinic/shared';
import { openingHoursLines } from '../../seo/utils/json-ld.util.js';
import type { Seo } from '../../seo/models/seo.model.js';
import type { Clinic, Location, Procedure } from '../models/content.model.js';

/** Strapi documents → GraphQL view models. Relations of a Location resolve lazily (LocationResolver). */
export function toProcedure(doc: StrapiProcedure, seo: Seo): Procedure {
  return {
    id: doc.documentId,
    slug: urlSlug(doc),
    locale: doc.locale ?? DEFAULT_LOCALE,
    title: doc.title,
    summary: doc.summary,
    body: doc.body,
    steps: doc.steps,
    benefits: doc.benefits,
    risks: doc.risks,
    recovery: doc.recovery,
    faqs: doc.faqs,
    reviewer: doc.reviewer ?? null,
    lastReviewed: doc.lastReviewed ?? null,
    updatedAt: doc.updatedAt,
    seo,
  };
}

export function toClinic(doc: StrapiClinic): Clinic {
  const now = new Date();
  const hours = doc.parsedHours;
  return {
    id: doc.documentId,
    slug: doc.slug,
    name: doc.name,
    phone: doc.phone,
    address: doc.address ?? null,
    geo: doc.geo ?? null,
    // Unreadable old text stays shown as written until an editor fixes it: nothing an editor wrote is lost.
    openingHours: hours ? openingHoursStrings(hours) : openingHoursLines(doc.openingHours),
    hours: hours && {
      timeZone: hours.timeZone,
      periods: hours.periods,
      closures: upcomingClosures(hours, dateInTimeZone(now, hours.timeZone)).map((c) => ({ from: c.from, to: c.to ?? c.from, label: c.label ?? null })),
    },
  };
}

/** `clinics` and `procedures` are filled by the field resolvers. */
export function toLocation(doc: StrapiLocation, seo: Seo): Location {
  return {
    id: doc.documentId,
    slug: urlSlug(doc),
    locale: doc.locale ?? DEFAULT_LOCALE,
    city: doc.city,
    state: doc.state,
    intro: doc.intro,
    updatedAt: doc.updatedAt,
    seo,
  } as Location;
}

/** The newest of ISO timestamps. */
export function newest(...dates: Array<string | null | undefined>): string {
  return (
    dates
      .filter((d): d is string => !!d)
      .sort()
      .at(-1) ?? new Date(0).toISOString()
  );
}
