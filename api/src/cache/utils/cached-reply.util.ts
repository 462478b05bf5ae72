import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, type ErrorCode } from '../../common/errors/error-codes.js';
import type { CacheEntry, CacheStatus } from '../types/cache-entry.types.js';

/** What a CDN may do with a cached answer: keep it for the soft TTL, serve it stale up to the hard TTL. */
export function cdnCacheControl(softSeconds: number, hardSeconds: number): string {
  return `public, max-age=0, s-maxage=${softSeconds}, stale-while-revalidate=${hardSeconds - softSeconds}, stale-if-error=${hardSeconds}`;
}

interface Wire {
  bytes: Buffer;
  headers: Record<string, string>;
}
/** Per entry, the bytes and headers to send, built once: a hit only copies them to the socket. */
const wires = new WeakMap<CacheEntry, Wire>();

/**
 * Sends a cached entry with its validators and tags (`ETag`, `Surrogate-Key`, `x-cache`), answering
 * 304 when the client already holds it and `conditional` is set (GET only).
 */
export function sendEntry(
  req: FastifyRequest,
  reply: FastifyReply,
  entry: CacheEntry,
  o: { status: CacheStatus; contentType: string; cacheControl: string; conditional: boolean },
) {
  let wire = wires.get(entry);
  if (!wire) {
    wire = {
      bytes: Buffer.from(entry.body),
      headers: { 'content-type': o.contentType, etag: entry.etag, vary: 'origin, x-site-key', 'surrogate-key': entry.tags.join(' ') },
    };
    wires.set(entry, wire);
  }
  reply.headers(wire.headers).header('x-cache', o.status).header('cache-control', o.cacheControl);
  if (o.conditional && req.headers['if-none-match'] === entry.etag) return reply.code(304).send();
  return reply.code(200).send(wire.bytes);
}

/** A freshly computed answer that is not (or not yet) an entry: never stored downstream. */
export function sendUncached(reply: FastifyReply, status: number, contentType: string, body: string, cacheStatus: CacheStatus = 'MISS') {
  return reply.code(status).header('content-type', contentType).header('x-cache', cacheStatus).header('cache-control', 'no-store').send(body);
}

/** An error answered before or outside GraphQL execution, in the GraphQL error shape. */
export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  return sendUncached(reply, status, 'application/json; charset=utf-8', errorBody(code, message), 'BYPASS');
}
