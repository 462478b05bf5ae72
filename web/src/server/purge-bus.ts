import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { PurgeRequest } from './front-server';

/**
 * With several website processes, a purge reaches one of them (the gateway sends it to the website's
 * address, which a balancer may route to any process); that process relays it over Redis to the others.
 * Without REDIS_URL each process must be listed in the gateway's WEB_PURGE_URLS instead.
 */
export async function startPurgeBus(redisUrl: string | undefined, prefix: string, apply: (p: PurgeRequest) => void) {
  if (!redisUrl) return undefined;
  const origin = randomUUID();
  const channel = `${prefix}web-purge`;
  const options = { lazyConnect: false, maxRetriesPerRequest: 1, enableOfflineQueue: true } as const;
  const pub = new Redis(redisUrl, options);
  const sub = new Redis(redisUrl, options);
  // State is visible in the log only; a purge that cannot be relayed still applied here, and TTLs bound the rest.
  for (const c of [pub, sub]) c.on('error', () => undefined);
  sub.on('message', (_channel: string, raw: string) => {
    try {
      const msg = JSON.parse(raw) as { origin: string; purge: PurgeRequest };
      if (msg.origin !== origin) apply(msg.purge);
    } catch {
      // Not ours: ignore.
    }
  });
  await sub.subscribe(channel).catch((e: Error) => console.warn(`web: could not subscribe to ${channel} yet: ${e.message}`));
  return {
    publish(p: PurgeRequest) {
      void pub.publish(channel, JSON.stringify({ origin, purge: p })).catch(() => undefined);
    },
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
    },
  };
}
