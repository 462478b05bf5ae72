import { parseSitePath, type Locale, type SitePage } from '@clinic/shared';

/** A page of the URL scheme (shared/site-paths), plus the home page of each language. */
export type Target = SitePage | { page: 'home'; locale: Locale };

/** The page a path names (its segments, as the catch-all route receives them), or undefined. */
export function parseTarget(segments: string[] | undefined): Target | undefined {
  const s = segments ?? [];
  if (s.length === 0) return { page: 'home', locale: 'en' };
  if (s.length === 1 && s[0] === 'es') return { page: 'home', locale: 'es' };
  return parseSitePath(`/${s.join('/')}`);
}
