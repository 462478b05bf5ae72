/** An IndexNow key as the protocol allows it: 8–128 letters, digits or dashes. */
export const INDEXNOW_KEY = /^[A-Za-z0-9-]{8,128}$/;

const SITE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * `INDEXNOW_KEYS=<site-slug>=<key>,…`, read alike by the gateway (which submits) and the website (which serves
 * `/<key>.txt`): the sites that opted in, each with its key. Throws naming the site, never the key.
 */
export function parseIndexNowKeys(value: string | undefined): Map<string, string> {
  const keys = new Map<string, string>();
  for (const item of (value ?? '').split(',').map((x) => x.trim())) {
    if (!item) continue;
    const [site, key, ...rest] = item.split('=').map((x) => x.trim());
    if (!site || !key || rest.length || !SITE_SLUG.test(site) || !INDEXNOW_KEY.test(key)) {
      throw new Error(`INDEXNOW_KEYS items must be <site-slug>=<key of 8–128 letters, digits or dashes> (the item for ${SITE_SLUG.test(site ?? '') ? site : 'a site'})`);
    }
    keys.set(site, key);
  }
  return keys;
}
