import { DEV_SITE_KEY_VALUES } from '@clinic/shared';

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
  /** The site's server credential (SITE_SERVER_KEYS): lets the gateway budget each visitor, never sent to browsers. */
  serverKey?: string;
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
  return sites.find((s) => s.host === host) ?? (defaultSlug ? sites.find((s) => s.slug === defaultSlug) : undefined) ?? sites[0];
}

export function siteBySlug(sites: SiteConfig[], slug: string): SiteConfig | undefined {
  return sites.find((s) => s.slug === slug);
}

/**
 * `SITE_SERVER_KEYS=<secret>:<site-slug>,…`, the gateway's setting of the same name: the first secret of each
 * site is the one this site sends.
 */
export function parseServerKeys(value: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  for (const entry of (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = entry.lastIndexOf(':');
    const slug = entry.slice(colon + 1).trim();
    const secret = entry.slice(0, colon).trim();
    if (colon < 1 || !SLUG.test(slug) || !secret) throw new SitesConfigError('SITE_SERVER_KEYS entries must look like <secret>:<site-slug>');
    if (!keys.has(slug)) keys.set(slug, secret);
  }
  return keys;
}

/** The keys `.env.example` ships: fine on a laptop, refused in production. */
const DEV_KEYS = new Set(DEV_SITE_KEY_VALUES);

/** SITES as production may use it: parsed, and no dev key (throws SitesConfigError naming the host). */
export function checkSites(value: string | undefined, production: boolean, serverKeys = process.env.SITE_SERVER_KEYS): SiteConfig[] {
  const keys = parseServerKeys(serverKeys);
  const sites = parseSites(value).map((s) => ({ ...s, serverKey: keys.get(s.slug) }));
  const dev = production ? sites.find((s) => DEV_KEYS.has(s.key) || (s.serverKey && DEV_KEYS.has(s.serverKey))) : undefined;
  if (dev) throw new SitesConfigError(`SITES entry for "${dev.host}" uses a development key; set the site's real key in production`);
  return sites;
}

let cached: SiteConfig[] | undefined;
/** The sites of this process's environment (parsed once). */
export function configuredSites(): SiteConfig[] {
  if (!cached) {
    const serverKeys = parseServerKeys(process.env.SITE_SERVER_KEYS);
    cached = parseSites(process.env.SITES).map((s) => ({ ...s, serverKey: serverKeys.get(s.slug) }));
  }
  return cached;
}
