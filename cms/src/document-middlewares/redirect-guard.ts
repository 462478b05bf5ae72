import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkRedirectRule, loopThrough, REDIRECT_CONTENT_TYPE, type RedirectProblem } from '@clinic/shared';
import { announceRedirectTable, findSite, type SiteRef, siteRedirects } from '../utils/redirect-table';

const REDIRECT = REDIRECT_CONTENT_TYPE.uid;

type Ref = { id?: number; documentId?: string } | null | undefined;

/**
 * What a relation value in document-service data names: a document id, a row id, `{ id | documentId }`,
 * or the content manager's `{ connect: [...], disconnect: [...] }` / `{ set: [...] }`. undefined: not
 * given (the stored site stays), null: cleared.
 */
export function relationRef(value: unknown): Ref {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (typeof value === 'string') return value ? { documentId: value } : null;
  if (typeof value === 'number') return { id: value };
  if (Array.isArray(value)) return value.length ? relationRef(value[0]) : null;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.set)) return relationRef(v.set);
    if (Array.isArray(v.connect) && v.connect.length) return relationRef(v.connect.at(-1));
    if (Array.isArray(v.disconnect) && v.disconnect.length) return null;
    if (typeof v.documentId === 'string') return { documentId: v.documentId };
    if (typeof v.id === 'number') return { id: v.id };
    if (Array.isArray(v.connect)) return undefined;
  }
  return undefined;
}

const FIELDS = { from: 'fromPath', to: 'toPath', kind: 'kind' } as const;
const FIELD_OF: Partial<Record<RedirectProblem['code'], string>> = { DUPLICATE_FROM: 'fromPath', LOOP: 'toPath', MISSING_SITE: 'site' };

/** The admin shows `message` at the top and under the field named in `errors[].path`. */
function refuse(problem: RedirectProblem): never {
  const field = problem.field ? FIELDS[problem.field] : (FIELD_OF[problem.code] ?? 'fromPath');
  const message = `${problem.message} (${problem.code})`;
  throw new errors.ValidationError(message, { code: problem.code, errors: [{ path: [field], message, name: 'ValidationError' }] });
}

/**
 * Checks an editor's redirect on every create and update (admin, REST, code): paths normalized, same-site
 * targets only, no duplicate `from` per site, no loop through the site's table; then tells the gateway which
 * site's table changed (deletes too). The CSV import (plugins/redirects) runs the same checks on whole files.
 */
export const registerRedirectGuard = (strapi: Core.Strapi) => {
  strapi.documents.use(async (ctx: any, next) => {
    if (ctx.uid !== REDIRECT || !['create', 'update', 'delete'].includes(ctx.action)) return next();
    const documentId: string | undefined = ctx.params?.documentId;
    const stored = documentId
      ? await strapi.db.query(REDIRECT as any).findOne({ where: { documentId }, select: ['fromPath', 'toPath', 'kind'], populate: { site: { select: ['documentId', 'slug'] } } })
      : null;
    const before: SiteRef | null = stored?.site ? { documentId: stored.site.documentId, slug: stored.site.slug } : null;

    if (ctx.action === 'delete') {
      const result = await next();
      if (before) announceRedirectTable(strapi, before);
      return result;
    }

    const data = ctx.params?.data ?? {};
    const ref = relationRef(data.site);
    const site = ref === undefined ? before : ref === null ? null : await findSite(strapi, ref);
    if (!site) refuse({ code: 'MISSING_SITE', message: 'choose the site this redirect belongs to' });
    const pick = (field: string) => (field in data ? data[field] : stored?.[field]);
    const checked = checkRedirectRule({ from: pick('fromPath'), to: pick('toPath'), kind: pick('kind') });
    if (checked.problem) refuse(checked.problem);
    const { rule } = checked;

    const table = new Map<string, string | null>();
    for (const r of await siteRedirects(strapi, site.documentId)) {
      if (r.documentId === documentId) continue;
      if (r.fromPath === rule.from) refuse({ code: 'DUPLICATE_FROM', message: `${rule.from} already redirects on ${site.slug} (to ${r.toPath ?? '410 Gone'})` });
      table.set(r.fromPath, r.toPath);
    }
    const loop = loopThrough(table, rule.from, rule.to);
    if (loop) refuse({ code: 'LOOP', message: `this would loop: ${loop.join(' → ')}` });

    ctx.params.data = { ...data, fromPath: rule.from, toPath: rule.to, kind: rule.kind };
    const result = await next();
    announceRedirectTable(strapi, site);
    if (before && before.documentId !== site.documentId) announceRedirectTable(strapi, before);
    return result;
  });
};
