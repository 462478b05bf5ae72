import { createHash } from 'node:crypto';

/**
 * Byte budget of one tag header on a response. Cloudflare's aggregate `Cache-Tag` limit is 16 KB
 * (developers.cloudflare.com/cache/how-to/purge-cache/purge-by-tags), Fastly's `Surrogate-Key` 16,384
 * bytes with keys of at most 1,024 bytes (docs.fastly.com/en/guides/working-with-surrogate-keys), and
 * Varnish refuses a backend response header longer than `http_resp_hdr_len` (8 KB by default). The
 * smallest wins, with room for the header name.
 */
export const EDGE_TAG_HEADER_BYTES = 8000;

/**
 * The tag carried instead of the real ones by an answer whose tags do not fit (a large site's sitemap or
 * lists: hundreds of facts). Every purge the gateway sends to the CDN also purges it (ResponseCacheService), so such an
 * answer is purged at the edge on every change — a handful of objects per site, refetched from the
 * gateway's own cache — and can never outlive a change it depends on.
 */
export const OVERSIZE_TAG = 'edge:oversize';

/** The tags an answer carries at the edge: its own, or (past the budget) its site tags and OVERSIZE_TAG. */
export function fitEdgeTags(tags: readonly string[]): readonly string[] {
  let bytes = 0;
  for (const t of tags) bytes += t.length + 1;
  if (bytes <= EDGE_TAG_HEADER_BYTES) return tags;
  return [...tags.filter((t) => t.startsWith('site:')), OVERSIZE_TAG];
}

/**
 * The edge tag of one gateway cache entry, from its cache key: every CDN object made from that entry (any URL
 * spelling, any encoding), and every website page built from it, carries it whatever the entry's content
 * tags. When the rebuild of a soft-purged entry lands, the gateway purges exactly these objects
 * (ResponseCacheService), not the wide tags that were soft-purged. Short (16 characters of a SHA-1), so it
 * always fits the budget.
 */
export function entryEdgeTag(key: string): string {
  return `entry:${createHash('sha1').update(key).digest('base64url').slice(0, 16)}`;
}

/**
 * The tag headers of a cacheable answer (a gateway answer, or a website page built from several):
 * `Surrogate-Key` (space separated; Fastly, and Varnish's xkey through deploy/varnish/default.vcl) and
 * `Cache-Tag` (comma separated; Cloudflare). CDNs strip both before answering visitors; the shipped VCL does
 * too. `key`: a gateway entry's cache key (its own edge tag).
 */
export function edgeTagHeaders(tags: readonly string[], key?: string): { 'surrogate-key': string; 'cache-tag': string } {
  const fitted = key === undefined ? fitEdgeTags(tags) : [...fitEdgeTags(tags), entryEdgeTag(key)];
  return { 'surrogate-key': fitted.join(' '), 'cache-tag': fitted.join(',') };
}

/**
 * What a shared cache may do with a cached answer or page: keep it `softSeconds`, then serve it stale (while
 * refetching, or while the origin is down) up to `hardSeconds`. Browsers revalidate every use (max-age=0):
 * freshness comes from purges by tag, which reach shared caches but not browsers.
 */
export function cdnCacheControl(softSeconds: number, hardSeconds: number): string {
  return `public, max-age=0, s-maxage=${softSeconds}, stale-while-revalidate=${hardSeconds - softSeconds}, stale-if-error=${hardSeconds}`;
}

/**
 * The same for an answer or page served STALE (soft-purged or past its soft TTL, its rebuild under way).
 * `s-maxage=0`: a shared cache may keep it but never as fresh, so it asks again on its next request and
 * takes the rebuilt answer as soon as the origin has it. Varnish (the shipped VCL) stores it with TTL 0 and
 * grace, Fastly with TTL 0, Cloudflare revalidates it on every request. No `stale-while-revalidate`: a copy
 * that is already stale is not one to keep serving for minutes; only `stale-if-error`, so that the copy
 * still stands in while the origin is down.
 */
export function cdnStaleCacheControl(hardSeconds: number): string {
  return `public, max-age=0, s-maxage=0, stale-if-error=${hardSeconds}`;
}
