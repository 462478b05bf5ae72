import { canonicalJson, sha256Hex } from '../../common/utils/hash.util.js';

export class BadGraphqlRequest extends Error {}

/** A GraphQL request as sent: query text and/or a document hash, variables, operation name. */
export interface RawOperation {
  query?: string;
  operationName?: string;
  variables?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  /** The document's hash, from `documentId` (GraphQL-over-HTTP) or APQ's `extensions.persistedQuery.sha256Hash`. */
  documentHash?: string;
}

const HEX_HASH = /^[a-f0-9]{40,128}$/;

/**
 * How deep `variables` and `extensions` may nest. This schema's inputs are scalars (slugs, enums, cursors),
 * so a real request nests one or two levels; the bound keeps every later step (hashing, coercion, the
 * cache key) far from the recursion limit that a few KB of `[[[[…` would otherwise reach.
 */
export const MAX_INPUT_DEPTH = 32;

/** Whether `value` nests deeper than `max` objects/arrays; iterative, so any depth is measured safely. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}

/**
 * Reads a GraphQL operation from a GET query string or a POST body. Variables and extensions arrive
 * as JSON strings on GET.
 */
export function readOperation(source: unknown, fromQueryString: boolean): RawOperation {
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
  for (const [name, v] of [
    ['variables', variables],
    ['extensions', extensions],
  ] as const) {
    if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) {
      throw new BadGraphqlRequest(`"${name}" must be an object`);
    }
    if (nestsDeeperThan(v, MAX_INPUT_DEPTH)) throw new BadGraphqlRequest(`"${name}" nests deeper than ${MAX_INPUT_DEPTH} levels`);
  }
  return {
    query: query || undefined,
    operationName: (operationName as string | null) || undefined,
    variables: (variables as Record<string, unknown> | undefined) ?? undefined,
    extensions: (extensions as Record<string, unknown> | undefined) ?? undefined,
    documentHash: documentHashOf(s.documentId, extensions as Record<string, unknown> | undefined),
  };
}

function documentHashOf(documentId: unknown, extensions: Record<string, unknown> | undefined): string | undefined {
  if (documentId !== undefined && documentId !== null && documentId !== '') {
    const id = typeof documentId === 'string' ? documentId.replace(/^sha256:/, '').toLowerCase() : '';
    if (!HEX_HASH.test(id)) throw new BadGraphqlRequest('"documentId" must be a hex document hash');
    return id;
  }
  const pq = extensions?.persistedQuery as { sha256Hash?: unknown } | undefined;
  if (pq === undefined) return undefined;
  if (typeof pq?.sha256Hash !== 'string' || !/^[a-f0-9]{64}$/.test(pq.sha256Hash)) {
    throw new BadGraphqlRequest('"extensions.persistedQuery.sha256Hash" must be a SHA-256 hex digest');
  }
  return pq.sha256Hash;
}

/** The hash that names a query text: SHA-256, as APQ and the trusted-document manifests use. */
export const documentHash = (query: string): string => sha256Hex(query);

/**
 * Site + document + operation + the operation's declared variables after coercion and defaults, with
 * keys sorted: two spellings of the same variables name one entry, and nothing a client adds on top
 * mints another. The `<site>:` prefix keeps each site inside its own share of the cache.
 */
export function cacheKey(site: string, hash: string, operationName: string | undefined, coercedVariables: Record<string, unknown>): string {
  return `${site}:${sha256Hex(`${hash}\u0000${operationName ?? ''}\u0000${canonicalJson(coercedVariables)}`)}`;
}
