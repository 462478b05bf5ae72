import { jest } from '@jest/globals';
import { loadAppConfig } from '../../config/app-config.schema.js';
import type { AppConfig } from '../../config/app-config.schema.js';
import { ResponseCacheService } from '../services/response-cache.service.js';
import { CacheCountersService } from '../services/cache-counters.service.js';
import { CacheTiersService } from '../services/cache-tiers.service.js';
import { InflightComputationsService } from '../services/inflight-computations.service.js';
import { PurgeEvents, type PurgeEvent } from '../services/purge-events.service.js';
import { RefreshAheadService } from '../services/refresh-ahead.service.js';
import { L1Cache } from '../services/l1-cache.js';
import type { CacheJob } from '../types/cache-job.types.js';
import type { CacheEntry, ExecutionOutcome } from '../types/cache-entry.types.js';
import type { PurgeOptions, SharedCacheStore, SharedPurgeReport } from '../types/cache-store.types.js';

/** A typed fake of the shared tier: keeps entries in a Map and records the purges it was asked for. */
class FakeSharedStore implements SharedCacheStore {
  /** Replicas share one store: hand the same maps to each replica's fake. */
  constructor(
    readonly entries = new Map<string, CacheEntry>(),
    readonly claims = new Set<string>(),
  ) {}
  readonly purges: Array<{ tags: string[]; opts?: PurgeOptions }> = [];
  remote: (tags: string[] | null, opts: PurgeOptions) => void = () => undefined;
  async get(key: string) {
    return this.entries.get(key);
  }
  async set(key: string, entry: CacheEntry) {
    this.entries.set(key, entry);
  }
  async purge(tags: string[], opts?: PurgeOptions): Promise<SharedPurgeReport> {
    this.purges.push({ tags, opts });
    let keys = 0;
    for (const [k, e] of this.entries) if (e.tags.some((t) => tags.includes(t)) && this.entries.delete(k)) keys += 1;
    return { keys, replicasConfirmed: 0, replicasExpected: 0 };
  }
  async clear() {
    this.entries.clear();
  }
  handleRemotePurges(fn: (tags: string[] | null, opts: PurgeOptions) => void) {
    this.remote = fn;
  }
  async claim(name: string) {
    if (this.claims.has(name)) return false;
    this.claims.add(name);
    return true;
  }
}
/** L2 off: stores nothing. */
const noL2: SharedCacheStore = {
  get: async () => undefined,
  set: async () => undefined,
  purge: async () => ({ keys: 0, replicasConfirmed: 0, replicasExpected: 0 }),
  clear: async () => undefined,
  handleRemotePurges: () => undefined,
  claim: async () => true,
};

const config = (over: Record<string, string> = {}) => loadAppConfig({ CACHE_SOFT_TTL_SECONDS: '10', CACHE_HARD_TTL_SECONDS: '100', CACHE_L1_MAX_BYTES: '200000', ...over });

const outcome = (body: string, tags: string[], over: Partial<ExecutionOutcome> = {}): ExecutionOutcome => ({
  status: 200,
  body,
  tags,
  cacheable: true,
  upstreamFailed: false,
  ...over,
});

/** The cache's parts wired as CacheModule wires them. */
const responseCache = (cfg: AppConfig, l2: SharedCacheStore, events = new PurgeEvents()) => {
  const tiers = new CacheTiersService(cfg, l2);
  const counters = new CacheCountersService();
  const inflight = new InflightComputationsService(tiers, counters, events);
  return new ResponseCacheService(cfg, tiers, inflight, new RefreshAheadService(cfg, tiers, inflight, counters), counters, events);
};

const job = (execute: () => Promise<ExecutionOutcome>): CacheJob => ({ site: 's', request: { kind: 'graphql', query: '{a}' }, execute });

describe('ResponseCacheService (tiers, misses, purges)', () => {
  it('misses, stores, then hits', async () => {
    const cache = responseCache(config(), noL2);
    const execute = jest.fn(async () => outcome('{"data":1}', ['doc:procedure:a']));
    const first = await cache.answer('k', job(execute), 1000);
    expect(first.status).toBe('MISS');
    const second = await cache.answer('k', job(execute), 2000);
    expect(second.status).toBe('HIT');
    expect(second.entry?.body).toBe('{"data":1}');
    expect(execute).toHaveBeenCalledTimes(1);
  });

  it('purges exactly the entries carrying a tag', async () => {
    const cache = responseCache(config(), noL2);
    await cache.answer(
      'chicago-page',
      job(async () => outcome('c', ['doc:location:chicago', 'doc:procedure:k'])),
    );
    await cache.answer(
      'houston-page',
      job(async () => outcome('h', ['doc:location:houston', 'doc:procedure:k'])),
    );
    await cache.purge(['doc:location:chicago']);
    expect(cache.l1.get('chicago-page')).toBeUndefined();
    expect(cache.l1.get('houston-page')?.body).toBe('h');
    await cache.purge(['doc:procedure:k']);
    expect(cache.l1.get('houston-page')).toBeUndefined();
  });

  it('serves stale after the soft TTL while one background refresh runs, and keeps stale when the refresh fails', async () => {
    const cache = responseCache(config(), noL2);
    const t0 = Date.now();
    await cache.answer(
      'k',
      job(async () => outcome('old', [])),
      t0,
    );
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
    const cache = responseCache(config(), noL2);
    const t0 = Date.now();
    await cache.answer(
      'k',
      job(async () => outcome('old', [])),
      t0,
    );
    const res = await cache.answer(
      'k',
      job(async () => outcome('x', [], { cacheable: false, upstreamFailed: true })),
      t0 + 101_000,
    );
    expect(res.status).toBe('MISS');
    expect(res.outcome?.upstreamFailed).toBe(true);
  });

  it('keeps each site within its byte share: one site’s misses evict only its own entries', async () => {
    // Two sites in SITE_KEYS: each gets half of the 120 kB.
    const cache = responseCache(config({ CACHE_L1_MAX_BYTES: '120000', SITE_KEYS: 'key-aaaaaaaa:a,key-bbbbbbbb:b' }), noL2);
    const body = 'x'.repeat(4000); // ~16 kB an entry as counted: three fit in a site's 60 kB
    for (let i = 0; i < 3; i += 1)
      await cache.answer(
        `b:warm${i}`,
        job(async () => outcome(body, [`doc:clinic:b${i}`])),
      );
    for (let i = 0; i < 50; i += 1)
      await cache.answer(
        `a:k${i}`,
        job(async () => outcome(body, [`doc:clinic:${i}`])),
      );
    const l1 = cache.l1 as L1Cache;
    const usage = new Map(l1.usage().map((u) => [u.site, u]));
    expect(usage.get('a')!.bytes).toBeLessThanOrEqual(60000);
    expect(usage.get('a')!.entries).toBeLessThan(50);
    expect(l1.get('a:k49')).toBeDefined();
    expect(l1.get('a:k0')).toBeUndefined();
    for (let i = 0; i < 3; i += 1) expect(l1.get(`b:warm${i}`)).toBeDefined();
    expect(l1.tagCount()).toBe(l1.size);
  });

  it('applies other replicas’ purges to its local tier', async () => {
    const shared = new FakeSharedStore();
    const cache = responseCache(config(), shared);
    await cache.answer(
      's:x',
      job(async () => outcome('x', ['doc:clinic:1'])),
    );
    shared.remote(['doc:clinic:1'], {});
    expect(cache.l1.get('s:x')).toBeUndefined();
  });

  it('does not store errors', async () => {
    const cache = responseCache(config(), noL2);
    await cache.answer(
      'k',
      job(async () => outcome('{"errors":[]}', [], { cacheable: false })),
    );
    expect(cache.l1.get('k')).toBeUndefined();
  });
});

describe('InflightComputationsService (single-flight, purge epochs)', () => {
  it('makes one upstream computation for concurrent misses of one key (single-flight)', async () => {
    const cache = responseCache(config(), noL2);
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

  it('does not store a result computed before a purge (no resurrection of old content)', async () => {
    const cache = responseCache(config(), noL2);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const pending = cache.answer(
      'k',
      job(async () => {
        started();
        await gate;
        return outcome('old', ['doc:location:chicago']);
      }),
    );
    await running; // the upstream read is under way…
    await cache.purge(['doc:location:chicago']); // …when the publish lands
    release();
    await pending;
    expect(cache.l1.get('k')).toBeUndefined();
  });

  it('a visitor who joins a computation that a purge overtook gets one of its own, and the entry is rebuilt', async () => {
    const cache = responseCache(config({ CACHE_REFRESH_AHEAD_SECONDS: '60' }), noL2);
    let content = 'old';
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let runs = 0;
    const execute = async () => {
      runs += 1;
      // The first run reads the content, then is held: a publish lands meanwhile.
      const read = content;
      if (runs === 1) await held;
      return outcome(read, ['doc:clinic:1']);
    };
    cache.useJobFactory('graphql', (site, request) => ({ site, request, execute }));
    const before = cache.answer('s:p', job(execute));
    while (runs === 0) await new Promise((r) => setImmediate(r));
    content = 'new';
    await cache.purge(['doc:clinic:1']);
    const after = cache.answer('s:p', job(execute));
    release();
    // The one who asked before the publish may get the old answer; the one who asked after may not.
    expect((await before).outcome?.body).toBe('old');
    expect((await after).outcome?.body).toBe('new');
    for (let i = 0; i < 10 && cache.refreshPending; i += 1) await new Promise((r) => setImmediate(r));
    expect(cache.l1.get('s:p')?.body).toBe('new');
    expect(cache.counters.computations).toBe(runs);
  });
});

describe('RefreshAheadService (queue, claims)', () => {
  it('recomputes recently used purged entries in the background (refresh-ahead) and drops the others', async () => {
    const shared = new FakeSharedStore();
    const cache = responseCache(config({ CACHE_REFRESH_AHEAD_SECONDS: '60' }), shared);
    const t0 = Date.now();
    await cache.answer(
      's:recent',
      job(async () => outcome('v1', ['doc:procedure:k'])),
      t0,
    );
    await cache.answer(
      's:old',
      job(async () => outcome('o1', ['doc:procedure:k'])),
      t0 - 3_600_000,
    );
    const rebuild = jest.fn(async () => outcome('v2', ['doc:procedure:k']));
    cache.useJobFactory('graphql', (site, request) => ({ site, request, execute: rebuild }));
    const report = await cache.purge(['doc:procedure:k']);
    expect(report.l1Entries).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(cache.l1.get('s:recent')?.body).toBe('v2');
    expect(cache.l1.get('s:old')).toBeUndefined();
    expect(shared.entries.get('s:recent')?.body).toBe('v2');
    const next = await cache.answer(
      's:recent',
      job(async () => outcome('never', [])),
    );
    expect(next.status).toBe('HIT');
  });

  it('rebuilds the most recently used purged entries first', async () => {
    const cache = responseCache(config({ CACHE_REFRESH_AHEAD_SECONDS: '60', CACHE_REFRESH_AHEAD_CONCURRENCY: '1' }), noL2);
    const t0 = Date.now();
    // Stored in one order, used in another: the last used must be the first rebuilt.
    for (const [key, ago] of [
      ['s:a', 30_000],
      ['s:b', 1_000],
      ['s:c', 20_000],
    ] as const) {
      await cache.answer(key, { site: 's', request: { kind: 'graphql', query: key }, execute: async () => outcome(key, ['doc:procedure:k']) }, t0 - ago);
    }
    const order: string[] = [];
    cache.useJobFactory('graphql', (site, request) => ({
      site,
      request,
      execute: async () => {
        order.push(request.query);
        return outcome('new', ['doc:procedure:k']);
      },
    }));
    await cache.purge(['doc:procedure:k']);
    for (let i = 0; i < 10 && order.length < 3; i += 1) await new Promise((r) => setImmediate(r));
    expect(order).toEqual(['s:b', 's:c', 's:a']);
  });

  it('with replicas, one of them rebuilds a purged entry: the others read it from the shared tier', async () => {
    const entries = new Map<string, CacheEntry>();
    const claims = new Set<string>();
    const [sharedA, sharedB] = [new FakeSharedStore(entries, claims), new FakeSharedStore(entries, claims)];
    const a = responseCache(config({ CACHE_REFRESH_AHEAD_SECONDS: '60' }), sharedA);
    const b = responseCache(config({ CACHE_REFRESH_AHEAD_SECONDS: '60' }), sharedB);
    await a.answer(
      's:p',
      job(async () => outcome('old', ['doc:clinic:1'])),
    );
    await b.answer(
      's:p',
      job(async () => outcome('old', ['doc:clinic:1'])),
    );
    const rebuild = jest.fn(async () => outcome('new', ['doc:clinic:1']));
    a.useJobFactory('graphql', (site, request) => ({ site, request, execute: rebuild }));
    b.useJobFactory('graphql', (site, request) => ({ site, request, execute: rebuild }));
    await a.purge(['doc:clinic:1']);
    // The same purge reaches B through the shared tier's fan-out, with its id.
    sharedB.remote(['doc:clinic:1'], sharedA.purges[0].opts!);
    for (let i = 0; i < 10 && (a.refreshPending || b.refreshPending); i += 1) await new Promise((r) => setImmediate(r));
    expect(rebuild).toHaveBeenCalledTimes(1);
    expect(b.counters.refreshLeftToPeer).toBe(1);
    const fromShared = b.counters.hits.l2;
    const onB = await b.answer(
      's:p',
      job(async () => outcome('never', [])),
    );
    expect(onB).toMatchObject({ status: 'HIT', entry: { body: 'new' } });
    expect(b.counters.hits.l2).toBe(fromShared + 1);
  });

  it('soft purge keeps serving the old entry (STALE) until its recomputation lands, and tells the shared tier', async () => {
    const shared = new FakeSharedStore();
    const cache = responseCache(config(), shared);
    await cache.answer(
      's:p',
      job(async () => outcome('old', ['site:s'])),
    );
    let release!: () => void;
    const slow = new Promise<void>((r) => (release = r));
    cache.useJobFactory('graphql', (site, request) => ({
      site,
      request,
      execute: async () => {
        await slow;
        return outcome('new', ['site:s']);
      },
    }));
    await cache.purge(['site:s'], { soft: true });
    expect(shared.purges).toEqual([{ tags: ['site:s'], opts: expect.objectContaining({ soft: true }) }]);
    const during = await cache.answer(
      's:p',
      job(async () => outcome('unused', [])),
    );
    expect(during.status).toBe('STALE');
    expect(during.entry?.body).toBe('old');
    release();
    await new Promise((r) => setImmediate(r));
    expect(cache.l1.get('s:p')?.body).toBe('new');
  });

  it('a soft purge ends when its rebuild lands: the replica that rebuilt a changed entry announces it (the CDN purges its edge tag); a peer whose copy went stale takes the rebuilt one', async () => {
    const entries = new Map<string, CacheEntry>();
    const claims = new Set<string>();
    const [sharedA, sharedB] = [new FakeSharedStore(entries, claims), new FakeSharedStore(entries, claims)];
    const events = new PurgeEvents();
    const seen: PurgeEvent[] = [];
    events.subscribe((e) => seen.push(e));
    const a = responseCache(config({ CACHE_REFRESH_AHEAD_SECONDS: '60' }), sharedA, events);
    const b = responseCache(config({ CACHE_REFRESH_AHEAD_SECONDS: '60' }), sharedB, events);
    await a.answer(
      's:p',
      job(async () => outcome('old name', ['site:s'])),
    );
    await b.answer(
      's:p',
      job(async () => outcome('old name', ['site:s'])),
    );
    // Stored a moment before A's rebuild, as it would be: within one millisecond the copies could not be told apart by age.
    b.l1.get('s:p')!.storedAt -= 1000;
    const rebuild = jest.fn(async () => outcome('new name', ['site:s']));
    a.useJobFactory('graphql', (site, request) => ({ site, request, execute: rebuild }));
    b.useJobFactory('graphql', (site, request) => ({ site, request, execute: rebuild }));
    await a.purge(['site:s'], { soft: true });
    sharedB.remote(['site:s'], sharedA.purges[0].opts!);
    for (let i = 0; i < 10 && (a.refreshPending || b.refreshPending); i += 1) await new Promise((r) => setImmediate(r));
    // The soft purge itself, then — once A's rebuild landed — that one entry (cdn-purge-events.spec: what the CDN makes of them).
    expect(seen).toEqual([
      { type: 'purged', tags: ['site:s'], opts: expect.objectContaining({ soft: true }) },
      { type: 'landed', key: 's:p' },
    ]);
    expect(a.counters.landedCdnPurges + b.counters.landedCdnPurges).toBe(1);
    expect(rebuild).toHaveBeenCalledTimes(1);
    // B's copy is stale (soft purge); its next visitor gets A's rebuilt entry from the shared tier, no second rebuild or CDN purge.
    const onB = await b.answer(
      's:p',
      job(async () => outcome('never', [])),
    );
    expect(onB).toMatchObject({ status: 'HIT', entry: { body: 'new name', key: 's:p' } });
    expect(b.counters.staleReplacedFromL2).toBe(1);
    expect(seen).toHaveLength(2);
    // A refresh that finds the same answer has nothing to correct at the CDN.
    a.useJobFactory('graphql', (site, request) => ({ site, request, execute: async () => outcome('new name', ['site:s']) }));
    await a.purge(['site:s'], { soft: true });
    for (let i = 0; i < 10 && a.refreshPending; i += 1) await new Promise((r) => setImmediate(r));
    expect(seen.map((e) => e.type)).toEqual(['purged', 'landed', 'purged']);
  });
});
