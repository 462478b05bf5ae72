import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CacheEntry } from '../../cache/types/cache-entry.types.js';
import { MIN_COMPRESSED_BYTES, cdnCacheControl, cdnStaleCacheControl, pickEncoding, presentation, sendEntry } from '../fast-path/cached-reply.util.js';

describe('pickEncoding', () => {
  it.each([
    [undefined, 'identity'],
    ['', 'identity'],
    ['gzip, deflate, br', 'br'],
    ['gzip, deflate', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['BR;Q=0.5', 'br'],
    ['gzip;q=0, br;q=0', 'identity'],
    ['*', 'br'],
    ['*;q=0, gzip', 'gzip'],
    ['identity', 'identity'],
    ['deflate', 'identity'],
    ['br;q=nonsense, gzip', 'gzip'],
  ])('%p → %p', (accept, expected) => {
    expect(pickEncoding(accept)).toBe(expected);
  });
});

/** A stand-in reply that records what sendEntry does with it (unit test of this module only). */
function fakeReply() {
  const sent: { status?: number; headers: Record<string, string>; body?: Buffer } = { headers: {} };
  const reply = {
    headers(h: Record<string, string>) {
      Object.assign(sent.headers, h);
      return reply;
    },
    header(k: string, v: string) {
      sent.headers[k] = v;
      return reply;
    },
    code(c: number) {
      sent.status = c;
      return reply;
    },
    send(b?: Buffer) {
      sent.body = b;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

const entry = (body: string): CacheEntry => ({
  body,
  etag: '"abc"',
  tags: ['doc:location:x', 'site:lakeshore-spine'],
  site: 'lakeshore-spine',
  storedAt: 0,
  softExpiresAt: 1,
  hardExpiresAt: 2,
  request: { kind: 'graphql', query: '{a}' },
});
const JSON_PUBLIC = presentation('application/json', 'public', 'origin, accept-encoding');
const send = (e: CacheEntry, headers: Record<string, string>) => {
  const { reply, sent } = fakeReply();
  sendEntry({ headers } as unknown as FastifyRequest, reply, e, JSON_PUBLIC, 'HIT', true);
  return sent;
};

describe('sendEntry', () => {
  const big = entry(JSON.stringify({ data: { intro: 'Kyphoplasty restores height to a fractured vertebra. '.repeat(60) } }));

  it('sends br or gzip with their own ETag, and the same bytes once decoded', () => {
    const plain = send(big, {});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body!.toString()).toBe(big.body);
    const br = send(big, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.etag).toBe('"abc-br"');
    expect(br.body!.length).toBeLessThan(plain.body!.length / 4);
    expect(brotliDecompressSync(br.body!).toString()).toBe(big.body);
    const gz = send(big, { 'accept-encoding': 'gzip' });
    expect(gz.headers.etag).toBe('"abc-gzip"');
    expect(gunzipSync(gz.body!).toString()).toBe(big.body);
    for (const s of [plain, br, gz]) expect(s.headers.vary).toContain('accept-encoding');
  });

  it('keeps each presentation’s headers apart while sharing the compressed bytes', () => {
    const priv = presentation('application/json', 'private, no-cache', 'origin, x-site-key, accept-encoding');
    const { reply, sent } = fakeReply();
    sendEntry({ headers: { 'accept-encoding': 'br' } } as unknown as FastifyRequest, reply, big, priv, 'HIT', true);
    const pub = send(big, { 'accept-encoding': 'br' });
    expect(sent.headers['cache-control']).toBe('private, no-cache');
    expect(pub.headers['cache-control']).toBe('public');
    expect(sent.headers.vary).toContain('x-site-key');
    expect(sent.body).toBe(pub.body);
  });

  it('answers 304 only for the validator of the representation asked for', () => {
    expect(send(big, { 'accept-encoding': 'br', 'if-none-match': '"abc-br"' }).status).toBe(304);
    expect(send(big, { 'accept-encoding': 'br', 'if-none-match': '"abc"' }).status).toBe(200);
    expect(send(big, { 'if-none-match': '"abc-br"' }).status).toBe(200);
    expect(send(big, { 'if-none-match': '"abc"' }).status).toBe(304);
  });

  it('never lets a shared cache keep a STALE answer as fresh (s-maxage=0, its 304 too), and tags it with its own entry', () => {
    const pub = presentation('application/json', cdnCacheControl(300, 86400), 'origin, accept-encoding', cdnStaleCacheControl(86400));
    const as = (status: 'HIT' | 'STALE', headers: Record<string, string> = {}) => {
      const { reply, sent } = fakeReply();
      sendEntry({ headers } as unknown as FastifyRequest, reply, { ...big, key: 's:k' }, pub, status, true);
      return sent;
    };
    expect(as('HIT').headers['cache-control']).toMatch(/s-maxage=300/);
    const stale = as('STALE', { 'accept-encoding': 'br' });
    expect(stale.headers['cache-control']).toBe('public, max-age=0, s-maxage=0, stale-if-error=86400');
    expect(stale.headers['x-cache']).toBe('STALE');
    // A CDN revalidating its copy gets the same verdict with the 304.
    const revalidated = as('STALE', { 'if-none-match': '"abc"' });
    expect([revalidated.status, revalidated.headers['cache-control']]).toEqual([304, expect.stringMatching(/s-maxage=0,/)]);
    expect(stale.headers['surrogate-key']).toMatch(/ entry:[\w-]{16}$/);
  });

  it('leaves small bodies uncompressed', () => {
    const small = entry('{"data":{"site":{"slug":"lakeshore-spine"}}}');
    expect(small.body.length).toBeLessThan(MIN_COMPRESSED_BYTES);
    const sent = send(small, { 'accept-encoding': 'br' });
    expect(sent.headers['content-encoding']).toBeUndefined();
    expect(sent.headers.etag).toBe('"abc"');
  });
});
