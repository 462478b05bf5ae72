import type { Core } from '@strapi/strapi';
import { CONTENT_TYPES, parseOpeningHoursText, toStrapiOpeningHours } from '@clinic/shared';

export interface OpeningHoursMigrationRow {
  documentId: string;
  name: string;
  /** migrated: written (draft, and the published version when it had no pending edits); skipped: nothing to do. */
  outcome: 'migrated' | 'migrated-draft-only' | 'unparsed' | 'skipped';
  unparsed: string[];
}

const UID = CONTENT_TYPES.clinic.uid as 'api::clinic.clinic';
/** The fields a clinic's published version shows; equal in draft and published means no pending edits. */
const OWN_FIELDS = ['name', 'slug', 'phone', 'openingHours'] as const;

/**
 * Moves the old free-text `openingHours` into the structured `hours` component, clinic by clinic.
 * A clinic whose text has any line the reader does not understand is left untouched and reported:
 * half-migrated hours would be shown as the truth. Through the document service, so the webhook and
 * the gateway's purges follow as for an editor's save; a published clinic is republished only when its
 * draft had no pending edits (publishing would otherwise release them), else only its draft is written.
 */
export async function migrateOpeningHours(strapi: Core.Strapi, opts: { dryRun?: boolean } = {}): Promise<OpeningHoursMigrationRow[]> {
  const docs = strapi.documents(UID) as any;
  const drafts: any[] = await docs.findMany({ status: 'draft', populate: { hours: { populate: '*' } }, limit: 100_000 });
  const rows: OpeningHoursMigrationRow[] = [];
  for (const draft of drafts) {
    const base = { documentId: draft.documentId as string, name: draft.name as string };
    const text = typeof draft.openingHours === 'string' ? draft.openingHours.trim() : '';
    if (!text || draft.hours) {
      rows.push({ ...base, outcome: 'skipped', unparsed: [] });
      continue;
    }
    const { hours, unparsed } = parseOpeningHoursText(text);
    if (unparsed.length) {
      rows.push({ ...base, outcome: 'unparsed', unparsed });
      continue;
    }
    const published = await docs.findOne({ documentId: draft.documentId, status: 'published' });
    const clean = published && OWN_FIELDS.every((f) => (published[f] ?? null) === (draft[f] ?? null));
    if (!opts.dryRun) {
      await docs.update({ documentId: draft.documentId, data: { hours: toStrapiOpeningHours(hours) } });
      if (clean) await docs.publish({ documentId: draft.documentId });
    }
    rows.push({ ...base, outcome: published && !clean ? 'migrated-draft-only' : 'migrated', unparsed: [] });
  }
  return rows;
}
