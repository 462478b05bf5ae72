import type { Core } from '@strapi/strapi';
import { isProduction } from '../utils/secrets';

const SUPER_ADMIN = 'strapi-super-admin';
const EDITOR = 'strapi-editor';

async function ensureUser(
  strapi: Core.Strapi,
  { email, password, firstname, lastname, roleCode }: { email: string; password: string; firstname: string; lastname: string; roleCode: string },
): Promise<void> {
  const normalized = email.trim().toLowerCase();
  const existing = await strapi.db.query('admin::user').findOne({ where: { email: normalized }, select: ['id'] });
  if (existing) return;
  const role = await strapi.db.query('admin::role').findOne({ where: { code: roleCode }, select: ['id'] });
  if (!role) throw new Error(`Admin role ${roleCode} is missing`);
  await strapi.service('admin::user').create({
    email: normalized,
    password,
    firstname,
    lastname,
    isActive: true,
    registrationToken: null,
    roles: [role.id],
  });
  strapi.log.info(`[cms] admin account ${normalized} created (${roleCode})`);
}

/**
 * Development convenience: creates a super admin (CMS_ADMIN_EMAIL / CMS_ADMIN_PASSWORD) and an
 * editor (CMS_EDITOR_EMAIL / CMS_EDITOR_PASSWORD) when missing. Never runs in production and
 * never changes an existing account (or its password).
 */
export async function ensureAdminUsers(strapi: Core.Strapi): Promise<void> {
  if (isProduction()) return;
  const { CMS_ADMIN_EMAIL, CMS_ADMIN_PASSWORD, CMS_EDITOR_EMAIL, CMS_EDITOR_PASSWORD } = process.env;
  if (!CMS_ADMIN_EMAIL || !CMS_ADMIN_PASSWORD) return;

  await strapi.service('admin::role').createRolesIfNoneExist();
  await ensureUser(strapi, { email: CMS_ADMIN_EMAIL, password: CMS_ADMIN_PASSWORD, firstname: 'Site', lastname: 'Admin', roleCode: SUPER_ADMIN });
  if (CMS_EDITOR_EMAIL && CMS_EDITOR_PASSWORD) {
    await ensureUser(strapi, { email: CMS_EDITOR_EMAIL, password: CMS_EDITOR_PASSWORD, firstname: 'Content', lastname: 'Editor', roleCode: EDITOR });
  }
}
