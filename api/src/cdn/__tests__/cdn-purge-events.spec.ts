import { jest } from '@jest/globals';
import { loadAppConfig } from '../../config/app-config.schema.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { CacheCountersService } from '../../cache/services/cache-counters.service.js';
import { CacheTiersService } from '../../cache/services/cache-tiers.service.js';
import { InflightComputationsService } from '../../cache/services/inflight-computations.service.js';
import { PurgeEvents } from '../../cache/services/purge-events.service.js';
import { RefreshAheadService } from '../../cache/services/refresh-ahead.service.js';
import type { SharedCacheStore } from '../../cache/types/cache-store.types.js';
import { CdnPurgeService, LANDED_PURGE_BATCH_MS } from '../services/cdn-purge.service.js';
import type { CdnPurger } from '../types/cdn-purger.types.js';
import { OVERSIZE_TAG, entryEdgeTag } from '../utils/edge-tags.util.js';

const purger: CdnPurger = { provider: 'varnish', limits: { maxTags: 100, maxBytes: 8000 }, softPurge: true, purgeTags: async () => undefined, purgeAll: async () => undefined };

describe('CdnPurgeService following the response cache’s PurgeEvents', () => {
  it('forwards every purge and clear to the CDN after the origin tiers', async () => {
    const order: string[] = [];
    const l2 = {
      handleRemotePurges: () => undefined,
      purge: async (tags: string[]) => {
        order.push(`l2 ${tags.join(',')}`);
        return { keys: 0, replicasConfirmed: 0, replicasExpected: 0 };
      },
      clear: async () => {
        order.push('l2 clear');
      },
    } as unknown as SharedCacheStore;
    const config = loadAppConfig({});
    const events = new PurgeEvents();
    const cdn = new CdnPurgeService(config, purger, events);
    jest.spyOn(cdn, 'purge').mockImplementation((tags, opts) => void order.push(`cdn ${opts?.soft ? 'soft ' : ''}${tags.join(',')}`));
    jest.spyOn(cdn, 'purgeAll').mockImplementation(() => void order.push('cdn *'));
    cdn.onModuleInit();
    const tiers = new CacheTiersService(config, l2);
    const counters = new CacheCountersService();
    const inflight = new InflightComputationsService(tiers, counters, events);
    const cache = new ResponseCacheService(config, tiers, inflight, new RefreshAheadService(config, tiers, inflight, counters), counters, events);
    await cache.purge(['doc:location:1', 'list:location']);
    await cache.purge(['list:clinic'], { soft: true }); // refresh-ahead's soft purges stay soft on the CDN
    await cache.clear();
    // Every CDN purge also takes the answers too large to carry their own tags (OVERSIZE_TAG).
    expect(order).toEqual([
      'l2 doc:location:1,list:location',
      `cdn doc:location:1,list:location,${OVERSIZE_TAG}`,
      'l2 list:clinic',
      `cdn soft list:clinic,${OVERSIZE_TAG}`,
      'l2 clear',
      'cdn *',
    ]);
  });

  it('purges a landed rebuild hard, by its entry’s edge tag, batched with the others landing; stops following at shutdown', () => {
    const events = new PurgeEvents();
    const cdn = new CdnPurgeService(loadAppConfig({}), purger, events);
    const purge = jest.spyOn(cdn, 'purge').mockImplementation(() => undefined);
    cdn.onModuleInit();
    events.emit({ type: 'landed', key: 's:p' });
    expect(purge.mock.calls).toEqual([[[entryEdgeTag('s:p')], { batchMs: LANDED_PURGE_BATCH_MS }]]);
    cdn.onModuleDestroy();
    events.emit({ type: 'landed', key: 's:q' });
    expect(purge).toHaveBeenCalledTimes(1);
  });
});
