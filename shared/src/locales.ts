export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** BCP 47 tags used in hreflang and JSON-LD `inLanguage`. */
export const LOCALE_LANGUAGE_TAG: Record<Locale, string> = { en: 'en-US', es: 'es-US' };
