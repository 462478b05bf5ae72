import { jest } from '@jest/globals';
import type { ContentTypeName } from '@clinic/shared';
import type { CatalogueRows, IndexedRow } from '../types/fact.types.js';

// The scoring's two costs, counted where they are paid: shingling a text, and counting a pair's shared shingles.
const actual = await import('../../uniqueness/utils/shingles.util.js');
const work = { shingled: 0, compared: 0 };
jest.unstable_mockModule('../../uniqueness/utils/shingles.util.js', () => ({
  ...actual,
  shingles: (...args: Parameters<typeof actual.shingles>) => {
    work.shingled += 1;
    return actual.shingles(...args);
  },
  sharedCount: (...args: Parameters<typeof actual.sharedCount>) => {
    work.compared += 1;
    return actual.sharedCount(...args);
  },
}));
const { bootFacts, catalogueFacts, catalogueFactsAndView, catalogueFactsInSlices } = await import('../utils/catalogue-facts.util.js');
const { emptyMemo } = await import('../../uniqueness/utils/uniqueness-scores.util.js');

beforeEach(() => Object.assign(work, { shingled: 0, compared: 0 }));

const BOOT = '2026-01-05T00:00:00.000Z';
const PROCEDURES = 4;
const CITIES = 6;

/**
 * A generated catalogue: every procedure in every city (one clinic each), in English and Spanish, two sites with
 * three cities each. Its sibling groups are site × procedure × locale (2 × 4 × 2 = 16), its distinct texts
 * procedure × city × locale (4 × 6 × 2 = 48).
 */
function catalogue(): CatalogueRows {
  const rows = (list: IndexedRow[]) => new Map(list.map((r) => [`${r.documentId}:${r.locale}`, r]));
  const procedures: IndexedRow[] = [];
  const locations: IndexedRow[] = [];
  const clinics: IndexedRow[] = [];
  for (let p = 0; p < PROCEDURES; p++) {
    for (const locale of ['en', 'es']) {
      procedures.push({
        documentId: `p${p}`,
        locale,
        updatedAt: '2026-01-01T00:00:00.000Z',
        slug: `procedure-${p}`,
        copy: { title: `Procedure ${p}`, summary: `What procedure ${p} treats and how.` },
      });
    }
  }
  for (let c = 0; c < CITIES; c++) {
    for (const locale of ['en', 'es']) {
      locations.push({
        documentId: `L${c}`,
        locale,
        updatedAt: '2026-01-01T00:00:00.000Z',
        slug: `city-${c}`,
        copy: { city: `City ${c}`, state: 'IL', intro: `City ${c} has a lake ${c} miles away.` },
      });
    }
    for (let p = 0; p < PROCEDURES; p++) {
      clinics.push({
        documentId: `c${c}-${p}`,
        locale: '',
        updatedAt: '2026-01-01T00:00:00.000Z',
        slug: `clinic-${c}-${p}`,
        location: `L${c}`,
        procedures: [`p${p}`],
        copy: { card: `Clinic ${c}-${p}, ${c} Main Street` },
      });
    }
  }
  const sites: IndexedRow[] = [
    { documentId: 'S1', locale: '', updatedAt: '2026-01-01T00:00:00.000Z', slug: 'one', name: 'One', domain: 'https://one.example', locations: ['L0', 'L1', 'L2'] },
    { documentId: 'S2', locale: '', updatedAt: '2026-01-01T00:00:00.000Z', slug: 'two', name: 'Two', domain: 'https://two.example', locations: ['L3', 'L4', 'L5'] },
  ];
  return new Map<ContentTypeName, Map<string, IndexedRow>>([
    ['procedure', rows(procedures)],
    ['location', rows(locations)],
    ['clinic', rows(clinics)],
    ['site', rows(sites)],
    ['landingPage', new Map()],
    ['slugRedirect', new Map()],
  ]);
}

/** The catalogue index's own cut: what was there at the boot. */
const atBoot = (rows: CatalogueRows): CatalogueRows => new Map([...rows].map(([t, m]) => [t, new Map([...m].filter(([, r]) => r.updatedAt <= BOOT))]));

describe("the catalogue index's first read (boot)", () => {
  it('scores each sibling group and shingles each text once, for both the boot-time and the current facts', async () => {
    const rows = catalogue();
    const memo = emptyMemo();
    const { beforeFacts, facts, view } = await bootFacts(atBoot(rows), rows, memo);
    // 48 texts, each shingled once; 16 groups of three cities, three pairs each, each counted once.
    expect(work).toEqual({ shingled: 48, compared: 48 });
    expect(memo.last).toMatchObject({ groups: 16, shingled: 48, texts: 48 });
    // The same facts as the one-shot computation, and nothing moved between the two.
    expect(facts).toEqual(catalogueFacts(rows));
    expect(beforeFacts).toEqual(facts);
    expect(view.uniqueness().pages.size).toBe(2 * PROCEDURES * 3 * 2);
  });

  it('a change published after the boot scores again only the groups it touches', async () => {
    const rows = catalogue();
    // City 1's English intro, edited after the boot: its text is new, the boot-time copy is not in `rows`.
    const edited = { ...rows.get('location')!.get('L1:en')!, updatedAt: '2026-01-06T00:00:00.000Z', copy: { city: 'City 1', state: 'IL', intro: 'Now with its own words.' } };
    rows.get('location')!.set('L1:en', edited);
    const before = atBoot(catalogue());
    const memo = emptyMemo();
    const { beforeFacts, facts } = await bootFacts(before, rows, memo);
    // City 1's new English text is in two pairs in each of four groups (three cities a site).
    expect(work).toEqual({ shingled: 48 + PROCEDURES, compared: 48 + 2 * PROCEDURES });
    // 16 groups at the boot, then site one's four English groups again (City 1 is in each); 48 texts, then City 1's four.
    expect(memo.last).toMatchObject({ groups: 16 + PROCEDURES, shingled: 48 + PROCEDURES });
    expect(facts).toEqual(catalogueFacts(rows));
    expect(beforeFacts).toEqual(catalogueFacts(before));
  });

  it('yields to the event loop between slices, so that requests are served while it scores', async () => {
    const rows = catalogue();
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns += 1;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    // A slice of 0 ms: a turn after every group (the real slice is 10 ms; the catalogue here is too small for that).
    const memo = emptyMemo();
    const view = (await catalogueFactsInSlices(rows, memo, 0)).view;
    ticking = false;
    // At least one turn per sibling group (16), and the same report as at once.
    expect(turns).toBeGreaterThanOrEqual(16);
    expect(view.uniqueness()).toEqual(catalogueFactsAndView(rows).view.uniqueness());
    expect(view.uniqueness().pages.size).toBe(2 * PROCEDURES * 3 * 2);
  });
});
