/**
 * The sitemap protocol (https://www.sitemaps.org/protocol.html) with hreflang alternates
 * (https://developers.google.com/search/docs/specialty/international/localized-versions#sitemap).
 */
export const SITEMAP_MAX_URLS = 50_000;
export const SITEMAP_NS = 'http://www.sitemaps.org/schemas/sitemap/0.9';
export const XHTML_NS = 'http://www.w3.org/1999/xhtml';

export interface SitemapXmlEntry {
  url: string;
  lastModified: string;
  alternates: Array<{ hreflang: string; url: string }>;
}

/** Escapes the five XML special characters (text and attribute values alike). */
export function xmlEscape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** An ISO timestamp as a W3C datetime in UTC, to the second (`2025-01-31T12:00:00Z`); undefined when unparseable. */
export function w3cDatetime(value: string): string | undefined {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** First occurrence of each URL only. */
export function uniqueEntries<E extends { url: string }>(entries: E[]): E[] {
  const seen = new Set<string>();
  return entries.filter((e) => !seen.has(e.url) && seen.add(e.url));
}

/**
 * `<urlset>` for the entries, first occurrence of each URL only, at most `max` of them (`truncated`
 * tells the caller that the rest belongs in other child sitemaps).
 */
export function sitemapXml(entries: SitemapXmlEntry[], max = SITEMAP_MAX_URLS): { xml: string; urls: number; truncated: boolean } {
  const unique = uniqueEntries(entries);
  const kept = unique.slice(0, max);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<urlset xmlns="${SITEMAP_NS}" xmlns:xhtml="${XHTML_NS}">`];
  for (const e of kept) {
    lines.push('  <url>', `    <loc>${xmlEscape(e.url)}</loc>`);
    const lastmod = w3cDatetime(e.lastModified);
    if (lastmod) lines.push(`    <lastmod>${lastmod}</lastmod>`);
    for (const a of e.alternates) {
      lines.push(`    <xhtml:link rel="alternate" hreflang="${xmlEscape(a.hreflang)}" href="${xmlEscape(a.url)}"/>`);
    }
    lines.push('  </url>');
  }
  lines.push('</urlset>', '');
  return { xml: lines.join('\n'), urls: kept.length, truncated: unique.length > kept.length };
}

/**
 * How many child sitemaps a site's `sitemap.xml` (as `sitemapXml`/`sitemapIndexXml` wrote it) names: 0
 * for a plain urlset. What a request for `sitemaps/<n>.xml` is checked against before anything is built.
 */
export function childSitemapCount(xml: string): number {
  if (!xml.includes('<sitemapindex')) return 0;
  let count = 0;
  for (let at = xml.indexOf('<sitemap>'); at >= 0; at = xml.indexOf('<sitemap>', at + 9)) count += 1;
  return count;
}

/** `<sitemapindex>` naming child sitemaps (https://www.sitemaps.org/protocol.html#index). */
export function sitemapIndexXml(children: Array<{ loc: string; lastModified: string }>): string {
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>', `<sitemapindex xmlns="${SITEMAP_NS}">`];
  for (const c of children) {
    lines.push('  <sitemap>', `    <loc>${xmlEscape(c.loc)}</loc>`);
    const lastmod = w3cDatetime(c.lastModified);
    if (lastmod) lines.push(`    <lastmod>${lastmod}</lastmod>`);
    lines.push('  </sitemap>');
  }
  lines.push('</sitemapindex>', '');
  return lines.join('\n');
}

/** robots.txt of a clinic site: everything may be crawled; the sitemap is where the site serves it. */
export function robotsTxt(siteOrigin: string): string {
  return ['User-agent: *', 'Allow: /', '', `Sitemap: ${siteOrigin.replace(/\/+$/, '')}/sitemap.xml`, ''].join('\n');
}
