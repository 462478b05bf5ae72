import type { Locale } from '@clinic/shared';
import { PHRASES } from '../../seo/utils/phrases.util.js';

/**
 * A landing page's headline and intro, from the override, the city and the procedure: one rule for the page
 * (ContentService) and for what its uniqueness is scored on (uniqueness/), so the score reads what visitors read.
 */
export function landingHeadline(locale: Locale, parts: { overrideHeadline?: string | null; procedureTitle: string; city: string; state: string }): string {
  return parts.overrideHeadline?.trim() || PHRASES[locale].procedureIn(parts.procedureTitle, `${parts.city}, ${parts.state}`);
}

export function landingIntro(parts: { overrideIntro?: string | null; cityIntro?: string | null; procedureSummary: string }): string {
  return parts.overrideIntro?.trim() || parts.cityIntro || parts.procedureSummary;
}
