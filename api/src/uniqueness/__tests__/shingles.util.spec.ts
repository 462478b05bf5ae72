import { maskPlace, ownShare, sharedCount, shingles, words } from '../utils/shingles.util.js';

describe('shingles', () => {
  it('reads words without case, accents or punctuation', () => {
    expect(words('Cifoplastia en Bogotá, D.C. — ¡Rápido!')).toEqual(['cifoplastia', 'en', 'bogota', 'd', 'c', 'rapido']);
  });

  it("masks the page's own place, longest name first", () => {
    expect(maskPlace(words('Spine care in New York, NY; York Avenue'), ['New York', 'NY'])).toEqual(['spine', 'care', 'in', '\u0000place', '\u0000place', 'york', 'avenue']);
  });

  it('two pages that differ only by the city name have the same shingles', () => {
    const chicago = shingles('Kyphoplasty in Chicago, IL. Our Chicago team treats spinal fractures.', ['Chicago', 'IL']);
    const evanston = shingles('Kyphoplasty in Evanston, IL. Our Evanston team treats spinal fractures.', ['Evanston', 'IL']);
    expect([...chicago]).toEqual([...evanston]);
    expect(ownShare(chicago, sharedCount(chicago, evanston))).toBe(0);
  });

  it('counts what two sorted sets share, and the share of one the other lacks', () => {
    const a = shingles('one two three four five six', []);
    const b = shingles('one two three four seven eight', []);
    // a: 4 shingles (one two three … four five six); b shares the first two.
    expect(a.length).toBe(4);
    expect(sharedCount(a, b)).toBe(2);
    expect(ownShare(a, sharedCount(a, b))).toBe(0.5);
  });

  it('a text shorter than a shingle is one shingle; an empty one owns nothing', () => {
    expect(shingles('Chicago clinic', []).length).toBe(1);
    expect(ownShare(shingles('', []), 0)).toBe(0);
  });
});
