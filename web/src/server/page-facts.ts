import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What one render learned from the gateway: the union of its answers' tags (the facts the page was built
 * from), whether any answer was served stale (the page must not be cached as fresh), the first refusal
 * (a budget spent: the visitor gets 429, not a 500 page), and who the visitor is (their address goes to
 * the gateway with the site's server key, so the gateway budgets them and not the website).
 */
export interface PageFacts {
  readonly visitor?: string;
  readonly tags: Set<string>;
  /** Facts of the page only if it turns out a 404 (a redirect lookup that found nothing: a redirect added later changes a 404, not a page). */
  readonly ifNotFound: Set<string>;
  stale: boolean;
  refusal?: { status: number; code: string; retryAfter?: string };
}

/**
 * One store for the front server (web/src/server) and the page code, which Next bundles separately: the
 * bundle and the server must share the instance, hence the global symbol.
 */
const KEY = Symbol.for('clinic.web.page-facts');
const store: AsyncLocalStorage<PageFacts> =
  ((globalThis as Record<symbol, unknown>)[KEY] as AsyncLocalStorage<PageFacts>) ?? ((globalThis as Record<symbol, unknown>)[KEY] = new AsyncLocalStorage<PageFacts>());

export function newPageFacts(visitor?: string): PageFacts {
  return { visitor, tags: new Set(), ifNotFound: new Set(), stale: false };
}

export function withPageFacts<T>(facts: PageFacts, fn: () => T): T {
  return store.run(facts, fn);
}

/** The facts of the render in progress, if the front server started one (not in unit tests or preview). */
export function currentPageFacts(): PageFacts | undefined {
  return store.getStore();
}

/** Whether a gateway answer's facts are the page's: yes, no, or only if the page is a 404. */
export type FactUse = boolean | 'ifNotFound';

/** Records one gateway answer into the render in progress. */
export function recordAnswer(headers: Headers, record: FactUse = true) {
  const facts = store.getStore();
  if (!facts) return;
  if (headers.get('x-cache') === 'STALE') facts.stale = true;
  if (!record) return;
  const into = record === 'ifNotFound' ? facts.ifNotFound : facts.tags;
  for (const tag of (headers.get('surrogate-key') ?? '').split(' ')) if (tag) into.add(tag);
}

/** Records a refusal (429, 503) so that the front server can answer it as such. */
export function recordRefusal(status: number, code: string, retryAfter?: string | null) {
  const facts = store.getStore();
  if (facts && !facts.refusal) facts.refusal = { status, code, retryAfter: retryAfter ?? undefined };
}
