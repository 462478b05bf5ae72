/**
 * A media URL with the file's version: Strapi keeps a file's URL when an editor replaces the file, so
 * without it a replaced share image would be the same page text, and every cache of the image itself
 * (the CDN, social networks' crawlers, browsers) would keep the old bytes. The static file server ignores
 * the query.
 */
export function versionedMediaUrl(url: string, updatedAt: string | null | undefined): string {
  const t = updatedAt ? Date.parse(updatedAt) : NaN;
  if (!Number.isFinite(t)) return url;
  return `${url}${url.includes('?') ? '&' : '?'}v=${t.toString(36)}`;
}
