import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, REDIRECT_CONTENT_TYPE } from '@clinic/shared';

const EDITOR = 'strapi-editor';
const ACTIONS = ['create', 'read', 'update', 'delete', 'publish'].map((a) => `plugin::content-manager.explorer.${a}`);
const SUBJECTS = [...Object.values(CONTENT_TYPES).map((type) => type.uid as string), REDIRECT_CONTENT_TYPE.uid];
/**
 * Local plugins' own actions (no subject): editors schedule what they may publish (publish-schedule), see the
 * SEO panel of what they may read (seo-workbench) and import redirects (redirects).
 */
const PLUGIN_ACTIONS = ['plugin::publish-schedule.read', 'plugin::publish-schedule.manage', 'plugin::seo-workbench.read', 'plugin::redirects.import'];

/**
 * Strapi only grants the built-in Editor role permissions for the content types that exist when
 * the roles are first created. This adds, idempotently, create/read/update/delete/publish on all
 * platform types (redirects included) for every field and every locale, and the local plugins' actions above,
 * without touching other permissions.
 */
export async function ensureEditorPermissions(strapi: Core.Strapi): Promise<void> {
  const role = await strapi.db.query('admin::role').findOne({ where: { code: EDITOR }, select: ['id'] });
  if (!role) return;

  const { actionProvider } = strapi.service('admin::permission');
  const actions = actionProvider
    .values()
    .filter((action: any) => ACTIONS.includes(action.actionId))
    .map((action: any) => ({ ...action, subjects: (action.subjects ?? []).filter((s: string) => SUBJECTS.includes(s)) }));
  const wanted: any[] = strapi.service('admin::content-type').getPermissionsWithNestedFields(actions);

  const allLocales: string[] = (await strapi.plugin('i18n').service('locales').find()).map((l: any) => l.code);
  const isLocalized = (uid: string) => Boolean((strapi.contentTypes[uid as any] as any)?.pluginOptions?.i18n?.localized);

  const existing: any[] = await strapi.db.query('admin::permission').findMany({
    where: { role: { id: role.id }, subject: { $in: SUBJECTS }, action: { $in: ACTIONS } },
  });

  const toAdd: any[] = [];
  let updated = 0;
  for (const permission of wanted) {
    const localized = isLocalized(permission.subject);
    const properties = { ...permission.properties, ...(localized ? { locales: allLocales } : {}) };
    if (properties.fields === undefined) delete properties.fields;
    const current = existing.find((p) => p.action === permission.action && p.subject === permission.subject);
    if (!current) {
      toAdd.push({ action: permission.action, subject: permission.subject, properties, conditions: [] });
      continue;
    }
    const next = { ...(current.properties ?? {}) };
    let changed = false;
    if (Array.isArray(properties.fields)) {
      const have = new Set<string>(next.fields ?? []);
      const missing = properties.fields.filter((f: string) => !have.has(f));
      if (missing.length > 0) {
        next.fields = [...(next.fields ?? []), ...missing];
        changed = true;
      }
    }
    if (localized && next.locales !== null) {
      const have = new Set<string>(next.locales ?? []);
      const missing = allLocales.filter((l) => !have.has(l));
      if (missing.length > 0) {
        next.locales = [...(next.locales ?? []), ...missing];
        changed = true;
      }
    }
    if (changed) {
      await strapi.db.query('admin::permission').update({ where: { id: current.id }, data: { properties: next } });
      updated += 1;
    }
  }
  const registered = new Set(actionProvider.values().map((action: any) => action.actionId));
  const held = await strapi.db.query('admin::permission').findMany({ where: { role: { id: role.id }, action: { $in: PLUGIN_ACTIONS } }, select: ['action'] });
  for (const action of PLUGIN_ACTIONS) {
    if (registered.has(action) && !held.some((p: any) => p.action === action)) toAdd.push({ action, subject: null, properties: {}, conditions: [] });
  }

  if (toAdd.length > 0) await strapi.service('admin::role').addPermissions(role.id, toAdd);
  if (toAdd.length || updated) strapi.log.info(`[cms] Editor role: ${toAdd.length} permission(s) added, ${updated} extended`);
}
