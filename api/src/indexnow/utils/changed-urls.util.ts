import { INDEXNOW_MAX_URLS, type PageFacts } from '../types/indexnow.types.js';

/**
 * The URLs whose content a purge of `tags` changed: pages that showed one of those facts before it (some of
 * them gone now: engines learn it from the 404), pages that show one after, and pages that appeared or
 * vanished. Sorted, without repeats.
 */
export function changedUrls(before: PageFacts | undefined, after: PageFacts, tags: ReadonlySet<string>): string[] {
  const out = new Set<string>();
  const touches = (facts: Set<string>) => {
    for (const t of facts) if (tags.has(t)) return true;
    return false;
  };
  for (const [url, facts] of after) if (touches(facts) || (before && !before.has(url))) out.add(url);
  for (const [url, facts] of before ?? []) if (touches(facts) || !after.has(url)) out.add(url);
  return [...out].sort();
}

/** The URLs in requests of at most `max` (the protocol allows 10,000 per request). */
export function urlBatches(urls: readonly string[], max = INDEXNOW_MAX_URLS): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < urls.length; i += max) out.push(urls.slice(i, i + max));
  return out;
}
