import { canonicalJson, sha256Hex } from '../../common/utils/hash.util.js';
import type { StoredRequest } from '../types/cache-entry.types.js';

export class BadGraphqlRequest extends Error {}

/**
 * Reads a GraphQL operation from a GET query string or a POST body. Variables and extensions arrive
 * as JSON strings on GET.
 */
export function readOperation(source: unknown, fromQueryString: boolean): StoredRequest {
  if (Array.isArray(source)) throw new BadGraphqlRequest('Batched requests are not supported: send one operation per request');
  if (!source || typeof source !== 'object') throw new BadGraphqlRequest('The request must carry a GraphQL operation');
  const s = source as Record<string, unknown>;
  const parse = (name: string) => {
    const v = s[name];
    if (v === undefined || v === '') return undefined;
    if (fromQueryString && typeof v === 'string') {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        throw new BadGraphqlRequest(`"${name}" must be JSON`);
      }
    }
    return v;
  };
  const query = s.query;
  const operationName = s.operationName;
  const variables = parse('variables');
  const extensions = parse('extensions');
  if (query !== undefined && typeof query !== 'string') throw new BadGraphqlRequest('"query" must be a string');
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    throw new BadGraphqlRequest('"operationName" must be a string');
  }
  for (const [name, v] of [['variables', variables], ['extensions', extensions]] as const) {
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new BadGraphqlRequest(`"${name}" must be an object`);
    }
  }
  return {
    query: query || undefined,
    operationName: (operationName as string | null) || undefined,
    variables: (variables as Record<string, unknown> | undefined) ?? undefined,
    extensions: (extensions as Record<string, unknown> | undefined) ?? undefined,
  };
}

const queryHashes = new Map<string, string>();

/** The operation's identity: the automatic-persisted-query hash, which is the SHA-256 of the query text. */
export function operationHash(op: StoredRequest): string | undefined {
  if (op.query) {
    let hash = queryHashes.get(op.query);
    if (!hash) {
      // Clients send a handful of distinct queries; the bound only guards against a flood of unique ones.
      if (queryHashes.size >= 5_000) queryHashes.clear();
      queryHashes.set(op.query, (hash = sha256Hex(op.query)));
    }
    return hash;
  }
  const pq = (op.extensions?.persistedQuery ?? undefined) as { sha256Hash?: unknown } | undefined;
  return typeof pq?.sha256Hash === 'string' && /^[a-f0-9]{64}$/.test(pq.sha256Hash) ? pq.sha256Hash : undefined;
}

/** Site + operation + variables: one site's entry can never answer another site. */
export function cacheKey(site: string, hash: string, op: StoredRequest): string {
  return sha256Hex(`${site}\u0000${hash}\u0000${op.operationName ?? ''}\u0000${canonicalJson(op.variables ?? {})}`);
}
