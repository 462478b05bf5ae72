/**
 * Byte budget of one tag header on a response. Cloudflare's aggregate `Cache-Tag` limit is 16 KB
 * (developers.cloudflare.com/cache/how-to/purge-cache/purge-by-tags), Fastly's `Surrogate-Key` 16,384
 * bytes with keys of at most 1,024 bytes (docs.fastly.com/en/guides/working-with-surrogate-keys), and
 * Varnish refuses a backend response header longer than `http_resp_hdr_len` (8 KB by default). The
 * smallest wins, with room for the header name.
 */
export const EDGE_TAG_HEADER_BYTES = 8000;

/** `doc:<type>:<id>` and `slug:<type>:<slug>` → `list:<type>`. */
const FINE_TAG = /^(?:doc|slug):([^:]+):/;

/**
 * Coarsens a tag set that would not fit in {@link EDGE_TAG_HEADER_BYTES}: every document and slug tag
 * becomes its type's `list:` tag. Safe because every purge of a document also purges its type's list
 * tag (`purgeTagsFor` in @clinic/shared), so a coarse entry is purged at least as often as a fine one.
 */
export function fitEdgeTags(tags: readonly string[]): readonly string[] {
  let bytes = 0;
  for (const t of tags) bytes += t.length + 1;
  if (bytes <= EDGE_TAG_HEADER_BYTES) return tags;
  return [...new Set(tags.map((t) => t.replace(FINE_TAG, 'list:$1:').replace(/^list:([^:]+):.*$/, 'list:$1')))];
}

/**
 * The tag headers of a cacheable answer: `Surrogate-Key` (space separated; Fastly, and Varnish's xkey
 * through deploy/varnish/default.vcl) and `Cache-Tag` (comma separated; Cloudflare). CDNs strip both
 * before answering visitors; the shipped VCL does too.
 */
export function edgeTagHeaders(tags: readonly string[]): { 'surrogate-key': string; 'cache-tag': string } {
  const fitted = fitEdgeTags(tags);
  return { 'surrogate-key': fitted.join(' '), 'cache-tag': fitted.join(',') };
}
