import { changedUrls, urlBatches } from '../utils/changed-urls.util.js';

const facts = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([u, t]) => [u, new Set(t)]));

describe('changedUrls', () => {
  const before = facts({
    'https://s.example/chicago': ['doc:location:L1:en', 'doc:clinic:c1'],
    'https://s.example/chicago/kyphoplasty': ['doc:clinic:c1', 'doc:procedure:p1:en'],
    'https://s.example/procedures/kyphoplasty': ['doc:procedure:p1:en'],
    'https://s.example/clinics/gone': ['doc:clinic:c9'],
  });

  it('lists the pages that showed or show a purged fact, once, sorted', () => {
    const after = facts({ ...Object.fromEntries([...before].filter(([u]) => !u.endsWith('/gone')).map(([u, t]) => [u, [...t]])), 'https://s.example/clinics/gone': ['doc:clinic:c9'] });
    expect(changedUrls(before, after, new Set(['doc:clinic:c1', 'version:clinic:c1']))).toEqual(['https://s.example/chicago', 'https://s.example/chicago/kyphoplasty']);
    expect(changedUrls(before, after, new Set(['doc:procedure:p1:en']))).toEqual(['https://s.example/chicago/kyphoplasty', 'https://s.example/procedures/kyphoplasty']);
    expect(changedUrls(before, after, new Set(['organization:site:other']))).toEqual([]);
  });

  it('lists pages that appeared and pages that vanished (engines learn of the removal from the 404)', () => {
    const after = facts({
      'https://s.example/chicago': ['doc:location:L1:en'],
      'https://s.example/chicago/kyphoplasty': ['doc:procedure:p1:en'],
      'https://s.example/procedures/kyphoplasty': ['doc:procedure:p1:en'],
      'https://s.example/clinics/new': ['doc:clinic:c10'],
    });
    expect(changedUrls(before, after, new Set(['members:clinic:location:L1']))).toEqual(['https://s.example/clinics/gone', 'https://s.example/clinics/new']);
  });

  it('without a before, only the pages that show a purged fact', () => {
    expect(changedUrls(undefined, before, new Set(['doc:clinic:c9']))).toEqual(['https://s.example/clinics/gone']);
  });
});

describe('urlBatches', () => {
  it('splits at the protocol limit of 10,000 URLs per request', () => {
    const urls = Array.from({ length: 20_001 }, (_, i) => `https://s.example/p${i}`);
    expect(urlBatches(urls).map((b) => b.length)).toEqual([10_000, 10_000, 1]);
    expect(urlBatches([])).toEqual([]);
  });
});
