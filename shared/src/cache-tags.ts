import type { ContentTypeName } from './content-types';

/**
 * Cache tags name what a cached response was built from. The gateway tags every entry while it
 * resolves it; the CMS webhook names a changed document; `purgeTagsFor` turns the one into the other.
 *
 * - `doc:<type>:<documentId>` – the entry used this document.
 * - `slug:<type>:<slug>` – the entry looked this slug up (also when nothing was found, so that
 *   publishing a document under that slug replaces a cached `null`).
 * - `list:<type>` – the entry depends on which documents of this type exist (lists, filters).
 */
export type CacheTag = string;

export const cacheTags = {
  doc: (type: ContentTypeName, documentId: string): CacheTag => `doc:${type}:${documentId}`,
  slug: (type: ContentTypeName, slug: string): CacheTag => `slug:${type}:${slug}`,
  list: (type: ContentTypeName): CacheTag => `list:${type}`,
  /** Every entry of one site: a change to the site document (domain, cities served) touches all of them. */
  site: (siteSlug: string): CacheTag => `site:${siteSlug}`,
};

/** The tags to purge when a document of `type` changed (published, unpublished, deleted). */
export function purgeTagsFor(type: ContentTypeName, documentId: string, slug?: string | null): CacheTag[] {
  const tags = [cacheTags.doc(type, documentId), cacheTags.list(type)];
  if (slug) tags.push(cacheTags.slug(type, slug));
  return tags;
}
