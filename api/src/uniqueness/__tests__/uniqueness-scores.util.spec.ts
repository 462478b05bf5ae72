import type { LandingText, SitePage } from '../types/uniqueness.types.js';
import { clinicCardText, landingMainText } from '../utils/landing-text.util.js';
import { emptyMemo, pageKey, scorePages } from '../utils/uniqueness-scores.util.js';

const procedure = { title: 'Kyphoplasty', summary: 'Kyphoplasty treats painful vertebral compression fractures through a small incision.' };
const text = (key: string, city: string, intro: string | null, cards: string[] = []): LandingText => ({
  key,
  ...landingMainText('en', { procedure, location: { city, state: 'IL', intro }, clinicCards: cards }),
});
const page = (site: string, location: string, key: string): SitePage => ({
  site,
  procedure: 'P',
  location,
  locale: 'en',
  text: key,
  procedureSlug: 'kyphoplasty',
  citySlug: location,
  city: location,
});

describe('scorePages', () => {
  const texts = new Map<string, LandingText>([
    [
      'chicago',
      text('chicago', 'Chicago', 'Two clinics, one in the Loop by the trains and one on the North Side near Lincoln Park, see patients within the week.', [
        'Loop Spine 120 W Monroe St 60603',
      ]),
    ],
    ['evanston', text('evanston', 'Evanston', null, ['Evanston Spine 1620 Orrington Ave'])],
    ['skokie', text('skokie', 'Skokie', null, [])],
    ['peoria', text('peoria', 'Peoria', null, [])],
  ]);
  const pages = [page('a', 'chicago', 'chicago'), page('a', 'evanston', 'evanston'), page('a', 'skokie', 'skokie'), page('b', 'peoria', 'peoria')];

  it('scores each page against its most similar sibling of the same site, procedure and locale', () => {
    const report = scorePages(texts, pages, () => 0.3);
    const chicago = report.pages.get(pageKey(pages[0]))!;
    const evanston = report.pages.get(pageKey(pages[1]))!;
    const skokie = report.pages.get(pageKey(pages[2]))!;
    // Chicago's own intro and clinic: 25 of its 37 shingles, far above the threshold.
    expect(chicago.score).toBeGreaterThan(0.6);
    expect(chicago.belowThreshold).toBe(false);
    // Skokie is the city name alone: its headline and the procedure's summary, which every sibling shows too (a
    // tie, so the first city by id is named).
    expect(skokie).toMatchObject({ score: 0, nearest: 'chicago', belowThreshold: true });
    // Evanston's card is its only own content: a small share.
    expect(evanston.nearest).toBe('chicago');
    expect(evanston.score).toBeGreaterThan(0);
    expect(evanston.score).toBeLessThan(0.3);
    // Another site's pages are not siblings: Peoria has none, and owns all of its text.
    expect(report.pages.get(pageKey(pages[3]))).toMatchObject({ score: 1, nearest: null, belowThreshold: false });
  });

  it("each site's threshold decides its verdicts", () => {
    const report = scorePages(texts, pages, (site) => (site === 'a' ? 0 : 1));
    expect([...report.pages.values()].map((p) => p.belowThreshold)).toEqual([false, false, false, false]);
    expect(report.thresholds.get('a')).toBe(0);
  });

  it('with a memo, a second run shingles only the changed text and compares only the pairs it is in; the result is the same', () => {
    const memo = emptyMemo();
    const first = scorePages(texts, pages, () => 0.3, memo);
    expect(memo.last).toMatchObject({ texts: 4, shingled: 4, compared: 3 });
    const changed = new Map(texts).set('skokie', text('skokie', 'Skokie', 'Our Skokie clinic on Old Orchard Road opens at seven on weekdays.', []));
    const second = scorePages(changed, pages, () => 0.3, memo);
    // Skokie's text is new: one shingling, and its two pairs (with Chicago and Evanston) counted again.
    expect(memo.last).toMatchObject({ texts: 4, shingled: 1, groups: 1, compared: 2 });
    expect(second).toEqual(scorePages(changed, pages, () => 0.3));
    expect(second.pages.get(pageKey(pages[2]))!.belowThreshold).toBe(false);
    expect(first.pages.get(pageKey(pages[2]))!.belowThreshold).toBe(true);
    // Unchanged again: nothing recomputed, and the old text's entries were dropped.
    scorePages(changed, pages, () => 0.3, memo);
    expect(memo.last).toMatchObject({ shingled: 0, groups: 0, compared: 0 });
    expect(memo.texts.size).toBe(4);
    // Only the pairs of current texts are kept: Skokie's old text is gone with its two pairs.
    expect(memo.shared.size).toBe(3);
    // A threshold moved scores the site's groups again, from the kept counts; the verdicts follow it.
    const strict = scorePages(changed, pages, (site) => (site === 'a' ? 0.9 : 0.3), memo);
    expect(memo.last).toMatchObject({ groups: 1, compared: 0 });
    expect(strict.pages.get(pageKey(pages[2]))!.belowThreshold).toBe(true);
    expect(strict).toEqual(scorePages(changed, pages, (site) => (site === 'a' ? 0.9 : 0.3)));
  });

  it('a clinic card is its name, address, phone and hours', () => {
    expect(clinicCardText({ name: 'Loop Spine', phone: '(312) 555-0142', address: { street: '120 W Monroe St', postalCode: '60603' }, openingHours: 'Mo-Fr 08:00-17:00' })).toBe(
      'Loop Spine 120 W Monroe St 60603 (312) 555-0142 Mo-Fr 08:00-17:00',
    );
  });
});
