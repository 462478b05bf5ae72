import { GOOGLE_TITLE_FONT_PX, GOOGLE_TITLE_MAX_PX, fitToWidth, textWidthPx } from '../utils/text-width.util.js';

describe('textWidthPx (Arial advance widths)', () => {
  it('measures by glyph, not by character count', () => {
    // Helvetica/Arial AFM: W = 944, i = 222 thousandths of an em.
    expect(textWidthPx('WWWW', 20)).toBe(Math.round((4 * 944 * 20) / 1000));
    expect(textWidthPx('iiii', 20)).toBe(Math.round((4 * 222 * 20) / 1000));
    expect(textWidthPx('WWWW', 20)).toBeGreaterThan(3 * textWidthPx('iiii', 20));
  });

  it('gives accented letters their base letter’s width, and collapses whitespace like HTML', () => {
    expect(textWidthPx('cifosis vertebral á é ñ', 14)).toBe(textWidthPx('cifosis vertebral a e n', 14));
    expect(textWidthPx('a  \n b', 14)).toBe(textWidthPx('a b', 14));
  });

  it('counts an unknown glyph as a digit', () => {
    expect(textWidthPx('漢', 20)).toBe(textWidthPx('0', 20));
  });
});

describe('fitToWidth', () => {
  it('keeps text that fits', () => {
    expect(fitToWidth('Kyphoplasty in Chicago, IL | Lakeshore Spine', GOOGLE_TITLE_MAX_PX, GOOGLE_TITLE_FONT_PX)).toEqual({
      shown: 'Kyphoplasty in Chicago, IL | Lakeshore Spine',
      truncated: false,
    });
  });

  it('cuts at a word and adds " ..." within the width', () => {
    const long = 'Balloon kyphoplasty for painful vertebral compression fractures in Chicago and the North Shore suburbs';
    const { shown, truncated } = fitToWidth(long, GOOGLE_TITLE_MAX_PX, GOOGLE_TITLE_FONT_PX);
    expect(truncated).toBe(true);
    expect(shown.endsWith(' ...')).toBe(true);
    expect(long.startsWith(shown.slice(0, -4))).toBe(true);
    expect(long[shown.length - 4]).toBe(' ');
    expect(textWidthPx(shown, GOOGLE_TITLE_FONT_PX)).toBeLessThanOrEqual(GOOGLE_TITLE_MAX_PX);
  });
});
