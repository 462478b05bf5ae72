import type { Core } from '@strapi/strapi';
import { DEFAULT_LOCALE, LOCALES } from '@clinic/shared';

const NAMES: Record<string, string> = { en: 'English (en)', es: 'Spanish (es)' };

/** Ensures the i18n locales the platform serves exist (en is the default). */
export async function ensureLocales(strapi: Core.Strapi): Promise<void> {
  const locales = strapi.plugin('i18n').service('locales');
  for (const code of LOCALES) {
    if (!(await locales.findByCode(code))) {
      await locales.create({ code, name: NAMES[code] ?? code });
      strapi.log.info(`[cms] i18n locale "${code}" created`);
    }
  }
  if ((await locales.getDefaultLocale()) !== DEFAULT_LOCALE) {
    await locales.setDefaultLocale({ code: DEFAULT_LOCALE });
  }
}
