import { ALL_LOCALES, type ScheduleAction } from './constants';

export interface ScheduleInput {
  uid: string;
  documentId: string;
  /** A locale code, '*' (every locale), or null for a type without i18n. */
  locale: string | null;
  action: ScheduleAction;
  runAt: Date;
}

/** What the validation needs to know about the app, so the rules stay a pure function. */
export interface ScheduleRules {
  /** Types an editor may schedule (the site's draft-and-publish types) → whether they are localized. */
  types: Map<string, { localized: boolean }>;
  locales: string[];
  now: Date;
}

const MAX_AHEAD_MS = 5 * 366 * 24 * 3600 * 1000;

/**
 * Checks an editor's request and returns it normalized, or the list of what is wrong (one message per
 * field, phrased for the editor, since the side panel shows them as they are).
 */
export function parseScheduleInput(body: unknown, rules: ScheduleRules): { value: ScheduleInput } | { errors: string[] } {
  const errors: string[] = [];
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;

  const uid = typeof b.uid === 'string' ? b.uid : '';
  const type = rules.types.get(uid);
  if (!type) errors.push(`uid must be one of ${[...rules.types.keys()].join(', ')}`);

  const documentId = typeof b.documentId === 'string' ? b.documentId.trim() : '';
  if (!/^[a-z0-9]{1,64}$/i.test(documentId)) errors.push('documentId must be the id of a saved document');

  const action = b.action;
  if (action !== 'publish' && action !== 'unpublish') errors.push('action must be "publish" or "unpublish"');

  let locale: string | null = null;
  if (type?.localized) {
    if (typeof b.locale !== 'string' || !(b.locale === ALL_LOCALES || rules.locales.includes(b.locale))) {
      errors.push(`locale must be one of ${[...rules.locales, ALL_LOCALES].join(', ')}`);
    } else {
      locale = b.locale;
    }
  } else if (type && b.locale !== undefined && b.locale !== null && b.locale !== '') {
    errors.push(`${uid} is not translated: leave locale out`);
  }

  const runAt = typeof b.runAt === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(b.runAt) ? new Date(b.runAt) : null;
  if (!runAt || Number.isNaN(runAt.getTime())) {
    errors.push('runAt must be an ISO 8601 date and time, e.g. 2030-01-31T09:00:00Z');
  } else if (runAt.getTime() <= rules.now.getTime()) {
    errors.push('runAt must be in the future');
  } else if (runAt.getTime() - rules.now.getTime() > MAX_AHEAD_MS) {
    errors.push('runAt must be within 5 years');
  }

  if (errors.length > 0) return { errors };
  return { value: { uid, documentId, locale, action: action as ScheduleAction, runAt: runAt! } };
}
