import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { CacheEntry } from '../types/cache-entry.types.js';
import { siteOfKey, type PurgeOptions, type SharedCacheStore, type SharedPurgeReport } from '../types/cache-store.types.js';
import { RedisConnectionService } from '../../redis/services/redis-connection.service.js';

/** After an L2 command times out (Redis hung or partitioned: no RST, the socket stays "ready"), skip L2 this long. */
const L2_SUSPEND_MS = 2000;
/** Members read per SSCAN and keys per UNLINK: large tag sets never block Redis in one call. */
const BATCH = 500;

interface PurgeMessage {
  id: string;
  origin: string;
  /** null: everything. */
  tags: string[] | null;
  soft?: boolean;
}

/**
 * The shared tier: entries and their tag sets in Redis, and purge fan-out over pub/sub so that a
 * webhook on any replica clears every replica's L1. Every method degrades to a no-op while Redis
 * is down: Redis makes the fleet faster, never less available.
 *
 * Keys, all under `<REDIS_KEY_PREFIX>c:` (rate-limit counters live under `…rl:`, so clearing the cache
 * never resets budgets), and every one with a TTL:
 * - `c:e:<key>` the entry, expiring at its hard TTL;
 * - `c:t:<tag>` the set of keys built from a tag, expiring with its longest-lived member;
 * - `c:s:<site>` the site's keys by write time, to keep each site under CACHE_L2_SITE_MAX_ENTRIES;
 * - `c:l:<purge id>:<key>` which replica rebuilds a purged entry (a minute).
 */
@Injectable()
export class L2CacheService implements SharedCacheStore, OnModuleInit {
  private readonly logger = new Logger('L2Cache');
  readonly replicaId = randomUUID();
  private readonly prefix: string;
  private readonly pendingAcks = new Map<string, { needed: number; got: number; done: () => void }>();
  private onRemotePurge: (tags: string[] | null, opts: PurgeOptions) => void = () => {};
  /**
   * A hung Redis keeps its connection "ready", so without this every L1 miss would wait commandTimeout
   * for the read and again for the write (measured: ~1.1 s per miss). One timeout suspends reads and
   * writes of entries for L2_SUSPEND_MS; the next call after that is the probe. Purges always try.
   */
  private suspendedUntil = 0;

  constructor(
    private readonly redis: RedisConnectionService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.prefix = `${config.REDIS_KEY_PREFIX}c:`;
  }

  get enabled(): boolean {
    return !!this.redis.client;
  }

  async onModuleInit() {
    const sub = this.redis.subscriber;
    if (!sub) return;
    sub.on('message', (channel: string, raw: string) => this.onMessage(channel, raw));
    await sub.subscribe(this.channel('purge'), this.channel('purge-ack')).catch((e: Error) => this.logger.warn(`Could not subscribe to purge channel yet: ${e.message}`));
  }

  handleRemotePurges(fn: (tags: string[] | null, opts: PurgeOptions) => void) {
    this.onRemotePurge = fn;
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    if (!this.usable()) return undefined;
    try {
      const raw = await this.redis.client!.get(this.entryKey(key));
      return raw ? (JSON.parse(raw) as CacheEntry) : undefined;
    } catch (e) {
      this.suspendOnTimeout(e as Error);
      return undefined;
    }
  }

  async set(key: string, entry: CacheEntry): Promise<void> {
    if (!this.usable()) return;
    const ttl = Math.max(1, Math.ceil((entry.hardExpiresAt - Date.now()) / 1000));
    const siteKey = this.siteKey(siteOfKey(key));
    try {
      const multi = this.redis.client!.multi().set(this.entryKey(key), JSON.stringify(entry), 'EX', ttl);
      // NX gives a new set its first TTL; GT lengthens it for a longer-lived member. Never a key without one.
      for (const tag of entry.tags) multi.sadd(this.tagKey(tag), key).expire(this.tagKey(tag), ttl, 'NX').expire(this.tagKey(tag), ttl, 'GT');
      multi.zadd(siteKey, Date.now(), key).expire(siteKey, ttl, 'NX').expire(siteKey, ttl, 'GT').zcard(siteKey);
      const results = await multi.exec();
      const count = Number(results?.at(-1)?.[1] ?? 0);
      if (count > this.config.CACHE_L2_SITE_MAX_ENTRIES) await this.trimSite(siteKey, count - this.config.CACHE_L2_SITE_MAX_ENTRIES);
    } catch (e) {
      this.suspendOnTimeout(e as Error);
      this.logger.debug(`L2 write skipped: ${(e as Error).message}`);
    }
  }

  /** Drops a site's oldest entries past its quota: a site's misses only ever displace its own entries. */
  private async trimSite(siteKey: string, excess: number) {
    const client = this.redis.client!;
    const popped = await client.zpopmin(siteKey, excess);
    const keys: string[] = [];
    for (let i = 0; i < popped.length; i += 2) keys.push(this.entryKey(popped[i]));
    for (let i = 0; i < keys.length; i += BATCH) await client.unlink(...keys.slice(i, i + BATCH));
  }

  private usable(): boolean {
    return this.redis.ready && Date.now() >= this.suspendedUntil;
  }

  private suspendOnTimeout(e: Error) {
    if (!/timed out/i.test(e.message)) return;
    if (Date.now() >= this.suspendedUntil) this.logger.warn(`Redis command timed out: skipping L2 for ${L2_SUSPEND_MS} ms`);
    this.suspendedUntil = Date.now() + L2_SUSPEND_MS;
  }

  /**
   * Deletes the tagged entries from Redis (read with SSCAN, deleted with UNLINK, in batches) and tells
   * every other replica to purge its L1, waiting (bounded) until each subscriber confirmed, so that no
   * replica serves the old copy once this returns. A soft purge leaves the other replicas' L1 copies
   * serving stale while they refresh; Redis copies are always deleted (a replica then recomputes).
   */
  async purge(tags: string[], opts: PurgeOptions = {}): Promise<SharedPurgeReport> {
    if (!this.redis.ready || !tags.length) return { keys: 0, replicasConfirmed: 0, replicasExpected: 0 };
    let keys = 0;
    try {
      for (const tag of tags) keys += await this.deleteTag(tag);
      return { keys, ...(await this.fanOut({ id: opts.id ?? randomUUID(), origin: this.replicaId, tags, soft: opts.soft })) };
    } catch (e) {
      this.logger.warn(`L2 purge incomplete: ${(e as Error).message}`);
      return { keys, replicasConfirmed: 0, replicasExpected: 0 };
    }
  }

  private async deleteTag(tag: string): Promise<number> {
    const client = this.redis.client!;
    const tagKey = this.tagKey(tag);
    let cursor = '0';
    let n = 0;
    do {
      const [next, members] = await client.sscan(tagKey, cursor, 'COUNT', BATCH);
      if (members.length) {
        await client.unlink(...members.map(this.entryKey));
        n += members.length;
      }
      cursor = next;
    } while (cursor !== '0');
    await client.unlink(tagKey);
    return n;
  }

  private async fanOut(message: PurgeMessage) {
    const client = this.redis.client!;
    let done!: () => void;
    const confirmed = new Promise<void>((r) => (done = r));
    const ack = { needed: 0, got: 0, done };
    this.pendingAcks.set(message.id, ack);
    // PUBLISH answers how many subscribers got it, this replica included.
    const receivers = await client.publish(this.channel('purge'), JSON.stringify(message));
    ack.needed = Math.max(0, receivers - 1);
    if (ack.got >= ack.needed) done();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([confirmed, new Promise((r) => (timer = setTimeout(r, this.config.PURGE_ACK_TIMEOUT_MS)))]);
    clearTimeout(timer);
    this.pendingAcks.delete(message.id);
    if (ack.got < ack.needed) this.logger.warn(`Purge confirmed by ${ack.got}/${ack.needed} replicas within ${this.config.PURGE_ACK_TIMEOUT_MS} ms`);
    return { replicasConfirmed: ack.got, replicasExpected: ack.needed };
  }

  /**
   * `SET NX` under `c:l:<name>`: the first replica to ask wins. Without Redis (or while it fails, or
   * hangs: then suspended like reads and writes) every replica wins: a rebuild done twice is better than none.
   */
  async claim(name: string, ttlMs: number): Promise<boolean> {
    if (!this.usable()) return true;
    try {
      return (await this.redis.client!.set(`${this.prefix}l:${name}`, this.replicaId, 'PX', ttlMs, 'NX')) === 'OK';
    } catch (e) {
      this.suspendOnTimeout(e as Error);
      return true;
    }
  }

  /** Deletes every cache key (never the rate-limit counters) and has every replica clear its L1. */
  async clear(): Promise<void> {
    if (!this.redis.ready) return;
    const client = this.redis.client!;
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', BATCH);
      if (found.length) await client.unlink(...found);
      cursor = next;
    } while (cursor !== '0');
    await this.fanOut({ id: randomUUID(), origin: this.replicaId, tags: null }).catch(() => undefined);
  }

  private onMessage(channel: string, raw: string) {
    let msg: PurgeMessage;
    try {
      msg = JSON.parse(raw) as PurgeMessage;
    } catch {
      return;
    }
    if (channel === this.channel('purge')) {
      if (msg.origin === this.replicaId) return;
      this.onRemotePurge(msg.tags, { soft: msg.soft, id: msg.id });
      void this.redis.client?.publish(this.channel('purge-ack'), JSON.stringify({ id: msg.id, origin: this.replicaId, tags: [] })).catch(() => undefined);
    } else if (channel === this.channel('purge-ack')) {
      const pending = this.pendingAcks.get(msg.id);
      if (!pending) return;
      pending.got += 1;
      if (pending.needed && pending.got >= pending.needed) pending.done();
    }
  }

  private entryKey = (key: string) => `${this.prefix}e:${key}`;
  private tagKey = (tag: string) => `${this.prefix}t:${tag}`;
  private siteKey = (site: string) => `${this.prefix}s:${site}`;
  private channel = (name: string) => `${this.config.REDIS_KEY_PREFIX}${name}`;
}
