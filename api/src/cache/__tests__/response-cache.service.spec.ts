import { jest } from '@jest/globals';
import { loadAppConfig } from '../../config/app-config.schema.js';
import { ResponseCacheService, type CacheJob } from '../services/response-cache.service.js';
import type { L2CacheService } from '../services/l2-cache.service.js';
import type { ExecutionOutcome } from '../types/cache-entry.types.js';

/** L2 off: a stand-in with the same surface that stores nothing (unit test of the L1 logic only). */
const noL2 = {
  handleRemotePurges: () => undefined,
  get: async () => undefined,
  set: async () => undefined,
  purge: async () => ({ keys: 0, replicasConfirmed: 0, replicasExpected: 0 }),
  clear: async () => undefined,
} as unknown as L2CacheService;

const config = (over: Record<string, string> = {}) =>
  loadAppConfig({ CACHE_SOFT_TTL_SECONDS: '10', CACHE_HARD_TTL_SECONDS: '100', CACHE_L1_MAX_BYTES: '200000', ...over });

const outcome = (body: string, tags: string[], over: Partial<ExecutionOutcome> = {}): ExecutionOutcome => ({
  status: 200,
  body,
  tags,
  cacheable: true,
  upstreamFailed: false,
  ...over,
});

const job = (execute: () => Promise<ExecutionOutcome>): CacheJob => ({ site: 's', request: { query: '{a}' }, execute });

describe('ResponseCacheService', () => {
  it('misses, stores, then hits', async () => {
    const cache = new ResponseCacheService(config(), noL2);
    const execute = jest.fn(async () => outcome('{"data":1}', ['doc:procedure:a']));
    const first = await cache.answer('k', job(execute), 1000);
    expect(first.status).toBe('MISS');
    const second = await cache.answer('k', job(execute), 2000);
    expect(second.status).toBe('HIT');
    expect(second.entry?.body).toBe('{"data":1}');
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('makes one upstream computation for concurrent misses of one key (single-flight)', async () => {
    const cache = new ResponseCacheService(config(), noL2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const execute = jest.fn(async () => {
      await gate;
      return outcome('{"data":2}', []);
    });
    const answers = Promise.all(Array.from({ length: 20 }, () => cache.answer('k', job(execute))));
    release();
    const all = await answers;
    expect(execute).toHaveBeenCalledTimes(1);
    expect(new Set(all.map((a) => a.outcome?.body))).toEqual(new Set(['{"data":2}']));
  });

  it('purges exactly the entries carrying a tag', async () => {
    const cache = new ResponseCacheService(config(), noL2);
    await cache.answer('chicago-page', job(async () => outcome('c', ['doc:location:chicago', 'doc:procedure:k'])));
    await cache.answer('houston-page', job(async () => outcome('h', ['doc:location:houston', 'doc:procedure:k'])));
    await cache.purge(['doc:location:chicago']);
    expect(cache.l1.get('chicago-page')).toBeUndefined();
    expect(cache.l1.get('houston-page')?.body).toBe('h');
    await cache.purge(['doc:procedure:k']);
    expect(cache.l1.get('houston-page')).toBeUndefined();
  });

  it('serves stale after the soft TTL while one background refresh runs, and keeps stale when the refresh fails', async () => {
    const cache = new ResponseCacheService(config(), noL2);
    const t0 = Date.now();
    await cache.answer('k', job(async () => outcome('old', [])), t0);
    const failing = jest.fn(async () => outcome('err', [], { cacheable: false, upstreamFailed: true }));
    const stale = await cache.answer('k', job(failing), t0 + 11_000);
    expect(stale.status).toBe('STALE');
    expect(stale.entry?.body).toBe('old');
    await new Promise((r) => setImmediate(r));
    expect(failing).toHaveBeenCalledTimes(1);
    expect(cache.l1.get('k')?.body).toBe('old');
    const refreshing = jest.fn(async () => outcome('new', []));
    await cache.answer('k', job(refreshing), t0 + 12_000);
    await new Promise((r) => setImmediate(r));
    expect(cache.l1.get('k')?.body).toBe('new');
  });

  it('forgets entries past the hard TTL', async () => {
    const cache = new ResponseCacheService(config(), noL2);
    const t0 = Date.now();
    await cache.answer('k', job(async () => outcome('old', [])), t0);
    const res = await cache.answer('k', job(async () => outcome('x', [], { cacheable: false, upstreamFailed: true })), t0 + 101_000);
    expect(res.status).toBe('MISS');
    expect(res.outcome?.upstreamFailed).toBe(true);
  });

  it('does not store a result computed before a purge (no resurrection of old content)', async () => {
    const cache = new ResponseCacheService(config(), noL2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const pending = cache.answer('k', job(async () => (started(), await gate, outcome('old', ['doc:location:chicago']))));
    await running; // the upstream read is under way…
    await cache.purge(['doc:location:chicago']); // …when the publish lands
    release();
    await pending;
    expect(cache.l1.get('k')).toBeUndefined();
  });

  it('keeps L1 within its byte bound, evicting least recently used entries and their tags', async () => {
    const cache = new ResponseCacheService(config({ CACHE_L1_MAX_BYTES: '60000' }), noL2);
    const body = 'x'.repeat(5000);
    for (let i = 0; i < 50; i += 1) await cache.answer(`k${i}`, job(async () => outcome(body, [`doc:clinic:${i}`])));
    expect(cache.l1.bytes).toBeLessThanOrEqual(60000);
    expect(cache.l1.size).toBeLessThan(50);
    expect(cache.l1.get('k49')).toBeDefined();
    expect(cache.l1.get('k0')).toBeUndefined();
    expect(cache.l1.tagCount()).toBe(cache.l1.size);
  });

  it('does not store errors', async () => {
    const cache = new ResponseCacheService(config(), noL2);
    await cache.answer('k', job(async () => outcome('{"errors":[]}', [], { cacheable: false })));
    expect(cache.l1.get('k')).toBeUndefined();
  });
});
