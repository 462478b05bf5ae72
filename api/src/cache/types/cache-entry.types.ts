/**
 * A GraphQL operation as the edge resolved it (query text from the request, the APQ registry or the
 * site's trusted documents; only declared variables): enough to run it again for a background refresh.
 */
export interface GraphqlRequest {
  kind: 'graphql';
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  extensions?: Record<string, unknown>;
}

/** One of a site's files (sitemap.xml, robots.txt, a child sitemap) as the sitemap service names it. */
export interface SeoFileRequest {
  kind: 'seo-file';
  file: string;
}

/** What an entry was built from, saying what it is: each kind has its own job factory (cache/types/cache-job.types). */
export type StoredRequest = GraphqlRequest | SeoFileRequest;
export type StoredRequestKind = StoredRequest['kind'];

/** The operation's name, for metrics and logs (site files have none). */
export const operationNameOf = (request: StoredRequest): string | undefined => (request.kind === 'graphql' ? request.operationName : undefined);

/** One cached answer (a GraphQL response, a site file): the exact bytes to send, and what they were built from. */
export interface CacheEntry {
  /** The HTTP status when it is not 200: a cached negative answer (a child sitemap that does not exist). */
  status?: number;
  body: string;
  etag: string;
  /** What the response was built from (shared/cache-tags), plus the site tag. */
  tags: string[];
  site: string;
  storedAt: number;
  softExpiresAt: number;
  hardExpiresAt: number;
  request: StoredRequest;
  /** Its cache key: CDN objects made from it carry the key's edge tag (cdn/utils/edge-tags.util, entryEdgeTag). */
  key?: string;
  /** When a client last got this entry: a purge recomputes recently used entries ahead of the next visitor. */
  usedAt?: number;
}

export type CacheStatus = 'HIT' | 'MISS' | 'STALE' | 'BYPASS';

/** What running an operation produced, and whether it may be stored. */
export interface ExecutionOutcome {
  status: number;
  body: string;
  tags: string[];
  cacheable: boolean;
  /** Set when the failure came from Strapi: a stale copy may stand in for it. */
  upstreamFailed: boolean;
  /** Strapi reads it took: what the miss is charged against its site's budget. */
  upstreamReads?: number;
}

export function entryBytes(key: string, e: CacheEntry): number {
  // The body dominates, at up to four bytes a character: two for the string (UTF-16 at worst in V8), one
  // for its bytes on the wire (cached-reply.util), one for the br and gzip copies (each well under half).
  return e.body.length * 4 + key.length * 2 + e.tags.reduce((n, t) => n + t.length * 2 + 32, 0) + JSON.stringify(e.request).length * 2 + 256;
}
