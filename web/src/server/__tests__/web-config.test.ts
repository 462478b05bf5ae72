import { DEV_WEB_PURGE_SECRET, loadWebConfig, WebConfigError } from '../web-config';

const SITES = 'a.example=site-a:key-a';

describe('loadWebConfig', () => {
  it('refuses a missing or dev purge secret in production, naming the variable only', () => {
    for (const secret of [undefined, DEV_WEB_PURGE_SECRET]) {
      expect(() => loadWebConfig({ NODE_ENV: 'production', SITES, WEB_PURGE_SECRET: secret })).toThrow(/WEB_PURGE_SECRET/);
    }
    const ok = loadWebConfig({ NODE_ENV: 'production', SITES, WEB_PURGE_SECRET: 's3cret-value' });
    expect([ok.purgeSecret, ok.host]).toEqual(['s3cret-value', '0.0.0.0']);
    // The site keys of .env.example are refused in production too (unless explicitly allowed).
    expect(() => loadWebConfig({ NODE_ENV: 'production', SITES: 'a.example=site-a:dev-lakeshore-key', WEB_PURGE_SECRET: 'x' })).toThrow(/development key/);
    // Outside production the dev default stands in.
    expect(loadWebConfig({ SITES }).purgeSecret).toBe(DEV_WEB_PURGE_SECRET);
  });

  it('reads TRUST_PROXY as false, a hop count or addresses, and refuses anything else', () => {
    expect(loadWebConfig({ SITES }).trustProxy).toBe(false);
    expect(loadWebConfig({ SITES, TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadWebConfig({ SITES, TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8']);
    expect(() => loadWebConfig({ SITES, TRUST_PROXY: 'varnish' })).toThrow(WebConfigError);
    expect(() => loadWebConfig({ SITES, PAGE_CACHE_TTL_SECONDS: '0' })).toThrow(/PAGE_CACHE_TTL_SECONDS/);
  });
});
