/** Draft preview: the editor's token, and the URL prefix that keeps links inside the preview. */
export interface PreviewContext {
  token: string;
  siteSlug: string;
  expiresAt?: string;
}

/** How a page links to another path of the site: as it is, or (in preview) inside the preview with the token. */
export type LinkTo = (path: string) => string;

export function linkTo(preview?: PreviewContext): LinkTo {
  if (!preview) return (path) => path;
  return (path) => `/preview/${preview.siteSlug}${path === '/' ? '' : path}?token=${encodeURIComponent(preview.token)}`;
}

/** The path of an absolute URL (an hreflang alternate), or the value itself when it is not one. */
export function pathOfUrl(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}
