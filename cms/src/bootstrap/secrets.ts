import type { Core } from '@strapi/strapi';
import { assertSecrets, DEV_SECRETS, isProduction, SECRET_NAMES } from '../utils/secrets';

/**
 * Reads every secret once (a production boot fails here naming the variable, if config/ did not
 * already fail) and, in development, names the secrets that still use their public dev default.
 */
export function checkSecrets(strapi: Core.Strapi): void {
  assertSecrets();
  if (isProduction()) return;
  const defaulted = SECRET_NAMES.filter((name) => !process.env[name]?.trim() || process.env[name]?.trim() === DEV_SECRETS[name]);
  if (defaulted.length > 0) {
    strapi.log.info(`[cms] using public dev defaults for: ${defaulted.join(', ')} (refused when NODE_ENV=production)`);
  }
}
