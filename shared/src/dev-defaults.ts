/**
 * The public dev values of `.env.example`: what `npm start`, the tests, the bench and Lighthouse run with on a
 * fresh clone. They are published in this repository, so every app refuses each of them in production (the
 * gateway's config schema, the CMS's `secret()`, the website's `checkSites` and `loadWebConfig`); keeping them
 * in one module keeps those refusals and the tests' values from drifting apart.
 */
export const DEV_DEFAULTS = {
  /** The seeded sites' slugs. */
  sites: { lakeshore: 'lakeshore-spine', northshore: 'northshore-spine-partners' },
  /** Public site keys (SITE_KEYS), one per seeded site. */
  siteKeys: { lakeshore: 'dev-lakeshore-key', northshore: 'dev-northshore-key' },
  /** Server keys (SITE_SERVER_KEYS): held by a site's own servers, which may name the visitor they serve. */
  serverKeys: { lakeshore: 'dev-lakeshore-server-key', northshore: 'dev-northshore-server-key' },
  /** SITE_KEYS as the gateway reads it (`<key>:<site-slug>,…`). */
  siteKeysSetting: 'dev-lakeshore-key:lakeshore-spine,dev-northshore-key:northshore-spine-partners',
  /** SITE_SERVER_KEYS as the gateway and the website read it (`<secret>:<site-slug>,…`). */
  siteServerKeys: 'dev-lakeshore-server-key:lakeshore-spine,dev-northshore-server-key:northshore-spine-partners',
  webPurgeSecret: 'dev-web-purge-secret',
  strapiToken: 'dev-gateway-read-token-0123456789abcdef0123456789abcdef',
  webhookSecret: 'dev-webhook-secret',
  previewSecret: 'dev-preview-secret',
  /** Strapi's own secrets (APP_KEYS, ADMIN_JWT_SECRET, API_TOKEN_SALT, TRANSFER_TOKEN_SALT, ENCRYPTION_KEY). */
  cms: {
    appKeys: 'devAppKey1,devAppKey2',
    adminJwtSecret: 'dev-admin-jwt-secret',
    apiTokenSalt: 'dev-api-token-salt',
    transferTokenSalt: 'dev-transfer-token-salt',
    encryptionKey: 'dev-encryption-key-0123456789abcdef',
  },
  /** The dev admin and editor accounts the CMS provisions outside production. */
  admin: { email: 'admin@clinic.test', password: 'Admin-password-1' },
  editor: { email: 'editor@clinic.test', password: 'Editor-password-1' },
} as const;

/** Every dev site and server key: a site configured with one of them is refused in production. */
export const DEV_SITE_KEY_VALUES: readonly string[] = [...Object.values(DEV_DEFAULTS.siteKeys), ...Object.values(DEV_DEFAULTS.serverKeys)];
