import { NextResponse, type NextRequest } from 'next/server';
import { RedirectQuery } from './graphql/documents';
import { execute } from './lib/gateway-client';
import { strings } from './lib/i18n';
import { configuredSites, siteForHost } from './lib/sites';

/**
 * Runs before every page:
 * - passes the page's language on (x-page-locale) for <html lang>;
 * - preview pages: `private, no-store` and `noindex` on the response, whatever the page does;
 * - public pages: the gateway's `redirect(path)` (a cached GET) answers the site's redirects and old slugs, one
 *   hop to the end of any chain: 301 or 302 to where the page is, or 410 Gone. The front server (src/server)
 *   keeps the answer, redirect, 410 or page, and sets its Cache-Control.
 */
const cmsOrigin = () => (process.env.CMS_PUBLIC_URL || 'http://localhost:1337').replace(/\/+$/, '');

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const headers = new Headers(request.headers);

  if (pathname === '/preview' || pathname.startsWith('/preview/')) {
    const rest = pathname.split('/').slice(3);
    headers.set('x-page-locale', rest[0] === 'es' ? 'es' : 'en');
    const res = NextResponse.next({ request: { headers } });
    res.headers.set('cache-control', 'private, no-store');
    res.headers.set('x-robots-tag', 'noindex, nofollow');
    res.headers.set('referrer-policy', 'no-referrer');
    // Strapi shows the preview in a frame of its admin panel: only it (and this site) may frame it.
    res.headers.set('content-security-policy', `frame-ancestors 'self' ${cmsOrigin()}`);
    return res;
  }

  headers.set('x-page-locale', pathname === '/es' || pathname.startsWith('/es/') ? 'es' : 'en');
  // The home page cannot be redirected (the CMS refuses it): no lookup for it.
  if (pathname !== '/' && pathname !== '/es') {
    const site = siteForHost(configuredSites(), request.headers.get('host'), process.env.DEFAULT_SITE);
    // Found: the answer is the redirect's. Not found: the lookup's facts are the page's only if it is a 404 (a
    // redirect added for it must purge it); a page that exists is not purged by every change to the site's redirects.
    const found = await execute(site, RedirectQuery, { path: pathname }, { isFact: (d) => (d.redirect ? true : 'ifNotFound') }).then(
      (d) => d.redirect,
      () => null, // the gateway being down must not stop the page from trying (and failing visibly) itself
    );
    if (found?.statusCode === 410) {
      const t = strings(pathname.startsWith('/es/') ? 'es' : 'en');
      const body = `<!doctype html><html lang="${pathname.startsWith('/es/') ? 'es' : 'en'}"><meta charset="utf-8"><meta name="robots" content="noindex"><title>${t.gone}</title><h1>${t.gone}</h1><p>${t.goneText}</p><p><a href="/">${t.home}</a></p></html>`;
      return new NextResponse(body, { status: 410, headers: { 'content-type': 'text/html; charset=utf-8', 'x-robots-tag': 'noindex' } });
    }
    if (found?.to && found.to !== pathname) {
      const url = request.nextUrl.clone();
      url.pathname = found.to;
      return NextResponse.redirect(url, found.statusCode === 302 || found.statusCode === 307 || found.statusCode === 308 ? found.statusCode : 301);
    }
  }
  return NextResponse.next({ request: { headers } });
}

export const config = {
  // Not for Next's assets, the icon, sitemap.xml or robots.txt.
  matcher: ['/((?!_next/|icon\\.svg|favicon\\.ico|sitemap\\.xml|robots\\.txt).*)'],
};
