import { loadAppConfig } from '../../config/app-config.schema.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import type { L2CacheService } from '../../cache/services/l2-cache.service.js';
import type { CdnPurgeService } from '../services/cdn-purge.service.js';
import { OVERSIZE_TAG } from '../utils/edge-tags.util.js';

describe('ResponseCacheService → CDN', () => {
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
    } as unknown as L2CacheService;
    const cdn = {
      purge: (tags: string[], opts?: { soft?: boolean }) => order.push(`cdn ${opts?.soft ? 'soft ' : ''}${tags.join(',')}`),
      purgeAll: () => {
        order.push('cdn *');
      },
    } as unknown as CdnPurgeService;
    const cache = new ResponseCacheService(loadAppConfig({}), l2, undefined, cdn);
    await cache.purge(['doc:location:1', 'list:location']);
    await cache.purge(['list:clinic'], { soft: true }); // refresh-ahead's soft purges stay soft on the CDN
    await cache.clear();
    // Every CDN purge also takes the answers too large to carry their own tags (OVERSIZE_TAG).
    expect(order).toEqual(['l2 doc:location:1,list:location', `cdn doc:location:1,list:location,${OVERSIZE_TAG}`, 'l2 list:clinic', `cdn soft list:clinic,${OVERSIZE_TAG}`, 'l2 clear', 'cdn *']);
  });
});
