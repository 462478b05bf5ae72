/** The dev values of `.env.example`, which `npm start` and the tests share. */
export const DEV = {
  siteKeys: { lakeshore: 'dev-lakeshore-key', northshore: 'dev-northshore-key' },
  /** Server keys (SITE_SERVER_KEYS): held by a site's own servers, which may name the visitor they serve. */
  serverKeys: { lakeshore: 'dev-lakeshore-server-key', northshore: 'dev-northshore-server-key' },
  siteServerKeys: 'dev-lakeshore-server-key:lakeshore-spine,dev-northshore-server-key:northshore-spine-partners',
  webPurgeSecret: 'dev-web-purge-secret',
  strapiToken: 'dev-gateway-read-token-0123456789abcdef0123456789abcdef',
  webhookSecret: 'dev-webhook-secret',
  previewSecret: 'dev-preview-secret',
  admin: { email: 'admin@clinic.test', password: 'Admin-password-1' },
  editor: { email: 'editor@clinic.test', password: 'Editor-password-1' },
} as const;

/** The environment a test Strapi boots with (in-process or as a child process). */
export function strapiTestEnv(o: { port: number; dbFile: string; gatewayUrl: string }): Record<string, string> {
  return {
    HOST: '127.0.0.1',
    PORT: String(o.port),
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: o.dbFile,
    GATEWAY_URL: o.gatewayUrl,
    GATEWAY_PUBLIC_URL: o.gatewayUrl,
    STRAPI_TOKEN: DEV.strapiToken,
    WEBHOOK_SECRET: DEV.webhookSecret,
    PREVIEW_SECRET: DEV.previewSecret,
    CMS_ADMIN_EMAIL: DEV.admin.email,
    CMS_ADMIN_PASSWORD: DEV.admin.password,
    CMS_EDITOR_EMAIL: DEV.editor.email,
    CMS_EDITOR_PASSWORD: DEV.editor.password,
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'false',
  };
}

/** The environment a test gateway runs with (in-process or as a child process). */
export function gatewayTestEnv(o: { port: number; strapiUrl: string }): Record<string, string> {
  return {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(o.port),
    STRAPI_URL: o.strapiUrl,
    STRAPI_TOKEN: DEV.strapiToken,
    WEBHOOK_SECRET: DEV.webhookSecret,
    PREVIEW_SECRET: DEV.previewSecret,
    SITE_KEYS: `${DEV.siteKeys.lakeshore}:lakeshore-spine,${DEV.siteKeys.northshore}:northshore-spine-partners`,
    SITE_SERVER_KEYS: DEV.siteServerKeys,
    RECONCILE_INTERVAL_SECONDS: '0',
  };
}
