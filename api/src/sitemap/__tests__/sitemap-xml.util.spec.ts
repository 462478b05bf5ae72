import { SITEMAP_MAX_URLS, childSitemapCount, robotsTxt, sitemapIndexXml, sitemapXml, uniqueEntries, w3cDatetime, xmlEscape } from '../utils/sitemap-xml.util.js';
import { PHRASES } from '../../seo/utils/phrases.util.js';

const entry = (url: string, lastModified = '2025-03-04T05:06:07.890Z') => ({
  url,
  lastModified,
  alternates: [
    { hreflang: 'en-US', url },
    { hreflang: 'x-default', url },
  ],
});

describe('sitemap XML', () => {
  it('writes a sitemap index of child sitemaps, each with the newest lastmod of its URLs', () => {
    const xml = sitemapIndexXml([
      { loc: 'https://a.example/sitemaps/1.xml', lastModified: '2025-03-04T05:06:07.890Z' },
      { loc: 'https://a.example/sitemaps/2.xml?x=<&>', lastModified: '' },
    ]);
    expect(xml).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain('<sitemap>\n    <loc>https://a.example/sitemaps/1.xml</loc>\n    <lastmod>2025-03-04T05:06:07Z</lastmod>\n  </sitemap>');
    expect(xml).toContain('<loc>https://a.example/sitemaps/2.xml?x=&lt;&amp;&gt;</loc>');
    expect(xml.match(/<sitemap>/g)).toHaveLength(2);
    expect(uniqueEntries([entry('https://a.example/x'), entry('https://a.example/x'), entry('https://a.example/y')]).map((e) => e.url)).toEqual([
      'https://a.example/x',
      'https://a.example/y',
    ]);
  });

  it('writes the sitemap protocol with hreflang alternates', () => {
    const { xml, urls, truncated } = sitemapXml([entry('https://a.example/chicago')]);
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">')).toBe(true);
    expect(xml).toContain('<loc>https://a.example/chicago</loc>');
    expect(xml).toContain('<lastmod>2025-03-04T05:06:07Z</lastmod>');
    expect(xml).toContain('<xhtml:link rel="alternate" hreflang="en-US" href="https://a.example/chicago"/>');
    expect(xml.trimEnd().endsWith('</urlset>')).toBe(true);
    expect({ urls, truncated }).toEqual({ urls: 1, truncated: false });
  });

  it('escapes XML and drops duplicate URLs', () => {
    const { xml, urls } = sitemapXml([entry('https://a.example/?a=1&b=<2>'), entry('https://a.example/?a=1&b=<2>')]);
    expect(xml).toContain('<loc>https://a.example/?a=1&amp;b=&lt;2&gt;</loc>');
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    expect(urls).toBe(1);
    expect(xmlEscape(`"'`)).toBe('&quot;&apos;');
  });

  it('omits an unparseable lastmod rather than writing an invalid one', () => {
    expect(sitemapXml([entry('https://a.example/x', 'not a date')]).xml).not.toContain('<lastmod>');
    expect(w3cDatetime('2025-01-01T00:00:00Z')).toBe('2025-01-01T00:00:00Z');
  });

  it('never lists more than 50,000 URLs', () => {
    const many = Array.from({ length: SITEMAP_MAX_URLS + 5 }, (_, i) => ({ url: `https://a.example/p${i}`, lastModified: '', alternates: [] }));
    const { urls, truncated, xml } = sitemapXml(many);
    expect(urls).toBe(SITEMAP_MAX_URLS);
    expect(truncated).toBe(true);
    expect(xml.match(/<url>/g)).toHaveLength(SITEMAP_MAX_URLS);
  });

  it('robots.txt points at the sitemap on the site’s own domain', () => {
    expect(robotsTxt('https://www.a.example/')).toBe('User-agent: *\nAllow: /\n\nSitemap: https://www.a.example/sitemap.xml\n');
  });
});

describe('phrases', () => {
  it('has no English connector in Spanish', () => {
    expect(PHRASES.es.procedureIn('Cifoplastia', 'Chicago, IL')).toBe('Cifoplastia en Chicago, IL');
    expect(PHRASES.es.spineCareIn('Chicago, IL')).not.toMatch(/\bin\b/);
  });

  it('counts the children a sitemap.xml names: none for a urlset', () => {
    const children = Array.from({ length: 3 }, (_, i) => ({ loc: `https://a.example/sitemaps/${i + 1}.xml`, lastModified: '2025-03-04T05:06:07.890Z' }));
    expect(childSitemapCount(sitemapIndexXml(children))).toBe(3);
    expect(childSitemapCount(sitemapXml([entry('https://a.example/x')]).xml)).toBe(0);
  });
});
