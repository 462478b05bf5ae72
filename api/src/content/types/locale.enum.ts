import { registerEnumType } from '@nestjs/graphql';
import { DEFAULT_LOCALE, type Locale } from '@clinic/shared';

export enum LocaleArg {
  en = 'en',
  es = 'es',
}
registerEnumType(LocaleArg, { name: 'Locale', description: 'Content language; pages missing a translation are null.' });

export const localeArg = { type: () => LocaleArg, defaultValue: DEFAULT_LOCALE as LocaleArg } as const;
export const asLocale = (l: LocaleArg | undefined): Locale => (l ?? DEFAULT_LOCALE) as Locale;
