import { DEV_DEFAULTS } from '@clinic/shared';

/** The dev values of `.env.example` (shared/src/dev-defaults.ts), which `npm start`, the tests and the bench share. */
export const DEV = DEV_DEFAULTS;

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
    SITE_KEYS: DEV.siteKeysSetting,
    SITE_SERVER_KEYS: DEV.siteServerKeys,
    RECONCILE_INTERVAL_SECONDS: '0',
  };
}
