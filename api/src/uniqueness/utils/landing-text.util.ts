import { type Locale, clinicOpeningHours, openingHoursStrings } from '@clinic/shared';
import { landingHeadline, landingIntro } from '../../content/utils/landing-copy.util.js';

/**
 * The main visible content of a landing page, which its uniqueness is scored on: its headline and intro, the
 * override's own questions and answers, and the cards of the clinics there offering the procedure (name,
 * address, phone, hours). Not the procedure's summary teaser nor its FAQ: those are the procedure page's, shown
 * alike on every city's page by design and linked to it (README, "The uniqueness guard").
 */
export function landingMainText(
  locale: Locale,
  parts: {
    procedure: { title: string; summary: string };
    location: { city: string; state: string; intro?: string | null };
    override?: { headline?: string | null; intro?: string | null; faqs?: string | null } | null;
    clinicCards: string[];
  },
): { place: string[]; text: string } {
  const { procedure, location, override } = parts;
  const h1 = landingHeadline(locale, { overrideHeadline: override?.headline, procedureTitle: procedure.title, city: location.city, state: location.state });
  const intro = landingIntro({ overrideIntro: override?.intro, cityIntro: location.intro, procedureSummary: procedure.summary });
  return { place: [location.city, location.state], text: [h1, intro, override?.faqs ?? '', ...parts.clinicCards].filter(Boolean).join('\n') };
}

/** A clinic's card as a landing page shows it (Strapi's clinic fields as read), in one line of text. */
export function clinicCardText(clinic: { name?: string | null; phone?: string | null; openingHours?: string | null; hours?: unknown; address?: unknown }): string {
  const address = (clinic.address ?? {}) as { street?: string | null; postalCode?: string | null };
  const hours = clinicOpeningHours(clinic.hours, clinic.openingHours);
  return [clinic.name, address.street, address.postalCode, clinic.phone, ...(hours ? openingHoursStrings(hours) : [clinic.openingHours])].filter(Boolean).join(' ');
}

/** An override's questions and answers as text. */
export const faqText = (faqs: Array<{ question?: string | null; answer?: string | null }> | null | undefined) => (faqs ?? []).map((f) => `${f.question ?? ''} ${f.answer ?? ''}`).join('\n');
