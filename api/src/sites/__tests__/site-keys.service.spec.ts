import { loadAppConfig } from '../../config/app-config.schema.js';
import { SiteKeysService, parseSiteKeys } from '../services/site-keys.service.js';

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
