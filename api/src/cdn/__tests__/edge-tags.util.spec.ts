import { EDGE_TAG_HEADER_BYTES, OVERSIZE_TAG, edgeTagHeaders, fitEdgeTags } from '../utils/edge-tags.util.js';
import { tagBatches } from '../utils/tag-batches.util.js';

describe('edge tag headers', () => {
  it('sends the tags space separated (Surrogate-Key) and comma separated (Cache-Tag)', () => {
    expect(edgeTagHeaders(['doc:procedure:abc', 'list:clinic', 'site:lakeshore-spine'])).toEqual({
      'surrogate-key': 'doc:procedure:abc list:clinic site:lakeshore-spine',
      'cache-tag': 'doc:procedure:abc,list:clinic,site:lakeshore-spine',
    });
  });

  it('replaces tags past the budget by the site tag and the oversize tag (purged with every change)', () => {
    const many = Array.from({ length: 400 }, (_, i) => `doc:location:${'x'.repeat(20)}${i}`);
    const tags = [...many, 'slug:procedure:kyphoplasty', 'list:clinic', 'site:lakeshore-spine'];
    expect(tags.join(' ').length).toBeGreaterThan(EDGE_TAG_HEADER_BYTES);
    expect([...fitEdgeTags(tags)]).toEqual(['site:lakeshore-spine', OVERSIZE_TAG]);
    const headers = edgeTagHeaders(tags);
    expect(headers['cache-tag'].length).toBeLessThan(EDGE_TAG_HEADER_BYTES);
  });
});

describe('tagBatches', () => {
  it('respects both the tag count and the byte budget per request', () => {
    const tags = Array.from({ length: 70 }, (_, i) => `t${String(i).padStart(3, '0')}`); // 4 bytes each
    const byCount = tagBatches(tags, { maxTags: 30, maxBytes: 10_000 }).batches;
    expect(byCount.map((b) => b.length)).toEqual([30, 30, 10]);
    const byBytes = tagBatches(tags, { maxTags: 1000, maxBytes: 49 }).batches; // 10 tags = 4*10 + 9 separators
    expect(byBytes.every((b) => b.join(' ').length <= 49)).toBe(true);
    expect(byBytes.map((b) => b.length)).toEqual([10, 10, 10, 10, 10, 10, 10]);
    expect(byBytes.flat()).toEqual(tags);
  });

  it('drops (and reports) a tag that cannot fit any request', () => {
    const { batches, dropped } = tagBatches(['a', 'x'.repeat(50), 'b'], { maxTags: 10, maxBytes: 20 });
    expect(batches).toEqual([['a', 'b']]);
    expect(dropped).toHaveLength(1);
  });
});
