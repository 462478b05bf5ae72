import { currentSite } from './content';
import { gatewayOptions } from './gateway-client';

/**
 * `/sitemap.xml` and `/robots.txt` of the site's own host, proxied from the gateway's
 * `/sites/<site>/sitemap.xml|robots.txt` (a sitemap may only list URLs of the host it is served from).
 * Validators and caching headers pass through, so a CDN and crawlers get 304s.
 */
export async function proxyGatewayFile(request: Request, file: 'sitemap.xml' | 'robots.txt'): Promise<Response> {
  const site = await currentSite();
  const { gatewayUrl, timeoutMs } = gatewayOptions();
  const ifNoneMatch = request.headers.get('if-none-match');
  let upstream: Response;
  try {
    upstream = await fetch(`${gatewayUrl}/sites/${encodeURIComponent(site.slug)}/${file}`, {
      // Uncompressed from the gateway, so its ETag names these bytes; Next compresses for the client.
      headers: { 'accept-encoding': 'identity', ...(ifNoneMatch ? { 'if-none-match': ifNoneMatch } : {}) },
      cache: 'no-store',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch {
    return new Response('Service unavailable\n', { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '5' } });
  }
  const headers = new Headers();
  for (const name of ['content-type', 'cache-control', 'etag', 'last-modified']) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  if (upstream.status === 304) return new Response(null, { status: 304, headers });
  return new Response(upstream.ok ? await upstream.arrayBuffer() : 'Not found\n', { status: upstream.ok ? 200 : upstream.status, headers });
}
