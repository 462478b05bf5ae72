/**
 * The sitemap XSD check itself (tests/support/sitemap-xsd.ts): it must be able to fail, or the suites that
 * assert "0 errors" on the gateway's and the website's sitemaps prove nothing. No stack: xmllint only.
 */
import { sitemapXsdErrors } from '../support/sitemap-xsd.js';

const URLSET = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml"';
const urlset = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<urlset ${URLSET}>\n${body}\n</urlset>\n`;
const index = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
const EN = 'https://lakeshore.example/chicago/kyphoplasty';
const ES = 'https://lakeshore.example/es/chicago/cifoplastia';
const link = (hreflang: string, href: string) => `<xhtml:link rel="alternate" hreflang="${hreflang}" href="${href}"/>`;

describe('sitemapXsdErrors', () => {
  it('passes a urlset with lastmod and hreflang alternates, and a sitemap index', () => {
    expect(sitemapXsdErrors(urlset(`<url><loc>${EN}</loc><lastmod>2025-01-31T12:00:00Z</lastmod>${link('en', EN)}${link('es', ES)}${link('x-default', EN)}</url>`))).toEqual([]);
    expect(sitemapXsdErrors(index('<sitemap><loc>https://lakeshore.example/sitemaps/1.xml</loc><lastmod>2025-01-31</lastmod></sitemap>'))).toEqual([]);
  });

  it.each([
    ['a <url> without <loc>', urlset('<url><lastmod>2025-01-31T12:00:00Z</lastmod></url>'), /loc/],
    ['an empty urlset', urlset(''), /Missing child element/],
    ['a relative <loc> (too short for the protocol)', urlset('<url><loc>/chicago</loc></url>'), /loc/],
    ['a <lastmod> that is not a W3C datetime', urlset(`<url><loc>${EN}</loc><lastmod>31/01/2025</lastmod></url>`), /lastmod/],
    ['<lastmod> before <loc>', urlset(`<url><lastmod>2025-01-31</lastmod><loc>${EN}</loc></url>`), /lastmod/],
    ['an alternate without href', urlset(`<url><loc>${EN}</loc><xhtml:link rel="alternate" hreflang="es"/></url>`), /href/],
    ['an alternate with a made-up hreflang', urlset(`<url><loc>${EN}</loc>${link('spanish', ES)}</url>`), /hreflang/],
    ['an alternate with a relative href', urlset(`<url><loc>${EN}</loc>${link('es', '/es/chicago/cifoplastia')}</url>`), /href/],
    ['an element of a namespace no schema knows', urlset(`<url><loc>${EN}</loc><x:y xmlns:x="urn:x"/></url>`), /y/],
    ['an element outside any namespace', '<urlset><url><loc>https://a.example/</loc></url></urlset>', /urlset/],
    ['a <sitemap> without <loc>', index('<sitemap><lastmod>2025-01-31</lastmod></sitemap>'), /loc/],
    ['a <url> inside a sitemap index', index(`<url><loc>${EN}</loc></url>`), /url/],
    ['XML that is not well-formed', urlset(`<url><loc>${EN}</url>`), /loc|url/],
  ])('reports %s', (_what, xml, mentions) => {
    const errors = sitemapXsdErrors(xml);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(mentions);
  });
});
