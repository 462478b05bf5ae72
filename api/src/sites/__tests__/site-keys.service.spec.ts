import { DEV_SECRETS, loadAppConfig } from '../../config/app-config.schema.js';
import { SiteKeysService, parseSiteKeys } from '../services/site-keys.service.js';
import { SiteServerKeysService } from '../services/site-server-keys.service.js';

describe('SiteKeysService', () => {
  const keys = new SiteKeysService(loadAppConfig({ SITE_KEYS: 'key-one-aaaa:alpha,key-two-bbbb:alpha,key-three-cc:beta' }));

  it('maps every key of a site (rotation) to that site', () => {
    expect(keys.siteFor('key-one-aaaa')).toBe('alpha');
    expect(keys.siteFor('key-two-bbbb')).toBe('alpha');
    expect(keys.siteFor('key-three-cc')).toBe('beta');
  });

  it('rejects unknown, empty, array and oversized keys', () => {
    expect(keys.siteFor('key-one-aaab')).toBeUndefined();
    expect(keys.siteFor('')).toBeUndefined();
    expect(keys.siteFor(undefined)).toBeUndefined();
    expect(keys.siteFor(['key-one-aaaa'])).toBeUndefined();
    expect(keys.siteFor('x'.repeat(1000))).toBeUndefined();
  });

  it('refuses malformed SITE_KEYS without echoing a key', () => {
    expect(() => parseSiteKeys('short:alpha')).toThrow(/SITE_KEYS/);
    expect(() => parseSiteKeys('a-long-secret-key:Not_A_Slug')).toThrow(/SITE_KEYS/);
    try {
      parseSiteKeys('a-long-secret-key:Not_A_Slug');
    } catch (e) {
      expect((e as Error).message).not.toContain('a-long-secret-key');
    }
  });
});

describe('config', () => {
  it('refuses dev secrets in production, naming the variable', () => {
    expect(() => loadAppConfig({ NODE_ENV: 'production' })).toThrow(/STRAPI_TOKEN/);
    expect(() =>
      loadAppConfig({ NODE_ENV: 'production', STRAPI_TOKEN: 't'.repeat(40), SITE_KEYS: 'k'.repeat(20) + ':a', PREVIEW_SECRET: 'p'.repeat(20), WEBHOOK_SECRET: 'dev-webhook-secret' }),
    ).toThrow(/WEBHOOK_SECRET/);
  });
});

describe('SITE_SERVER_KEYS', () => {
  const prodSecrets = { STRAPI_TOKEN: 't'.repeat(40), SITE_KEYS: 'k'.repeat(20) + ':a', PREVIEW_SECRET: 'p'.repeat(20), WEBHOOK_SECRET: 'w'.repeat(20) };

  it('defaults to the dev server keys outside production, and refuses them (or none) in production, naming the variable', () => {
    expect(loadAppConfig({}).SITE_SERVER_KEYS).toBe(DEV_SECRETS.SITE_SERVER_KEYS);
    expect(() => loadAppConfig({ NODE_ENV: 'production', ...prodSecrets })).toThrow(/SITE_SERVER_KEYS/);
    expect(() => loadAppConfig({ NODE_ENV: 'production', ...prodSecrets, SITE_SERVER_KEYS: DEV_SECRETS.SITE_SERVER_KEYS })).toThrow(/SITE_SERVER_KEYS/);
    expect(loadAppConfig({ NODE_ENV: 'production', ...prodSecrets, SITE_SERVER_KEYS: 's'.repeat(20) + ':a' }).SITE_SERVER_KEYS).toBe('s'.repeat(20) + ':a');
  });

  it('accepts a site’s server keys (rotation) for that site only', () => {
    const keys = new SiteServerKeysService(loadAppConfig({ SITE_SERVER_KEYS: 'server-one-aaaa:alpha,server-two-bbbb:alpha,server-three-c:beta' }));
    expect(keys.validFor('server-one-aaaa', 'alpha')).toBe(true);
    expect(keys.validFor('server-two-bbbb', 'alpha')).toBe(true);
    expect(keys.validFor('server-three-c', 'alpha')).toBe(false);
    expect(keys.validFor('server-three-c', 'beta')).toBe(true);
    expect(keys.validFor('server-one-aaaa', 'gamma')).toBe(false);
    expect(keys.validFor(undefined, 'alpha')).toBe(false);
    expect(keys.validFor(['server-one-aaaa'], 'alpha')).toBe(false);
  });

  it('refuses malformed SITE_SERVER_KEYS at boot, naming the variable and not the key', () => {
    expect(() => new SiteServerKeysService(loadAppConfig({ SITE_SERVER_KEYS: 'a-long-server-secret:Not_A_Slug' }))).toThrow(/SITE_SERVER_KEYS/);
    try {
      new SiteServerKeysService(loadAppConfig({ SITE_SERVER_KEYS: 'a-long-server-secret:Not_A_Slug' }));
    } catch (e) {
      expect((e as Error).message).not.toContain('a-long-server-secret');
    }
  });
});
