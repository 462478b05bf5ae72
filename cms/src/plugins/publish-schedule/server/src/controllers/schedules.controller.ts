import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PLUGIN } from '../utils/constants';

const PUBLISH = 'plugin::content-manager.explorer.publish';
const READ = 'plugin::content-manager.explorer.read';

/**
 * Admin API of the side panel and the widget. The route policies check the plugin's own permissions;
 * the content manager's rights decide too: scheduling needs the right to publish that document (each
 * targeted locale), cancelling the right to publish its type, reading schedules the right to read it.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const service = () => strapi.plugin(PLUGIN).service('schedules');
  const can = (ctx: any, action: string, uid: string): boolean => Boolean(ctx.state.userAbility?.can(action, uid));
  const who = (user: any): string | null => (user ? [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email || null : null);

  return {
    async find(ctx: any) {
      const { uid, documentId, status } = ctx.query ?? {};
      for (const [name, value] of Object.entries({ uid, documentId, status })) {
        if (value !== undefined && typeof value !== 'string') throw new errors.ValidationError(`${name} must be a single value`);
      }
      const statuses = status === undefined ? [] : status.split(',');
      if (statuses.some((s: string) => !['pending', 'running', 'done', 'failed'].includes(s))) {
        throw new errors.ValidationError('status must be one or more (comma separated) of pending, running, done, failed');
      }
      if (uid && !can(ctx, READ, uid)) throw new errors.ForbiddenError(`You may not read ${uid}`);
      const found = await service().list({ uid, documentId, statuses });
      ctx.body = { data: found.filter((row: any) => can(ctx, READ, row.targetUid)) };
    },

    async create(ctx: any) {
      const uid = ctx.request.body?.uid;
      if (typeof uid === 'string' && strapi.contentTypes[uid as keyof typeof strapi.contentTypes] && !can(ctx, PUBLISH, uid)) {
        throw new errors.ForbiddenError(`You may not publish ${uid}`);
      }
      ctx.status = 201;
      ctx.body = { data: await service().create(ctx.request.body, who(ctx.state.user), ctx.state.userAbility) };
    },

    async delete(ctx: any) {
      const id = Number(ctx.params.id);
      if (!Number.isInteger(id) || id <= 0) throw new errors.ValidationError('id must be a positive integer');
      const row = await service().findOne(id);
      if (!row) throw new errors.NotFoundError(`No schedule ${id}`);
      if (!can(ctx, PUBLISH, row.targetUid)) throw new errors.ForbiddenError(`You may not publish ${row.targetUid}`);
      await service().remove(id);
      ctx.body = { data: { id } };
    },
  };
};
