import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, type ErrorCode } from '../../common/errors/error-codes.js';
import type { CacheEntry, CacheStatus } from '../../cache/types/cache-entry.types.js';
import { compressBody, edgeTagHeaders, MIN_COMPRESSED_BYTES, pickEncoding, type ContentEncoding } from '@clinic/shared';

export { cdnCacheControl, cdnStaleCacheControl, MIN_COMPRESSED_BYTES, pickEncoding, type ContentEncoding } from '@clinic/shared';

export const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * How a kind of answer is presented (content type, Cache-Control, Vary): one object per kind, made
 * once, so that an entry's wire copies can be looked up by a small number instead of a string.
 */
export interface Presentation {
  readonly id: number;
  readonly contentType: string;
  readonly cacheControl: string;
  readonly vary: string;
  /** How the same kind is presented when the entry is served STALE (a shared cache must not keep it as fresh). */
  readonly stale?: Presentation;
}
let presentations = 0;
export function presentation(contentType: string, cacheControl: string, vary: string, staleCacheControl?: string): Presentation {
  const stale = staleCacheControl === undefined ? undefined : presentation(contentType, staleCacheControl, vary);
  return { id: presentations++, contentType, cacheControl, vary, stale };
}

export interface Wire {
  bytes: Buffer;
  headers: Record<string, string>;
  /** The whole header block for `writeHead` on the edge's fast path (without and with CORS), built on first use. */
  raw?: string[];
  rawCors?: string[];
}
const ENCODINGS: ContentEncoding[] = ['identity', 'br', 'gzip'];
/** Per entry, its bytes in each encoding (compressed once) and, per presentation × encoding, what to send. */
interface Wires {
  bytes: Partial<Record<ContentEncoding, Buffer>>;
  byVariant: Array<Wire | undefined>;
}
const wires = new WeakMap<CacheEntry, Wires>();

/** Per entry, presentation and encoding, the bytes and headers to send, built once: a hit only copies them out. */
export function wireOf(entry: CacheEntry, encoding: ContentEncoding, p: Presentation): Wire {
  let w = wires.get(entry);
  if (!w) wires.set(entry, (w = { bytes: {}, byVariant: [] }));
  const identity = (w.bytes.identity ??= Buffer.from(entry.body));
  if (identity.length < MIN_COMPRESSED_BYTES) encoding = 'identity';
  const slot = p.id * ENCODINGS.length + ENCODINGS.indexOf(encoding);
  let wire = w.byVariant[slot];
  if (!wire) {
    const bytes = encoding === 'identity' ? identity : (w.bytes[encoding] ??= compressBody(encoding, identity));
    // Each encoding is a representation of its own: its own validator, so a 304 never confirms another's bytes.
    const etag = encoding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${encoding}"`;
    const headers: Record<string, string> = {
      'content-type': p.contentType,
      etag,
      vary: p.vary,
      'cache-control': p.cacheControl,
      ...edgeTagHeaders(entry.tags, entry.key),
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    w.byVariant[slot] = wire = { bytes, headers };
  }
  return wire;
}

/**
 * Sends a cached entry with its validators and tags (`ETag`, `Surrogate-Key`, `x-cache`), compressed
 * (br or gzip) when the client accepts it and the body is worth it, answering 304 when the client
 * already holds that representation and `conditional` is set (GET only), with the entry's own status
 * (200, or a cached negative answer's).
 */
export function sendEntry(req: FastifyRequest, reply: FastifyReply, entry: CacheEntry, p: Presentation, status: CacheStatus, conditional: boolean) {
  if (status === 'STALE' && p.stale) p = p.stale;
  const wire = wireOf(entry, pickEncoding(req.headers['accept-encoding']), p);
  reply.headers(wire.headers).header('x-cache', status);
  // A cached negative answer keeps its status; only a 200 is confirmed with a 304 (RFC 9110 §13.2.2).
  const code = entry.status ?? 200;
  if (conditional && code === 200 && req.headers['if-none-match'] === wire.headers.etag) return reply.code(304).send();
  return reply.code(code).send(wire.bytes);
}

/** A freshly computed answer that is not (or not yet) an entry: never stored downstream. */
export function sendUncached(reply: FastifyReply, status: number, contentType: string, body: string, cacheStatus: CacheStatus = 'MISS', cacheControl = 'no-store') {
  return reply.code(status).header('content-type', contentType).header('x-cache', cacheStatus).header('cache-control', cacheControl).send(body);
}

/** An error answered before or outside GraphQL execution, in the GraphQL error shape. */
export function sendError(reply: FastifyReply, status: number, code: ErrorCode, message: string) {
  return sendUncached(reply, status, JSON_TYPE, errorBody(code, message), 'BYPASS');
}
