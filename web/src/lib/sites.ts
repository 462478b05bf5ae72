/**
 * Which site a request is for. One deployment serves several clinic sites: `SITES` maps host names to a
 * site slug and that site's gateway key,
 *   SITES=www.lakeshorespine.com=lakeshore-spine:<key>,www.northshorespine.com=northshore-spine-partners:<key>
 * The first entry (or the one whose slug is `DEFAULT_SITE`) answers hosts not listed (e.g. localhost).
 * Keys stay on the server: they are only ever sent to the gateway, never rendered.
 */
export interface SiteConfig {
  host: string;
  slug: string;
  key: string;
}

export class SitesConfigError extends Error {
  readonly code = 'SITES_CONFIG_INVALID';
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const HOST = /^[a-z0-9.-]+$/;

export function parseSites(value: string | undefined): SiteConfig[] {
  const entries = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!entries.length) throw new SitesConfigError('SITES is empty: set SITES=<host>=<site-slug>:<site-key>[,…]');
  const sites = entries.map((entry) => {
    const eq = entry.indexOf('=');
    const colon = entry.indexOf(':', eq);
    const host = entry.slice(0, eq).trim().toLowerCase();
    const slug = entry.slice(eq + 1, colon).trim();
    const key = entry.slice(colon + 1).trim();
    // The message names the host only: the entry holds a key.
    if (eq < 1 || colon < 0 || !HOST.test(host) || !SLUG.test(slug) || !key) {
      throw new SitesConfigError(`SITES entry for "${host || '?'}" must look like <host>=<site-slug>:<site-key>`);
    }
    return { host, slug, key };
  });
  const hosts = new Set(sites.map((s) => s.host));
  if (hosts.size !== sites.length) throw new SitesConfigError('SITES names a host twice');
  return sites;
}

/** Host name of a Host header, lower-case, without port. */
export function hostName(hostHeader: string | null | undefined): string {
  const h = (hostHeader ?? '').trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.indexOf(':');
  return colon < 0 ? h : h.slice(0, colon);
}

export function siteForHost(sites: SiteConfig[], hostHeader: string | null | undefined, defaultSlug?: string): SiteConfig {
  const host = hostName(hostHeader);
  return (
    sites.find((s) => s.host === host) ??
    (defaultSlug ? sites.find((s) => s.slug === defaultSlug) : undefined) ??
    sites[0]
  );
}

export function siteBySlug(sites: SiteConfig[], slug: string): SiteConfig | undefined {
  return sites.find((s) => s.slug === slug);
}

let cached: SiteConfig[] | undefined;
/** The sites of this process's environment (parsed once). */
export function configuredSites(): SiteConfig[] {
  cached ??= parseSites(process.env.SITES);
  return cached;
}
