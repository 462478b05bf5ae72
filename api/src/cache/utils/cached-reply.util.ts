import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { errorBody, type ErrorCode } from '../../common/errors/error-codes.js';
import type { CacheEntry, CacheStatus } from '../types/cache-entry.types.js';
import { edgeTagHeaders } from '../../cdn/utils/edge-tags.util.js';

/** What a CDN may do with a cached answer: keep it for the soft TTL, serve it stale up to the hard TTL. */
export function cdnCacheControl(softSeconds: number, hardSeconds: number): string {
  return `public, max-age=0, s-maxage=${softSeconds}, stale-while-revalidate=${hardSeconds - softSeconds}, stale-if-error=${hardSeconds}`;
}

export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Smaller bodies are sent as they are: compressing them saves less than the headers it adds. */
export const MIN_COMPRESSED_BYTES = 1024;
const ACCEPT_MEMO_MAX = 256;
const acceptMemo = new Map<string, ContentEncoding>();

/**
 * The encoding to answer with for an `Accept-Encoding` header: br, else gzip, else identity, honouring
 * `q=0` (refused) and `*`. Few distinct headers exist in practice, so answers are memoised.
 */
export function pickEncoding(accept: string | string[] | undefined): ContentEncoding {
  if (typeof accept !== 'string' || accept.length === 0 || accept.length > 512) return 'identity';
  let picked = acceptMemo.get(accept);
  if (picked) return picked;
  const q = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepted = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  picked = accepted('br') ? 'br' : accepted('gzip') ? 'gzip' : 'identity';
  if (acceptMemo.size >= ACCEPT_MEMO_MAX) acceptMemo.clear();
  acceptMemo.set(accept, picked);
  return picked;
}

const COMPRESS: Record<Exclude<ContentEncoding, 'identity'>, (b: Buffer) => Buffer> = {
  // Quality 5: most of brotli's gain at a fraction of its top levels' CPU; paid once per entry.
  br: (b) => brotliCompressSync(b, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: b.length } }),
  gzip: (b) => gzipSync(b, { level: 6 }),
};

interface Wire {
  bytes: Buffer;
  headers: Record<string, string>;
}
/** Cached answers differ by site key and encoding; CORS headers by origin. */
const VARY = 'origin, x-site-key, accept-encoding';
/** Per entry and encoding, the bytes and headers to send, built once: a hit only copies them to the socket. */
const wires = new WeakMap<CacheEntry, Partial<Record<ContentEncoding, Wire>>>();

function wireOf(entry: CacheEntry, encoding: ContentEncoding, contentType: string): Wire {
  let byEncoding = wires.get(entry);
  if (!byEncoding) wires.set(entry, (byEncoding = {}));
  const identity = (byEncoding.identity ??= {
    bytes: Buffer.from(entry.body),
    headers: { 'content-type': contentType, etag: entry.etag, vary: VARY, ...edgeTagHeaders(entry.tags) },
  });
  if (encoding === 'identity' || identity.bytes.length < MIN_COMPRESSED_BYTES) return identity;
  let wire = byEncoding[encoding];
  if (!wire) {
    // A representation of its own: its own validator, so a 304 never confirms bytes of another encoding.
    const etag = `${entry.etag.slice(0, -1)}-${encoding}"`;
    wire = { bytes: COMPRESS[encoding](identity.bytes), headers: { ...identity.headers, etag, 'content-encoding': encoding } };
    byEncoding[encoding] = wire;
  }
  return wire;
}

/**
 * Sends a cached entry with its validators and tags (`ETag`, `Surrogate-Key`, `x-cache`), compressed
 * (br or gzip) when the client accepts it and the body is worth it, answering 304 when the client
 * already holds that representation and `conditional` is set (GET only).
 */
export function sendEntry(
  req: FastifyRequest,
  reply: FastifyReply,
  entry: CacheEntry,
  o: { status: CacheStatus; contentType: string; cacheControl: string; conditional: boolean },
) {
  const wire = wireOf(entry, pickEncoding(req.headers['accept-encoding']), o.contentType);
  reply.headers(wire.headers).header('x-cache', o.status).header('cache-control', o.cacheControl);
  if (o.conditional && req.headers['if-none-match'] === wire.headers.etag) return reply.code(304).send();
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
