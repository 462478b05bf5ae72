/**
 * What a site's organization may hold, checked where it is written (the CMS, drafts included) and where it
 * is read (the gateway drops anything else): search engines ignore a `sameAs` that is not an https URL.
 */
export const PROFILE_URL = /^https:\/\/[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]{1,5})?(\/[^\s]*)?$/;

export const isProfileUrl = (value: unknown): value is string => typeof value === 'string' && value.length <= 300 && PROFILE_URL.test(value.trim());

/** The problems of an organization component as an editor submits it (`profiles[n].url`), each with its path. */
export function organizationProblems(org: unknown): Array<{ path: string; message: string }> {
  if (!org || typeof org !== 'object') return [];
  const profiles = (org as { profiles?: unknown }).profiles;
  if (!Array.isArray(profiles)) return [];
  return profiles.flatMap((p, i) =>
    p && typeof p === 'object' && 'url' in p && !isProfileUrl((p as { url: unknown }).url)
      ? [{ path: `profiles.${i}.url`, message: 'must be an https URL (https://…), such as the page of a profile' }]
      : [],
  );
}
