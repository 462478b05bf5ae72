import { type Locale, clinicOpeningHours, openingHoursStrings } from '@clinic/shared';
import { landingHeadline, landingIntro } from '../../content/utils/landing-copy.util.js';

/**
 * The main visible content of a landing page, which its uniqueness is scored on, in the order the page shows it:
 * its headline and intro, the cards of the clinics there offering the procedure (name, address, phone, hours),
 * the override's own questions and answers, and the procedure's summary (linked to its article). The summary is
 * the same on every sibling: it counts, so a page that adds nothing of its own to it scores near 0.
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
  const text = [h1, intro, ...parts.clinicCards, override?.faqs ?? '', procedure.summary].filter(Boolean).join('\n');
  return { place: [location.city, location.state], text };
}

/** A clinic's card as a landing page shows it (Strapi's clinic fields as read), in one line of text. */
export function clinicCardText(clinic: { name?: string | null; phone?: string | null; openingHours?: string | null; hours?: unknown; address?: unknown }): string {
  const address = (clinic.address ?? {}) as { street?: string | null; postalCode?: string | null };
  const hours = clinicOpeningHours(clinic.hours, clinic.openingHours);
  return [clinic.name, address.street, address.postalCode, clinic.phone, ...(hours ? openingHoursStrings(hours) : [clinic.openingHours])].filter(Boolean).join(' ');
}

/** An override's questions and answers as text. */
export const faqText = (faqs: Array<{ question?: string | null; answer?: string | null }> | null | undefined) => (faqs ?? []).map((f) => `${f.question ?? ''} ${f.answer ?? ''}`).join('\n');
