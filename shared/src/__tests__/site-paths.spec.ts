import { RESERVED_CITY_SLUGS, parseSitePath, pathOf, sitePaths, urlSlug, urlSlugs, type SitePage } from '../site-paths';

const kyphoplasty = {
  slug: 'kyphoplasty',
  locale: 'en',
  localeSlug: null,
  localizations: [{ locale: 'es', slug: 'kyphoplasty', localeSlug: 'cifoplastia' }],
};

describe('localized slugs', () => {
  it("builds a locale's URLs from its own slug, else from the English one", () => {
    expect(urlSlug({ slug: 'kyphoplasty', localeSlug: 'cifoplastia', locale: 'es' })).toBe('cifoplastia');
    expect(urlSlug({ slug: 'kyphoplasty', localeSlug: null, locale: 'es' })).toBe('kyphoplasty');
    expect(urlSlug({ slug: 'kyphoplasty', localeSlug: '', locale: 'es' })).toBe('kyphoplasty');
    // English URLs use the slug field: a stray locale slug on the English version changes nothing.
    expect(urlSlug({ slug: 'kyphoplasty', localeSlug: 'other', locale: 'en' })).toBe('kyphoplasty');
  });

  it('gives every locale a document exists in its URL slug (hreflang)', () => {
    expect(Object.fromEntries(urlSlugs(kyphoplasty))).toEqual({ en: 'kyphoplasty', es: 'cifoplastia' });
    // Read from the Spanish version: the same pairs.
    expect(Object.fromEntries(urlSlugs({ slug: 'kyphoplasty', locale: 'es', localeSlug: 'cifoplastia', localizations: [{ locale: 'en', slug: 'kyphoplasty' }] }))).toEqual({
      en: 'kyphoplasty',
      es: 'cifoplastia',
    });
    // A localization read without its slugs, and one in a language the sites do not have.
    expect(Object.fromEntries(urlSlugs({ slug: 'chicago', locale: 'en', localizations: [{ locale: 'es' }, { locale: 'fr', localeSlug: 'x' }] }))).toEqual({ en: 'chicago', es: 'chicago' });
    expect(Object.fromEntries(urlSlugs({ slug: 'chicago' }))).toEqual({ en: 'chicago' });
  });

  it('round-trips localized paths through parseSitePath and pathOf', () => {
    const pages: SitePage[] = [
      { page: 'landingPage', locale: 'es', city: 'chicago', procedure: 'cifoplastia' },
      { page: 'landingPage', locale: 'es', city: 'nueva-york', procedure: 'cifoplastia-con-balon' },
      { page: 'procedure', locale: 'es', procedure: 'cifoplastia' },
      { page: 'location', locale: 'es', city: 'nueva-york' },
      { page: 'landingPage', locale: 'en', city: 'chicago', procedure: 'kyphoplasty' },
      { page: 'clinic', locale: 'es', clinic: 'lakeshore-spine-center' },
    ];
    for (const page of pages) expect(parseSitePath(pathOf(page))).toEqual(page);
    expect(pathOf(parseSitePath('/es/chicago/cifoplastia')!)).toBe(sitePaths.landingPage('chicago', 'cifoplastia', 'es'));
  });

  it('never reads a reserved first segment as a city, so every city path parses back', () => {
    expect(RESERVED_CITY_SLUGS).toEqual(expect.arrayContaining(['procedures', 'clinics', 'es', 'en']));
    for (const bad of ['/procedures', '/clinics', '/es/procedures', '/es/clinics', '/en', '/en/kyphoplasty', '/es/es', '/es/es/cifoplastia']) {
      expect(parseSitePath(bad)).toBeUndefined();
    }
  });
});
