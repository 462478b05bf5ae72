import type { HreflangAlternate } from '../../seo/models/seo.model.js';
import type { SeoCheck } from '../types/workbench-report.types.js';
import type { BodyImage } from './body-links.util.js';
import { GOOGLE_DESCRIPTION_FONT_PX, GOOGLE_DESCRIPTION_MAX_PX, GOOGLE_TITLE_FONT_PX, GOOGLE_TITLE_MAX_PX, fitToWidth, textWidthPx } from './text-width.util.js';

/**
 * The workbench's verdicts. Each takes what the gateway composed (never recomputes a title or a
 * canonical URL) and says pass, warn (works, but costs clicks or reach) or fail (broken for searchers).
 */

/** Below these, Google often rewrites the snippet from the page: too short to say what the page offers. */
export const TITLE_MIN_CHARS = 30;
export const DESCRIPTION_MIN_CHARS = 70;

const chars = (s: string) => [...s].length;

export function titleCheck(title: string): SeoCheck {
  const n = chars(title);
  const px = textWidthPx(title, GOOGLE_TITLE_FONT_PX);
  const details = { chars: n, px, maxPx: GOOGLE_TITLE_MAX_PX };
  const base = { id: 'title-length', label: 'Title length', details };
  if (!title.trim()) return { ...base, verdict: 'fail', message: 'The page has no title.' };
  if (px > GOOGLE_TITLE_MAX_PX) {
    const { shown } = fitToWidth(title, GOOGLE_TITLE_MAX_PX, GOOGLE_TITLE_FONT_PX);
    return { ...base, verdict: 'warn', message: `${n} characters, ${px} px: Google cuts titles at about ${GOOGLE_TITLE_MAX_PX} px and shows “${shown}”.` };
  }
  if (n < TITLE_MIN_CHARS) return { ...base, verdict: 'warn', message: `${n} characters, ${px} px: short; say what the page offers and where (at least ${TITLE_MIN_CHARS} characters).` };
  return { ...base, verdict: 'pass', message: `${n} characters, ${px} px of about ${GOOGLE_TITLE_MAX_PX} px: shown whole.` };
}

export function descriptionCheck(description: string): SeoCheck {
  const n = chars(description);
  const px = textWidthPx(description, GOOGLE_DESCRIPTION_FONT_PX);
  const details = { chars: n, px, maxPx: GOOGLE_DESCRIPTION_MAX_PX };
  const base = { id: 'description-length', label: 'Description length', details };
  if (!description.trim()) return { ...base, verdict: 'fail', message: 'No meta description: Google will pick a sentence of the page itself.' };
  if (px > GOOGLE_DESCRIPTION_MAX_PX) {
    return { ...base, verdict: 'warn', message: `${n} characters, ${px} px: Google shows about ${GOOGLE_DESCRIPTION_MAX_PX} px (two lines); the end is cut.` };
  }
  if (n < DESCRIPTION_MIN_CHARS) {
    return { ...base, verdict: 'warn', message: `${n} characters, ${px} px: short; Google may replace it with text of its choosing (aim for ${DESCRIPTION_MIN_CHARS}+ characters).` };
  }
  return { ...base, verdict: 'pass', message: `${n} characters, ${px} px of about ${GOOGLE_DESCRIPTION_MAX_PX} px: shown whole.` };
}

/** `others`: the site's other indexable pages in the same locale, with their composed descriptions. */
export function duplicateDescriptionCheck(description: string, others: Array<{ path: string; description: string }>): SeoCheck {
  const base = { id: 'description-unique', label: 'Unique description' };
  if (!description.trim()) return { ...base, verdict: 'fail', message: 'Missing: every page of the site needs its own description.' };
  const norm = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();
  const same = others.filter((o) => norm(o.description) === norm(description)).map((o) => o.path);
  if (same.length) return { ...base, verdict: 'fail', message: `The same description as ${same.join(', ')}: Google cannot tell these pages apart.`, details: { paths: same } };
  return { ...base, verdict: 'pass', message: `Different from the site's ${others.length} other indexable page(s) in this language.` };
}

export function imageAltCheck(ogImage: { url: string; alt: string | null } | null, bodyImages: BodyImage[]): SeoCheck {
  const base = { id: 'image-alt', label: 'Image alt text' };
  const missing = bodyImages.filter((i) => !i.alt).map((i) => i.src);
  if (missing.length) return { ...base, verdict: 'fail', message: `${missing.length} image(s) in the text without alt text: ${missing.join(', ')}.`, details: { missing } };
  if (ogImage && !ogImage.alt?.trim()) {
    return {
      ...base,
      verdict: 'warn',
      message: 'The share image has no alternative text: set it in the media library (screen readers and image search read it).',
      details: { missing: [ogImage.url] },
    };
  }
  if (!ogImage) return { ...base, verdict: 'warn', message: 'No share image: social networks show the link without a picture (or one of their choosing).' };
  return { ...base, verdict: 'pass', message: `The share image${bodyImages.length ? ` and ${bodyImages.length} image(s) in the text` : ''} have alternative text.` };
}

export function canonicalCheck(ownUrl: string, canonicalUrl: string): SeoCheck {
  const base = { id: 'canonical', label: 'Canonical URL', details: { canonicalUrl } };
  if (canonicalUrl === ownUrl) return { ...base, verdict: 'pass', message: 'Points at this page itself.' };
  return { ...base, verdict: 'warn', message: `Points at ${canonicalUrl}: Google indexes that page instead of this one, and the sitemap leaves this one out.` };
}

export function robotsCheck(robots: string): SeoCheck {
  const base = { id: 'robots', label: 'Robots', details: { robots } };
  if (/\bnoindex\b/i.test(robots)) return { ...base, verdict: 'warn', message: `“${robots}”: this page will not appear in Google, and the sitemap leaves it out.` };
  return { ...base, verdict: 'pass', message: `“${robots}”: may be indexed.` };
}

/**
 * `partners`: whether each alternate's page resolves on the site (a link to a missing translation is an
 * error Google reports); `otherLocales`: languages the site has that this page is not in.
 */
export function hreflangCheck(alternates: HreflangAlternate[], partners: Map<string, boolean>, otherLocales: string[]): SeoCheck {
  const base = { id: 'hreflang', label: 'Language versions (hreflang)' };
  const broken = alternates.filter((a) => partners.get(a.url) === false).map((a) => `${a.hreflang} → ${a.url}`);
  if (broken.length) return { ...base, verdict: 'fail', message: `Points at pages that do not exist: ${broken.join(', ')}.`, details: { broken } };
  const tags = alternates.map((a) => a.hreflang);
  if (!alternates.length) {
    return otherLocales.length
      ? { ...base, verdict: 'warn', message: `Only in this language: no ${otherLocales.join(', ')} version to offer searchers in theirs.`, details: { missing: otherLocales } }
      : { ...base, verdict: 'pass', message: 'The site has one language: nothing to link.' };
  }
  return { ...base, verdict: 'pass', message: `Linked: ${tags.join(', ')}.`, details: { hreflang: tags } };
}

export interface LinkOutcome {
  href: string;
  path: string;
  status: 'ok' | 'redirect' | 'missing';
  to?: string;
}

export function internalLinksCheck(links: LinkOutcome[]): SeoCheck {
  const base = { id: 'internal-links', label: 'Links to the site' };
  const missing = links.filter((l) => l.status === 'missing');
  const moved = links.filter((l) => l.status === 'redirect');
  if (missing.length) {
    return { ...base, verdict: 'fail', message: `Broken: ${missing.map((l) => l.href).join(', ')} lead to no page of this site.`, details: { broken: missing.map((l) => l.href) } };
  }
  if (moved.length) {
    return {
      ...base,
      verdict: 'warn',
      message: `Old addresses (redirected): ${moved.map((l) => `${l.href} → ${l.to}`).join(', ')}; link the new address.`,
      details: { redirected: moved.map((l) => ({ from: l.href, to: l.to })) },
    };
  }
  return { ...base, verdict: 'pass', message: links.length ? `All ${links.length} link(s) to the site lead to a page.` : 'No links to the site in the text.' };
}
