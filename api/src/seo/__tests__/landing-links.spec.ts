import { landingPageSchema, locationSchema, procedureSchema, type Locale } from '@clinic/shared';
import { SeoService } from '../services/seo.service.js';
import { testSite } from '../../sites/__tests__/site-info.fixture.js';

/** The sitemap lists a landing page by `landingPageLinks` without composing it: the links must be the page's own. */

const T = '2026-01-01T00:00:00.000Z';
const site = testSite({ updatedAt: T });
const procedure = procedureSchema.parse({
  id: 1,
  documentId: 'p1',
  locale: 'es',
  slug: 'kyphoplasty',
  localeSlug: 'cifoplastia',
  title: 'Cifoplastia',
  summary: 'Resumen',
  updatedAt: T,
  localizations: [{ locale: 'en', slug: 'kyphoplasty' }],
});
const location = locationSchema.parse({
  id: 1,
  documentId: 'L1',
  locale: 'es',
  slug: 'chicago',
  city: 'Chicago',
  state: 'IL',
  updatedAt: T,
  localizations: [{ locale: 'en', slug: 'chicago' }],
});
const override = landingPageSchema.parse({ id: 1, documentId: 'o1', locale: 'es', headline: 'H', updatedAt: T, seo: { canonicalPath: '/es/chicago' } });
const seo = new SeoService();
const locales: Locale[] = ['en', 'es'];

describe('landingPageLinks: a landing page canonical URL and alternates, as landingPage gives them', () => {
  it.each([
    ['indexable', { override: null, thin: false }],
    ['below the uniqueness threshold', { override: null, thin: true }],
    ["with an editor's canonical path", { override, thin: false }],
    ["thin, with an editor's canonical path", { override, thin: true }],
  ])('%s', (_name, { override: o, thin }) => {
    const page = seo.landingPage(site, { procedure, location, clinics: [], override: o, faqs: [], h1: 'H', intro: 'I', locales, thin }, 'es');
    const links = seo.landingPageLinks(site, { procedure, location, override: o, locales, thin }, 'es');
    expect(links).toEqual({ canonicalUrl: page.canonicalUrl, alternates: page.alternates });
    if (!thin && !o) {
      expect(links.canonicalUrl).toBe('https://lakeshore.example/es/chicago/cifoplastia');
      expect(links.alternates.map((a) => a.url)).toEqual([
        'https://lakeshore.example/chicago/kyphoplasty',
        'https://lakeshore.example/es/chicago/cifoplastia',
        'https://lakeshore.example/chicago/kyphoplasty',
      ]);
    }
    if (thin) expect([page.robots, links.alternates]).toEqual(['noindex, follow', []]);
  });
});
