/** Links and images an editor wrote in a markdown field (markdown syntax and the inline HTML editors paste). */
export interface BodyLink {
  href: string;
  text: string;
}

export interface BodyImage {
  src: string;
  alt: string;
}

const MD_LINK = /(!?)\[([^\]]*)\]\(\s*<?([^\s)>]+)>?(?:\s+(?:"[^"]*"|'[^']*'))?\s*\)/g;
const HTML_LINK = /<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>([\s\S]*?)<\/a>/gi;
const HTML_IMAGE = /<img\b[^>]*>/gi;
const attr = (tag: string, name: string) => new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`, 'i').exec(tag);

export function linksIn(markdown: string): BodyLink[] {
  const links: BodyLink[] = [];
  for (const m of markdown.matchAll(MD_LINK)) if (!m[1]) links.push({ href: m[3], text: m[2].trim() });
  for (const m of markdown.matchAll(HTML_LINK)) links.push({ href: m[1] ?? m[2] ?? '', text: m[3].replace(/<[^>]*>/g, '').trim() });
  return links;
}

export function imagesIn(markdown: string): BodyImage[] {
  const images: BodyImage[] = [];
  for (const m of markdown.matchAll(MD_LINK)) if (m[1]) images.push({ src: m[3], alt: m[2].trim() });
  for (const m of markdown.matchAll(HTML_IMAGE)) {
    const src = attr(m[0], 'src');
    const alt = attr(m[0], 'alt');
    images.push({ src: src?.[1] ?? src?.[2] ?? '', alt: (alt?.[1] ?? alt?.[2] ?? '').trim() });
  }
  return images;
}

/**
 * The site path a link leads to when it stays on the site (a root-relative path, or an absolute URL on
 * the site's own domain), without its query and fragment; undefined for other sites, mail, phone and
 * in-page anchors, which the site cannot break.
 */
export function internalPathOf(href: string, siteDomain: string): string | undefined {
  const h = href.trim();
  if (h.startsWith('/') && !h.startsWith('//')) return h.replace(/[?#].*$/, '') || '/';
  let url: URL;
  let site: URL;
  try {
    url = new URL(h.startsWith('//') ? `https:${h}` : h);
    site = new URL(siteDomain);
  } catch {
    return undefined;
  }
  if (!/^https?:$/.test(url.protocol) || url.host !== site.host) return undefined;
  return url.pathname || '/';
}
