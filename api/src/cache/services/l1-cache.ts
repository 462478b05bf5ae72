import { LRUCache } from 'lru-cache';
import { entryBytes, type CacheEntry } from '../types/cache-entry.types.js';
import { siteOfKey, type LocalCacheStore, type PurgeOptions } from '../types/cache-store.types.js';

/**
 * One LRU bounded by bytes, with a tag index so that a purge touches exactly the entries built from a
 * changed document. Evicted entries leave the index too.
 */
class Partition {
  private readonly lru: LRUCache<string, CacheEntry>;
  readonly byTag = new Map<string, Set<string>>();

  constructor(maxBytes: number) {
    this.lru = new LRUCache<string, CacheEntry>({
      maxSize: maxBytes,
      sizeCalculation: (entry, key) => entryBytes(key, entry),
      dispose: (entry, key, reason) => {
        // A `set` over an existing key also disposes the old value; its tags are re-indexed right after.
        if (reason !== 'set') this.unindex(key, entry);
      },
    });
  }

  get = (key: string) => this.lru.get(key);
  peek = (key: string) => this.lru.peek(key);
  delete = (key: string) => this.lru.delete(key);
  get size() {
    return this.lru.size;
  }
  get bytes() {
    return this.lru.calculatedSize;
  }

  set(key: string, entry: CacheEntry) {
    const previous = this.lru.peek(key);
    if (previous) this.unindex(key, previous);
    this.lru.set(key, entry);
    if (!this.lru.has(key)) return; // larger than the whole share: not stored.
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  clear() {
    this.lru.clear();
    this.byTag.clear();
  }

  private unindex(key: string, entry: CacheEntry) {
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.byTag.delete(tag);
    }
  }
}

/**
 * The in-process tier: one byte-bounded LRU per site, so that one site's stream of misses can only
 * evict that site's own entries and never another's below its share.
 */
export class L1Cache implements LocalCacheStore {
  private readonly partitions = new Map<string, Partition>();

  /**
   * @param maxBytes the whole tier's bound
   * @param siteShareBytes each site's bound; sites beyond maxBytes / siteShareBytes still get a share,
   *   so name the real site count (SITE_KEYS) when choosing it
   */
  constructor(
    readonly maxBytes: number,
    private readonly siteShareBytes: number,
  ) {}

  private partition(site: string): Partition {
    let p = this.partitions.get(site);
    if (!p) this.partitions.set(site, (p = new Partition(this.siteShareBytes)));
    return p;
  }

  get(key: string): CacheEntry | undefined {
    return this.partitions.get(siteOfKey(key))?.get(key);
  }

  set(key: string, entry: CacheEntry): void {
    this.partition(siteOfKey(key)).set(key, entry);
  }

  purge(tags: Iterable<string>, opts: PurgeOptions = {}): Map<string, CacheEntry> {
    const found = new Map<string, CacheEntry>();
    const list = [...tags];
    for (const p of this.partitions.values()) {
      const keys = new Set<string>();
      for (const tag of list) for (const k of p.byTag.get(tag) ?? []) keys.add(k);
      for (const k of keys) {
        const entry = p.peek(k);
        if (!entry) continue;
        found.set(k, entry);
        // Soft: the entry stays, but is stale from now on, so that it is served once more while refreshing.
        if (opts.soft) entry.softExpiresAt = 0;
        else p.delete(k);
      }
    }
    return found;
  }

  clear(): void {
    for (const p of this.partitions.values()) p.clear();
  }

  get size(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.size;
    return n;
  }

  get bytes(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.bytes;
    return n;
  }

  /** Bytes and entries per site, for metrics and the fairness test. */
  usage(): Array<{ site: string; bytes: number; entries: number }> {
    return [...this.partitions].map(([site, p]) => ({ site, bytes: p.bytes, entries: p.size }));
  }

  tagCount(): number {
    let n = 0;
    for (const p of this.partitions.values()) n += p.byTag.size;
    return n;
  }
}
