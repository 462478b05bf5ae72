import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { compressBody, MIN_COMPRESSED_BYTES, type ContentEncoding } from '@clinic/shared';

/** A rendered answer as the front server keeps it: status, the headers worth keeping, bytes per encoding. */
export interface PageEntry {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  etag: string;
  tags: readonly string[];
  storedAt: number;
  /** Past this, the entry is served stale while a render replaces it. */
  freshUntil: number;
  /** Built from a stale gateway answer, or soft-purged: served, but never as fresh. */
  stale: boolean;
  encoded: Partial<Record<ContentEncoding, Buffer>>;
}

export interface PageCacheOptions {
  maxBytes: number;
  ttlSeconds: number;
}

export interface PageCacheCounters {
  hits: number;
  stale: number;
  misses: number;
  renders: number;
  stored: number;
  notStored: number;
  purges: number;
  purgedEntries: number;
  /** Misses refused because the visitor's render budget was spent. */
  limited: number;
}

/**
 * Rendered pages by site and path, bounded by bytes (lru-cache), with a tag index so that a purge drops
 * exactly the pages built from a changed fact. A purge also records an epoch: a render that started before
 * a purge touching its tags may have read the old content, so it is not stored (see `settle`).
 *
 * Pages (200) and everything else (404, redirects) live in two LRUs: the site's pages are bounded by its
 * catalogue, but anyone can make up paths, so a flood of made-up URLs only ever evicts other made-up URLs
 * (an eighth of the bytes), never a real page.
 */
export class PageCache {
  private readonly pages: LRUCache<string, PageEntry>;
  private readonly others: LRUCache<string, PageEntry>;
  private readonly byTag = new Map<string, Set<string>>();
  private epoch = 0;
  private recent: Array<{ epoch: number; at: number; tags: Set<string> | null }> = [];
  readonly counters: PageCacheCounters = { hits: 0, stale: 0, misses: 0, renders: 0, stored: 0, notStored: 0, purges: 0, purgedEntries: 0, limited: 0 };

  constructor(private readonly options: PageCacheOptions) {
    const lru = (maxSize: number) =>
      new LRUCache<string, PageEntry>({
        maxSize,
        // The body, its compressed copies (about as much again), and the headers.
        sizeCalculation: (e) => Math.max(1, e.body.length * 2 + 512),
        dispose: (e, key) => this.unindex(key, e),
      });
    this.others = lru(Math.max(64 * 1024, Math.floor(options.maxBytes / 8)));
    this.pages = lru(Math.max(64 * 1024, options.maxBytes - Math.floor(options.maxBytes / 8)));
  }

  get size() {
    return this.pages.size + this.others.size;
  }

  get bytes() {
    return this.pages.calculatedSize + this.others.calculatedSize;
  }

  get(key: string): PageEntry | undefined {
    return this.pages.get(key) ?? this.others.get(key);
  }

  private lruOf(e: PageEntry) {
    return e.status === 200 ? this.pages : this.others;
  }

  /** The current epoch, taken when a render starts. */
  mark(): number {
    return this.epoch;
  }

  /**
   * Stores a render unless a purge since `epoch` touched one of its tags (then it may hold the old content:
   * the caller serves it to the one visitor who asked, and the next visitor renders again). True if stored.
   */
  settle(key: string, epoch: number, entry: PageEntry): boolean {
    if (this.recent.some((p) => p.epoch > epoch && (!p.tags || entry.tags.some((t) => p.tags!.has(t))))) {
      this.counters.notStored += 1;
      return false;
    }
    // A key lives in one LRU at a time (a page that became a 404 moves).
    const previous = this.pages.peek(key) ?? this.others.peek(key);
    if (previous && this.lruOf(previous) !== this.lruOf(entry)) this.lruOf(previous).delete(key);
    this.lruOf(entry).set(key, entry);
    // lru-cache disposes the old entry (unindexing it) before this runs.
    for (const t of entry.tags) {
      let keys = this.byTag.get(t);
      if (!keys) this.byTag.set(t, (keys = new Set()));
      keys.add(key);
    }
    this.counters.stored += 1;
    return true;
  }

  /**
   * Drops (or, `soft`, marks stale) every page built from one of `tags`; `null` drops everything.
   * Returns the number of pages touched.
   */
  purge(tags: readonly string[] | null, soft = false): number {
    this.epoch += 1;
    const now = Date.now();
    // A render is bounded by the gateway timeout; a minute of history is ample.
    this.recent = this.recent.filter((p) => now - p.at < 60_000);
    this.recent.push({ epoch: this.epoch, at: now, tags: tags && new Set(tags) });
    this.counters.purges += 1;
    if (!tags) {
      const n = this.size;
      this.pages.clear();
      this.others.clear();
      this.counters.purgedEntries += n;
      return n;
    }
    const keys = new Set<string>();
    for (const t of tags) for (const k of this.byTag.get(t) ?? []) keys.add(k);
    for (const k of keys) {
      const e = this.pages.peek(k) ?? this.others.peek(k);
      if (!e) continue;
      if (soft) {
        e.stale = true;
        e.freshUntil = 0;
      } else {
        this.lruOf(e).delete(k);
      }
    }
    this.counters.purgedEntries += keys.size;
    return keys.size;
  }

  /** Builds an entry for a render's answer. */
  entry(status: number, headers: Record<string, string>, body: Buffer, tags: readonly string[], stale: boolean, now = Date.now()): PageEntry {
    return {
      status,
      headers,
      body,
      etag: `"${createHash('sha1').update(body).digest('base64url')}"`,
      tags,
      storedAt: now,
      freshUntil: stale ? 0 : now + this.options.ttlSeconds * 1000,
      stale,
      encoded: { identity: body },
    };
  }

  private unindex(key: string, e: PageEntry) {
    for (const t of e.tags) {
      const keys = this.byTag.get(t);
      if (!keys) continue;
      keys.delete(key);
      if (!keys.size) this.byTag.delete(t);
    }
  }
}

/** The entry's bytes in `encoding`, compressed once on first use (identity for small bodies). */
export function encodedBody(entry: PageEntry, encoding: ContentEncoding): { bytes: Buffer; encoding: ContentEncoding } {
  if (encoding === 'identity' || entry.body.length < MIN_COMPRESSED_BYTES) return { bytes: entry.body, encoding: 'identity' };
  let bytes = entry.encoded[encoding];
  if (!bytes) {
    bytes = compressBody(encoding, entry.body);
    entry.encoded[encoding] = bytes;
  }
  return { bytes, encoding };
}
