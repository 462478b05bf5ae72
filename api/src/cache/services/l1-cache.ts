import { LRUCache } from 'lru-cache';
import { entryBytes, type CacheEntry } from '../types/cache-entry.types.js';

/**
 * The in-process tier: an LRU bounded by bytes, with a tag index so that a purge touches exactly the
 * entries built from a changed document. Evicted entries leave the index too.
 */
export class L1Cache {
  private readonly lru: LRUCache<string, CacheEntry>;
  private readonly byTag = new Map<string, Set<string>>();

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

  get(key: string): CacheEntry | undefined {
    return this.lru.get(key);
  }

  set(key: string, entry: CacheEntry): void {
    const previous = this.lru.peek(key);
    if (previous) this.unindex(key, previous);
    this.lru.set(key, entry);
    if (!this.lru.has(key)) return; // larger than the whole cache: not stored.
    for (const tag of entry.tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  /** Deletes every entry carrying any of the tags; returns the keys deleted. */
  purge(tags: Iterable<string>): string[] {
    const keys = new Set<string>();
    for (const tag of tags) for (const k of this.byTag.get(tag) ?? []) keys.add(k);
    for (const k of keys) this.lru.delete(k);
    return [...keys];
  }

  clear(): void {
    this.lru.clear();
    this.byTag.clear();
  }

  get size(): number {
    return this.lru.size;
  }

  get bytes(): number {
    return this.lru.calculatedSize;
  }

  get maxBytes(): number {
    return this.lru.maxSize;
  }

  tagCount(): number {
    return this.byTag.size;
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
