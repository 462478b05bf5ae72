import { PageCache } from '../page-cache';

const entry = (cache: PageCache, tags: string[], body = 'page', stale = false, status = 200) => cache.entry(status, { 'content-type': 'text/html' }, Buffer.from(body), tags, stale);

describe('PageCache', () => {
  it('a purge drops exactly the pages built from one of its tags', () => {
    const cache = new PageCache({ maxBytes: 1 << 20, ttlSeconds: 60 });
    cache.settle('s /chicago', cache.mark(), entry(cache, ['doc:clinic:a', 'slug:location:chicago:en']));
    cache.settle('s /evanston', cache.mark(), entry(cache, ['doc:clinic:b']));
    expect(cache.purge(['doc:clinic:a'])).toBe(1);
    expect(cache.get('s /chicago')).toBeUndefined();
    expect(cache.get('s /evanston')).toBeDefined();
    expect(cache.purge(null)).toBe(1);
    expect(cache.get('s /evanston')).toBeUndefined();
  });

  it('a render overtaken by a purge of one of its facts is not stored; one of other facts is', () => {
    const cache = new PageCache({ maxBytes: 1 << 20, ttlSeconds: 60 });
    const started = cache.mark();
    cache.purge(['doc:clinic:a']);
    expect(cache.settle('s /chicago', started, entry(cache, ['doc:clinic:a']))).toBe(false);
    expect(cache.get('s /chicago')).toBeUndefined();
    expect(cache.settle('s /evanston', started, entry(cache, ['doc:clinic:b']))).toBe(true);
    // A purge of everything overtakes every render.
    const again = cache.mark();
    cache.purge(null);
    expect(cache.settle('s /x', again, entry(cache, ['doc:clinic:c']))).toBe(false);
  });

  it('a soft purge keeps the page but marks it stale; a page built from stale answers is never fresh', () => {
    const cache = new PageCache({ maxBytes: 1 << 20, ttlSeconds: 60 });
    cache.settle('s /chicago', cache.mark(), entry(cache, ['site:x']));
    expect(cache.purge(['site:x'], true)).toBe(1);
    const e = cache.get('s /chicago')!;
    expect([e.stale, e.freshUntil]).toEqual([true, 0]);
    expect(entry(cache, [], 'p', true).freshUntil).toBe(0);
  });

  it('replacing a page re-indexes its tags; eviction unindexes', () => {
    const cache = new PageCache({ maxBytes: 400_000, ttlSeconds: 60 });
    cache.settle('s /a', cache.mark(), entry(cache, ['t1']));
    cache.settle('s /a', cache.mark(), entry(cache, ['t2']));
    expect(cache.purge(['t1'])).toBe(0);
    expect(cache.purge(['t2'])).toBe(1);
    // Past the byte bound, the least recently used page goes, and with it its index entries.
    for (let i = 0; i < 10; i++) cache.settle(`s /${i}`, cache.mark(), entry(cache, [`t${i}`], 'x'.repeat(40_000)));
    expect(cache.size).toBeLessThan(10);
    expect(cache.purge(['t0'])).toBe(0);
  });

  it('made-up URLs (404s, redirects) evict only each other, never a page', () => {
    const cache = new PageCache({ maxBytes: 800_000, ttlSeconds: 60 });
    cache.settle('s /chicago', cache.mark(), entry(cache, ['page'], 'x'.repeat(20_000)));
    for (let i = 0; i < 500; i++) cache.settle(`s /made-up-${i}`, cache.mark(), entry(cache, [`m${i}`], 'x'.repeat(2_000), false, 404));
    expect(cache.get('s /chicago')).toBeDefined();
    expect(cache.get('s /made-up-0')).toBeUndefined();
    expect(cache.get('s /made-up-499')?.status).toBe(404);
    // A path that turns into a page moves over (and keeps one entry).
    cache.settle('s /made-up-499', cache.mark(), entry(cache, ['m499']));
    expect(cache.get('s /made-up-499')?.status).toBe(200);
    expect(cache.purge(['m499'])).toBe(1);
    expect(cache.get('s /made-up-499')).toBeUndefined();
  });
});
