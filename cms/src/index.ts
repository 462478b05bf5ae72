import type { Core } from '@strapi/strapi';
import { registerSlugGuard } from './document-middlewares/slug-guard';
import { registerSlugRedirects } from './document-middlewares/slug-redirects';
import { registerSlugSync } from './document-middlewares/slug-sync';
import { registerOpeningHoursGuard } from './document-middlewares/opening-hours-guard';
import { registerRedirectGuard } from './document-middlewares/redirect-guard';
import { registerOrganizationGuard } from './document-middlewares/organization-guard';
import { checkSecrets } from './bootstrap/secrets';
import { ensureLocales } from './bootstrap/locales';
import { configureContentManager } from './bootstrap/content-manager';
import { ensureGatewayApiToken } from './bootstrap/api-token';
import { ensureGatewayWebhook } from './bootstrap/webhook';
import { ensureAdminUsers } from './bootstrap/admin-users';
import { ensureEditorPermissions } from './bootstrap/editor-permissions';
import { seedContent } from './bootstrap/seed';

export default {
  /** Runs before the database is ready: secrets check and document-service middlewares
   * (slug format guard, opening-hours guard, editors' redirect checks, slug redirects on publish, one slug for all locales). */
  register({ strapi }: { strapi: Core.Strapi }) {
    checkSecrets(strapi);
    registerSlugGuard(strapi);
    registerOpeningHoursGuard(strapi);
    registerRedirectGuard(strapi);
    registerOrganizationGuard(strapi);
    // Order matters: redirects wraps slug-sync, so it sees the slug after every locale was aligned.
    registerSlugRedirects(strapi);
    registerSlugSync(strapi);
  },

  /** Idempotent provisioning, in order. Each step creates what is missing and leaves the rest alone. */
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const started = Date.now();
    await ensureLocales(strapi);
    await configureContentManager(strapi);
    await ensureGatewayApiToken(strapi);
    await ensureAdminUsers(strapi);
    await ensureEditorPermissions(strapi);
    await seedContent(strapi);
    // After the seed: a first boot's hundreds of seed events would reach a gateway that has nothing cached.
    await ensureGatewayWebhook(strapi);
    strapi.log.info(`[cms] bootstrap done in ${Date.now() - started} ms`);
  },
};
