/**
 * Editors' redirects (cms/src/api/redirect): per site, a path that answers 301, 302 or 410 Gone. The CMS
 * validates them on save and on CSV import, the gateway follows them (with the slug history) in `redirect(path)`,
 * and both read the rules from here.
 */
export const REDIRECT_CONTENT_TYPE = { uid: 'api::redirect.redirect', rest: 'redirects' } as const;

/** Strapi enumerations may not start with a digit: the kind names the status code it answers. */
export const REDIRECT_KINDS = { permanent_301: 301, temporary_302: 302, gone_410: 410 } as const;
export type RedirectKind = keyof typeof REDIRECT_KINDS;
export type RedirectStatusCode = (typeof REDIRECT_KINDS)[RedirectKind];

/** The gateway refuses longer paths in `redirect(path)`, so a longer one could never answer. */
export const REDIRECT_PATH_MAX_LENGTH = 300;

/**
 * The event the CMS sends its webhook when a site's redirect table changed (an edit, a delete, a CSV import:
 * one event per import, not per row). Its body names the site: `{ event, site: { documentId } }`.
 */
export const REDIRECTS_UPDATE_EVENT = 'redirects.update';

/** Stable codes of what is wrong with a redirect (the admin and the CSV import's row errors show them). */
export const REDIRECT_ERROR_CODES = [
  'INVALID_PATH',
  'OFF_SITE_TARGET',
  'HOME_NOT_REDIRECTABLE',
  'INVALID_KIND',
  'MISSING_TARGET',
  'UNEXPECTED_TARGET',
  'SELF_REDIRECT',
  'DUPLICATE_FROM',
  'LOOP',
  'MISSING_SITE',
] as const;
export type RedirectErrorCode = (typeof REDIRECT_ERROR_CODES)[number];

export interface RedirectProblem {
  code: RedirectErrorCode;
  message: string;
  /** The field at fault, when one is. */
  field?: 'from' | 'to' | 'kind';
}

export type NormalizedPath = { path: string; problem?: undefined } | { path?: undefined; problem: RedirectProblem };

// RFC 3986 path characters; a `%` must start an escape.
const PATH_CHARS = /^[A-Za-z0-9\-._~!$&'()*+,;=:@/]*$/;
const ESCAPES = /%[0-9A-Fa-f]{2}/g;
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/**
 * A redirect's path as stored and looked up: one leading slash, no repeated or trailing slash, no query or
 * fragment, no dot segments. Anything that could leave the site (`https://…`, `//host`, `/\host`, which
 * browsers read as `//host`) is refused as OFF_SITE_TARGET, so a site key's redirect can never send a
 * visitor elsewhere.
 */
export function normalizeRedirectPath(raw: unknown, field: 'from' | 'to'): NormalizedPath {
  const fail = (code: RedirectErrorCode, message: string): NormalizedPath => ({ problem: { code, message, field } });
  if (typeof raw !== 'string') return fail('INVALID_PATH', `${field} must be text`);
  const value = raw.trim();
  if (!value) return fail('INVALID_PATH', `${field} is empty`);
  if (SCHEME.test(value) || value.startsWith('//') || value.includes('\\')) {
    return fail('OFF_SITE_TARGET', `${field} "${value.slice(0, 60)}" leaves the site: use a path on this site that starts with one "/", e.g. /chicago`);
  }
  if (!value.startsWith('/')) return fail('INVALID_PATH', `${field} "${value.slice(0, 60)}" must start with "/" (a path on this site, e.g. /old-page)`);
  if (/[?#]/.test(value)) return fail('INVALID_PATH', `${field} "${value.slice(0, 60)}" has a query or fragment: give the path only`);
  if (!PATH_CHARS.test(value.replace(ESCAPES, ''))) {
    return fail('INVALID_PATH', `${field} "${value.slice(0, 60)}" has characters a URL path cannot hold (spaces, accents…): percent-encode them`);
  }
  const segments = value.split('/').filter(Boolean);
  if (segments.some((s) => s === '.' || s === '..')) return fail('INVALID_PATH', `${field} "${value.slice(0, 60)}" has "." or ".." segments`);
  const path = `/${segments.join('/')}`;
  if (path.length > REDIRECT_PATH_MAX_LENGTH) return fail('INVALID_PATH', `${field} is longer than ${REDIRECT_PATH_MAX_LENGTH} characters`);
  return { path };
}

export interface RedirectRule {
  from: string;
  /** null for 410 Gone. */
  to: string | null;
  kind: RedirectKind;
}

export type CheckedRule = { rule: RedirectRule; problem?: undefined } | { rule?: undefined; problem: RedirectProblem };

/** Normalizes and checks one redirect on its own (the table-wide checks are `loopThrough` and the callers' duplicate check). */
export function checkRedirectRule(input: { from: unknown; to?: unknown; kind?: unknown }): CheckedRule {
  const kind = (input.kind ?? 'permanent_301') as RedirectKind;
  if (typeof kind !== 'string' || !(kind in REDIRECT_KINDS)) {
    return { problem: { code: 'INVALID_KIND', field: 'kind', message: `kind must be one of ${Object.keys(REDIRECT_KINDS).join(', ')} (or the status code 301, 302, 410)` } };
  }
  const from = normalizeRedirectPath(input.from, 'from');
  if (from.problem) return { problem: from.problem };
  if (from.path === '/') return { problem: { code: 'HOME_NOT_REDIRECTABLE', field: 'from', message: 'from is the home page, which cannot be redirected' } };
  const hasTarget = input.to !== undefined && input.to !== null && String(input.to).trim() !== '';
  if (kind === 'gone_410') {
    if (hasTarget) return { problem: { code: 'UNEXPECTED_TARGET', field: 'to', message: '410 Gone answers without a target: leave "to" empty' } };
    return { rule: { from: from.path, to: null, kind } };
  }
  if (!hasTarget) return { problem: { code: 'MISSING_TARGET', field: 'to', message: `a ${REDIRECT_KINDS[kind]} redirect needs a target path ("to")` } };
  const to = normalizeRedirectPath(input.to, 'to');
  if (to.problem) return { problem: to.problem };
  if (to.path === from.path) return { problem: { code: 'SELF_REDIRECT', field: 'to', message: `${from.path} redirects to itself` } };
  return { rule: { from: from.path, to: to.path, kind } };
}

/** `301` / `'302'` / `'permanent_301'` → the kind; undefined for anything else (CSV cells hold either). */
export function redirectKindOf(value: unknown): RedirectKind | undefined {
  const text = String(value ?? '').trim();
  if (!text) return 'permanent_301';
  if (text in REDIRECT_KINDS) return text as RedirectKind;
  return (Object.keys(REDIRECT_KINDS) as RedirectKind[]).find((k) => String(REDIRECT_KINDS[k]) === text);
}

/**
 * The loop a new rule `from → to` would close in a site's table (`from` → target, null for 410), as the
 * list of paths it goes through, or null. Chains are fine (the gateway collapses them); a loop never ends.
 */
export function loopThrough(table: ReadonlyMap<string, string | null>, from: string, to: string | null): string[] | null {
  const path = [from];
  const seen = new Set([from]);
  let current = to;
  while (current !== null && current !== undefined) {
    path.push(current);
    if (current === from) return path;
    if (seen.has(current)) return null; // a loop that does not go through `from` was refused when it was made
    seen.add(current);
    current = table.get(current) ?? null;
  }
  return null;
}
