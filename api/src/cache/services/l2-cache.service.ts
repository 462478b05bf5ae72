import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import type { CacheEntry } from '../types/cache-entry.types.js';
import { RedisConnectionService } from './redis-connection.service.js';

/** After an L2 command times out (Redis hung or partitioned: no RST, the socket stays "ready"), skip L2 this long. */
const L2_SUSPEND_MS = 2000;

interface PurgeMessage {
  id: string;
  origin: string;
  tags: string[];
}

/**
 * The shared tier: entries and their tag sets in Redis, and purge fan-out over pub/sub so that a
 * webhook on any replica clears every replica's L1. Every method degrades to a no-op while Redis
 * is down: Redis makes the fleet faster, never less available.
 */
@Injectable()
export class L2CacheService implements OnModuleInit {
  private readonly logger = new Logger('L2Cache');
  readonly replicaId = randomUUID();
  private readonly prefix: string;
  private readonly pendingAcks = new Map<string, { needed: number; got: number; done: () => void }>();
  private onRemotePurge: (tags: string[]) => void = () => {};
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
    this.prefix = config.REDIS_KEY_PREFIX;
  }

  get enabled(): boolean {
    return !!this.redis.client;
  }

  async onModuleInit() {
    const sub = this.redis.subscriber;
    if (!sub) return;
    sub.on('message', (channel: string, raw: string) => this.onMessage(channel, raw));
    await sub.subscribe(this.channel('purge'), this.channel('purge-ack')).catch((e: Error) =>
      this.logger.warn(`Could not subscribe to purge channel yet: ${e.message}`),
    );
  }

  /** Called with the tags of every purge made by another replica. */
  handleRemotePurges(fn: (tags: string[]) => void) {
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
    try {
      const multi = this.redis.client!.multi().set(this.entryKey(key), JSON.stringify(entry), 'EX', ttl);
      for (const tag of entry.tags) multi.sadd(this.tagKey(tag), key).expire(this.tagKey(tag), ttl, 'GT');
      await multi.exec();
    } catch (e) {
      this.suspendOnTimeout(e as Error);
      this.logger.debug(`L2 write skipped: ${(e as Error).message}`);
    }
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
   * Deletes the tagged entries from Redis and tells every other replica to purge its L1, waiting
   * (bounded) until each subscriber confirmed, so that no replica serves the old copy once this returns.
   */
  async purge(tags: string[]): Promise<{ keys: number; replicasConfirmed: number; replicasExpected: number }> {
    if (!this.redis.ready || !tags.length) return { keys: 0, replicasConfirmed: 0, replicasExpected: 0 };
    const client = this.redis.client!;
    let keys = 0;
    try {
      const members = await Promise.all(tags.map((t) => client.smembers(this.tagKey(t))));
      const entryKeys = [...new Set(members.flat())].map((k) => this.entryKey(k));
      keys = entryKeys.length;
      if (entryKeys.length) await client.del(...entryKeys);
      await client.del(...tags.map((t) => this.tagKey(t)));
      const message: PurgeMessage = { id: randomUUID(), origin: this.replicaId, tags };
      let done!: () => void;
      const confirmed = new Promise<void>((r) => (done = r));
      const ack = { needed: 0, got: 0, done };
      this.pendingAcks.set(message.id, ack);
      // PUBLISH answers how many subscribers got it, this replica included.
      const receivers = await client.publish(this.channel('purge'), JSON.stringify(message));
      ack.needed = Math.max(0, receivers - 1);
      if (ack.got >= ack.needed) done();
      await Promise.race([confirmed, new Promise((r) => setTimeout(r, this.config.PURGE_ACK_TIMEOUT_MS))]);
      this.pendingAcks.delete(message.id);
      if (ack.got < ack.needed) this.logger.warn(`Purge confirmed by ${ack.got}/${ack.needed} replicas within ${this.config.PURGE_ACK_TIMEOUT_MS} ms`);
      return { keys, replicasConfirmed: ack.got, replicasExpected: ack.needed };
    } catch (e) {
      this.logger.warn(`L2 purge incomplete: ${(e as Error).message}`);
      return { keys, replicasConfirmed: 0, replicasExpected: 0 };
    }
  }

  async clear(): Promise<void> {
    if (!this.redis.ready) return;
    const client = this.redis.client!;
    let cursor = '0';
    do {
      const [next, found] = await client.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
      if (found.length) await client.del(...found);
      cursor = next;
    } while (cursor !== '0');
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
      this.onRemotePurge(msg.tags);
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
  private channel = (name: string) => `${this.prefix}${name}`;
}
