import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { CONTENT_TYPES } from '@clinic/shared';
import { ALL_LOCALES, SCHEDULE_UID, type ScheduleStatus } from '../utils/constants';
import { parseScheduleInput, type ScheduleRules } from '../utils/schedule-input.util';

/** The fields the admin sees of a schedule (claim bookkeeping stays on the server). */
const PUBLIC_FIELDS = ['id', 'targetUid', 'targetDocumentId', 'targetLocale', 'action', 'runAt', 'status', 'error', 'attempts', 'finishedAt', 'requestedBy', 'createdAt'];

export interface ScheduleView {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  targetLocale: string | null;
  action: 'publish' | 'unpublish';
  runAt: string;
  status: ScheduleStatus;
  error: string | null;
  attempts: number;
  finishedAt: string | null;
  requestedBy: string | null;
  createdAt: string;
  /** The document's title, name or city (what the editor knows it by), or null once it is gone. */
  targetLabel?: string | null;
}

const LABEL_FIELDS = ['title', 'name', 'city', 'slug'];
const PUBLISH = 'plugin::content-manager.explorer.publish';

/** The site's draft-and-publish types, the only ones a schedule may name. */
export function schedulableTypes(strapi: Core.Strapi): ScheduleRules['types'] {
  const types: ScheduleRules['types'] = new Map();
  for (const { uid } of Object.values(CONTENT_TYPES)) {
    const model = strapi.contentTypes[uid as keyof typeof strapi.contentTypes] as any;
    if (model?.options?.draftAndPublish) types.set(uid, { localized: Boolean(model.pluginOptions?.i18n?.localized) });
  }
  return types;
}

/** Adding, listing and cancelling schedules; the runner (schedule-runner.service.ts) carries them out. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const rows = () => strapi.db.query(SCHEDULE_UID as any);

  async function labelOf(row: ScheduleView): Promise<string | null> {
    const model = strapi.contentTypes[row.targetUid as keyof typeof strapi.contentTypes] as any;
    const field = LABEL_FIELDS.find((name) => model?.attributes?.[name]);
    if (!field) return null;
    const where: Record<string, unknown> = { documentId: row.targetDocumentId };
    if (row.targetLocale && row.targetLocale !== ALL_LOCALES) where.locale = row.targetLocale;
    const doc = await strapi.db.query(row.targetUid as any).findOne({ where, select: [field] });
    return doc?.[field] ?? null;
  }

  return {
    /**
     * Checks and stores a schedule. With the editor's `ability`, each targeted locale version must be
     * one they may publish (locale-restricted roles, "is creator" conditions: as the Publish button).
     */
    async create(body: unknown, requestedBy: string | null, ability?: any): Promise<ScheduleView> {
      const locales: string[] = (await strapi.plugin('i18n').service('locales').find()).map((l: any) => l.code);
      const parsed = parseScheduleInput(body, { types: schedulableTypes(strapi), locales, now: new Date() });
      if ('errors' in parsed) throw new errors.ValidationError(parsed.errors.join('; '), { errors: parsed.errors });
      const { uid, documentId, locale, action, runAt } = parsed.value;

      const where: Record<string, unknown> = { documentId };
      if (locale && locale !== ALL_LOCALES) where.locale = locale;
      const versions = await strapi.db.query(uid as any).findMany({ where, populate: { createdBy: { select: ['id'] } } });
      if (versions.length === 0) {
        throw new errors.NotFoundError(`No ${uid} document ${documentId}${locale && locale !== ALL_LOCALES ? ` in locale ${locale}` : ''}`);
      }
      if (ability) {
        const manager = strapi.service('admin::permission').createPermissionsManager({ ability, model: uid });
        const denied = versions.find((version: any) => !ability.can(PUBLISH, manager.toSubject(version, uid)));
        if (denied) throw new errors.ForbiddenError(`You may not publish this document${denied.locale ? ` in locale ${denied.locale}` : ''}`);
      }

      const created = await rows().create({
        data: { targetUid: uid, targetDocumentId: documentId, targetLocale: locale, action, runAt, status: 'pending', attempts: 0, requestedBy },
        select: PUBLIC_FIELDS,
      });
      strapi.log.info(`[publish-schedule] ${action} of ${uid} ${documentId}${locale ? ` (${locale})` : ''} scheduled for ${runAt.toISOString()}`);
      return created as ScheduleView;
    },

    /** One document's schedules (newest first), or every schedule in some statuses (e.g. the failures). */
    async list(filter: { uid?: string; documentId?: string; statuses?: string[] }): Promise<ScheduleView[]> {
      const where: Record<string, unknown> = {};
      if (filter.uid) where.targetUid = filter.uid;
      if (filter.documentId) where.targetDocumentId = filter.documentId;
      if (filter.statuses?.length) where.status = { $in: filter.statuses };
      const found = (await rows().findMany({ where, select: PUBLIC_FIELDS, orderBy: [{ runAt: 'desc' }, { id: 'desc' }], limit: 100 })) as ScheduleView[];
      return Promise.all(found.map(async (row) => ({ ...row, targetLabel: await labelOf(row) })));
    },

    async findOne(id: number): Promise<ScheduleView | null> {
      return (await rows().findOne({ where: { id }, select: PUBLIC_FIELDS })) as ScheduleView | null;
    },

    /**
     * Removes a pending schedule (cancel) or a failed one (dismiss). A running or done one stays: it is
     * history, and a running one may be committing right now.
     */
    async remove(id: number): Promise<void> {
      const { count } = await rows().deleteMany({ where: { id, status: { $in: ['pending', 'failed'] } } });
      if (count === 0) {
        const row = await rows().findOne({ where: { id }, select: ['status'] });
        if (!row) throw new errors.NotFoundError(`No schedule ${id}`);
        throw new errors.ApplicationError(`Schedule ${id} is ${row.status} and can no longer be cancelled`);
      }
    },
  };
};
