import { cacheTags, urlSlug } from '@clinic/shared';
import { defineFact } from '../utils/define-fact.util.js';

const DOCUMENT_TYPES = ['procedure', 'location', 'clinic'] as const;

/**
 * A document's fields in one locale (a clinic: the fields pages show, compared by content, so that a
 * clinic republished for its relations alone does not touch pages that merely list it).
 */
export const docFact = defineFact({
  name: 'doc',
  tag: cacheTags.doc,
  pattern: /^doc:(procedure|location|clinic):[^:]+(:[^:]+)?$/,
  fromRows: (view, emit) => {
    for (const type of DOCUMENT_TYPES) {
      for (const r of view.rows(type)) {
        // The URL slug is part of the value: a slug synced across locales need not touch `updatedAt`.
        if (type === 'clinic') emit(docFact.tag(type, r.documentId), `${r.shown ?? r.updatedAt}\u0000${r.slug ?? ''}`);
        else emit(docFact.tag(type, r.documentId, r.locale || undefined), `${r.updatedAt}\u0000${r.slug ? urlSlug({ ...r, slug: r.slug }) : ''}`);
      }
    }
  },
});

/** When a clinic last changed (pages' lastModified and the sitemap's lastmod show it). */
export const versionFact = defineFact({
  name: 'version',
  tag: cacheTags.version,
  pattern: /^version:clinic:[^:]+$/,
  fromRows: (view, emit) => {
    for (const r of view.rows('clinic')) emit(versionFact.tag('clinic', r.documentId), r.updatedAt);
  },
});

/**
 * Which document a URL slug names in a locale — outside English its own slug, else the English one (absent:
 * nothing there, so a cached `null` goes when one appears).
 */
export const slugFact = defineFact({
  name: 'slug',
  tag: cacheTags.slug,
  pattern: /^slug:(procedure|location|clinic):[^:]+(:[^:]+)?$/,
  fromRows: (view, emit) => {
    for (const type of DOCUMENT_TYPES) {
      for (const r of view.rows(type)) if (r.slug) emit(slugFact.tag(type, urlSlug({ ...r, slug: r.slug }), r.locale || undefined), r.documentId);
    }
  },
  inSiteRegistry: (tag) => tag.startsWith('slug:location:'),
});

/**
 * Which locales of a document are published, and a procedure's or city's URL slug in each (hreflang alternates
 * link them; lists are filtered by locale): a Spanish slug's change moves the English page's alternates too.
 */
export const localesFact = defineFact({
  name: 'locales',
  tag: cacheTags.locales,
  pattern: /^locales:(procedure|location|clinic):[^:]+$/,
  fromRows: (view, emit) => {
    for (const type of DOCUMENT_TYPES) {
      const slugs = new Map<string, string>();
      if (type !== 'clinic') for (const r of view.rows(type)) slugs.set(`${r.documentId}\u0000${r.locale}`, r.slug ? urlSlug({ ...r, slug: r.slug }) : '');
      for (const [id, ls] of view.localesOf(type)) {
        const value = [...ls].sort().map((l) => (type === 'clinic' ? l : `${l}=${slugs.get(`${id}\u0000${l}`) ?? ''}`));
        emit(localesFact.tag(type, id), value.join(','));
      }
    }
  },
});

/** The slug history, which the redirect query reads whole (only slug redirects are listed). */
export const listFact = defineFact({
  name: 'list',
  tag: cacheTags.list,
  pattern: /^list:slugRedirect$/,
  fromRows: (view, emit) => {
    const redirects = [...view.rows('slugRedirect')].map((r) => `${r.documentId}@${r.updatedAt}`).sort();
    emit(listFact.tag('slugRedirect'), redirects.join(','));
  },
});

/** A media file an answer shows (an OG image). The library's files are not catalogue rows: their own webhook purges them. */
export const mediaFact = defineFact({
  name: 'media',
  tag: cacheTags.media,
  pattern: /^media:[^:]+$/,
  purgedBy: 'the media webhook (media.update, media.delete), soft: a shared file may be on many pages',
  wide: true,
});
