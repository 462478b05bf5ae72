import { DEV_DEFAULTS } from '@clinic/shared';

/**
 * The one place the CMS reads secrets from the environment.
 *
 * Outside production a missing secret falls back to a fixed, public dev default (the same values
 * as the root `.env.example`), so `npm start` works on a fresh clone. With NODE_ENV=production a
 * missing secret, or one still equal to its dev default, stops the boot with an error naming the
 * variable. Secret values are never logged.
 */
export const DEV_SECRETS = {
  APP_KEYS: DEV_DEFAULTS.cms.appKeys,
  ADMIN_JWT_SECRET: DEV_DEFAULTS.cms.adminJwtSecret,
  API_TOKEN_SALT: DEV_DEFAULTS.cms.apiTokenSalt,
  TRANSFER_TOKEN_SALT: DEV_DEFAULTS.cms.transferTokenSalt,
  ENCRYPTION_KEY: DEV_DEFAULTS.cms.encryptionKey,
  STRAPI_TOKEN: DEV_DEFAULTS.strapiToken,
  WEBHOOK_SECRET: DEV_DEFAULTS.webhookSecret,
  PREVIEW_SECRET: DEV_DEFAULTS.previewSecret,
} as const;

export type SecretName = keyof typeof DEV_SECRETS;
export const SECRET_NAMES = Object.keys(DEV_SECRETS) as SecretName[];

export const isProduction = (env: NodeJS.ProcessEnv = process.env): boolean => env.NODE_ENV === 'production';

/** Reads secret `name`; see the module comment for the production rules. */
export function secret(name: SecretName, devDefault: string = DEV_SECRETS[name], env: NodeJS.ProcessEnv = process.env): string {
  const raw = env[name];
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (isProduction(env)) {
    if (!value) {
      throw new Error(`Missing required secret ${name} (set it in the environment; dev defaults are refused in production)`);
    }
    if (value === devDefault) {
      throw new Error(`Secret ${name} still has its public dev default (set a real value; dev defaults are refused in production)`);
    }
    return value;
  }
  return value || devDefault;
}

/** Reads every secret once, so a production boot fails early and names the first missing one. */
export function assertSecrets(env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_NAMES) secret(name, DEV_SECRETS[name], env);
}
