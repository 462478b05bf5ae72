import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const ids = new WeakMap<FastifyRequest, string>();
const REQUEST_ID = /^[\w.:-]{1,128}$/;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
const NAMED_OPERATION = /^\s*(?:#[^\n]*\n\s*)*(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]{0,63})/;

/** The request id: the caller's (or the load balancer's) `x-request-id` when sane, else a fresh UUID. */
export function requestId(req: FastifyRequest): string {
  let id = ids.get(req);
  if (!id) {
    const given = req.headers['x-request-id'];
    id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    ids.set(req, id);
  }
  return id;
}

/**
 * The GraphQL operation name of a /graphql request, for logs and metric labels: `operationName`, else
 * the name in the query text, else `anonymous` (or `persisted` for a hash-only APQ request). Names are
 * client-chosen, so the metrics side also bounds how many distinct ones it keeps.
 */
export function operationName(req: FastifyRequest): string {
  const source = (req.method === 'GET' ? req.query : req.body) as Record<string, unknown> | undefined;
  if (!source || typeof source !== 'object') return 'anonymous';
  const named = source.operationName;
  if (typeof named === 'string' && OPERATION_NAME.test(named)) return named;
  const query = source.query;
  if (typeof query === 'string') return NAMED_OPERATION.exec(query)?.[1] ?? 'anonymous';
  return source.extensions ? 'persisted' : 'anonymous';
}
