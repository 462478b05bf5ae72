import { loadAppConfig, ConfigError } from '../../config/app-config.schema.js';
import { CdnPurgeService, MAX_QUEUED_TAGS } from '../services/cdn-purge.service.js';
import { PurgeEvents } from '../../cache/services/purge-events.service.js';
import { CdnPurgeError, type CdnPurger } from '../types/cdn-purger.types.js';

/** A purger that records calls and fails as scripted (unit test of the queue, not of a provider). */
class ScriptedPurger implements CdnPurger {
  readonly provider = 'fastly' as const;
  readonly limits = { maxTags: 3, maxBytes: 1000 };
  softPurge = true;
  calls: Array<{ tags: string[] | '*'; soft: boolean; at: number }> = [];
  failures: CdnPurgeError[] = [];
  async purgeTags(tags: string[], soft: boolean) {
    this.calls.push({ tags, soft, at: Date.now() });
    const f = this.failures.shift();
    if (f) throw f;
  }
  async purgeAll() {
    this.calls.push({ tags: '*', soft: false, at: Date.now() });
    const f = this.failures.shift();
    if (f) throw f;
  }
}

const config = (over: Record<string, string> = {}) =>
  loadAppConfig({ CDN_PROVIDER: 'fastly', FASTLY_SERVICE_ID: 's', FASTLY_API_TOKEN: 't', CDN_PURGE_RETRY_BASE_MS: '20', CDN_PURGE_MAX_ATTEMPTS: '3', ...over });

describe('CdnPurgeService', () => {
  it('gathers the purges of one tick into batches of the provider size; hard wins over soft', async () => {
    const p = new ScriptedPurger();
    const svc = new CdnPurgeService(config(), p, new PurgeEvents());
    svc.purge(['a', 'b']);
    svc.purge(['b', 'c', 'd'], { soft: true });
    svc.purge(['e']);
    expect(p.calls).toEqual([]); // queued, not sent inline
    await svc.idle();
    const hard = p.calls.filter((c) => !c.soft).map((c) => c.tags);
    const soft = p.calls.filter((c) => c.soft).map((c) => c.tags);
    expect(hard).toEqual([['a', 'b', 'e']]);
    expect(soft).toEqual([['c', 'd']]);
    expect(svc.counters.tags).toEqual({ hard: 3, soft: 2 });
  });

  it('lets a stream of small purges (batchMs) share one request; an immediate purge takes them along', async () => {
    const p = new ScriptedPurger();
    const svc = new CdnPurgeService(config(), p, new PurgeEvents());
    svc.purge(['entry:1'], { batchMs: 30 });
    await new Promise((r) => setTimeout(r, 5));
    svc.purge(['entry:2'], { batchMs: 30 });
    await new Promise((r) => setImmediate(r));
    expect(p.calls).toEqual([]); // still gathering
    await svc.idle();
    expect(p.calls.map((c) => c.tags)).toEqual([['entry:1', 'entry:2']]);
    svc.purge(['entry:3'], { batchMs: 10_000 });
    svc.purge(['doc:x']);
    await svc.idle();
    expect(p.calls.map((c) => c.tags)).toEqual([
      ['entry:1', 'entry:2'],
      ['entry:3', 'doc:x'],
    ]);
  });

  it('sends soft purges as hard ones when the provider has none', async () => {
    const p = new ScriptedPurger();
    p.softPurge = false;
    const svc = new CdnPurgeService(config(), p, new PurgeEvents());
    svc.purge(['a'], { soft: true });
    await svc.idle();
    expect(p.calls.map((c) => c.soft)).toEqual([false]);
  });

  it('retries a retryable failure with growing delays, then succeeds', async () => {
    const p = new ScriptedPurger();
    p.failures = [new CdnPurgeError('HTTP 503', true, 503), new CdnPurgeError('ECONNREFUSED', true)];
    const svc = new CdnPurgeService(config(), p, new PurgeEvents());
    svc.purge(['a']);
    await svc.idle();
    expect(p.calls).toHaveLength(3);
    const gaps = [p.calls[1].at - p.calls[0].at, p.calls[2].at - p.calls[1].at];
    expect(gaps[0]).toBeGreaterThanOrEqual(15); // 20 ms ± 20 %
    expect(gaps[1]).toBeGreaterThanOrEqual(30); // 40 ms ± 20 %
    expect(svc.counters).toMatchObject({ requests: { ok: 1, error: 2 }, retries: 2, failures: 0 });
  });

  it('gives up after CDN_PURGE_MAX_ATTEMPTS, and at once on a permanent error', async () => {
    const p = new ScriptedPurger();
    p.failures = [1, 2, 3].map(() => new CdnPurgeError('HTTP 500', true, 500));
    const svc = new CdnPurgeService(config(), p, new PurgeEvents());
    svc.purge(['a']);
    await svc.idle();
    expect(p.calls).toHaveLength(3);
    expect(svc.counters.failures).toBe(1);

    p.calls = [];
    p.failures = [new CdnPurgeError('HTTP 403', false, 403)];
    svc.purge(['b']);
    await svc.idle();
    expect(p.calls).toHaveLength(1);
    expect(svc.counters.failures).toBe(2);
  });

  it('turns an overflowing queue into one purge of everything', async () => {
    const p = new ScriptedPurger();
    const svc = new CdnPurgeService(config(), p, new PurgeEvents());
    svc.purge(Array.from({ length: MAX_QUEUED_TAGS + 1 }, (_, i) => `t${i}`));
    await svc.idle();
    expect(p.calls.map((c) => c.tags)).toEqual(['*']);
  });

  it('drops pending retries at shutdown without leaving idle() waiting', async () => {
    const p = new ScriptedPurger();
    p.failures = [new CdnPurgeError('HTTP 503', true, 503)];
    const svc = new CdnPurgeService(config({ CDN_PURGE_RETRY_BASE_MS: '60000' }), p, new PurgeEvents());
    svc.purge(['a']);
    const idle = svc.idle();
    await new Promise((r) => setTimeout(r, 20)); // the first attempt failed; its retry waits a minute
    expect(svc.pending).toBe(1);
    svc.onModuleDestroy();
    await idle;
    expect(svc.pending).toBe(0);
    expect(p.calls).toHaveLength(1);
  });

  it('does nothing without a CDN, and nothing after shutdown', async () => {
    const p = new ScriptedPurger();
    const svc = new CdnPurgeService(config(), p, new PurgeEvents());
    svc.onModuleDestroy();
    svc.purge(['a']);
    svc.purgeAll();
    await svc.idle();
    expect(p.calls).toEqual([]);
  });
});

describe('CDN configuration', () => {
  it('names the missing settings of the chosen provider', () => {
    expect(() => loadAppConfig({ CDN_PROVIDER: 'fastly', FASTLY_SERVICE_ID: 'x' })).toThrow(new ConfigError('Invalid gateway configuration: CDN_PROVIDER=fastly needs FASTLY_API_TOKEN'));
    expect(() => loadAppConfig({ CDN_PROVIDER: 'cloudflare' })).toThrow(/CLOUDFLARE_ZONE_ID, CLOUDFLARE_API_TOKEN/);
    expect(() => loadAppConfig({ CDN_PROVIDER: 'varnish' })).toThrow(/CDN_PURGE_URLS/);
    expect(() => loadAppConfig({ CDN_PROVIDER: 'varnish', CDN_PURGE_URLS: 'ftp://x/' })).toThrow(/http\(s\) URLs/);
    expect(() => loadAppConfig({ CDN_PROVIDER: 'akamai' })).toThrow(/CDN_PROVIDER/);
    expect(loadAppConfig({ CDN_PROVIDER: 'varnish', CDN_PURGE_URLS: 'http://a:8080/, http://b:8080/' }).CDN_PURGE_URLS).toEqual(['http://a:8080/', 'http://b:8080/']);
    expect(loadAppConfig({}).CDN_PROVIDER).toBe('none');
  });
});
