/**
 * How wide a line of text is in Google's results, without a browser: Google sets result titles in Arial
 * 20px and descriptions in Arial 14px (desktop) and cuts them at the width of the result column, about
 * 580 px for a title and about 920 px (two lines of ~460 px) for a description. Counting characters
 * misleads: "WWWW" is more than three times as wide as "iiii". So each character is measured with Arial's
 * advance widths, which are Helvetica's (Arial was drawn metric-compatible with it, as is Liberation Sans):
 * the widths below are Adobe's Helvetica AFM values, in thousandths of the font size. Accented Latin
 * letters take their base letter's width (Arial draws them on the same advance); characters outside the
 * table count as a "0" (556), the middle of the Latin range, so an unknown glyph neither hides nor
 * invents an overflow. The browser test (tests/e2e/seo-workbench.test.ts) holds the table to Chromium's
 * own metrics of Arial (Liberation Sans on Debian): within 1%. Google's own cut varies by a few pixels
 * too, hence "about".
 */
export const GOOGLE_TITLE_FONT_PX = 20;
export const GOOGLE_TITLE_MAX_PX = 580;
export const GOOGLE_DESCRIPTION_FONT_PX = 14;
export const GOOGLE_DESCRIPTION_MAX_PX = 920;

const UNKNOWN = 556;

const WIDTHS: Record<string, number> = {
  ' ': 278,
  '!': 278,
  '"': 355,
  '#': 556,
  $: 556,
  '%': 889,
  '&': 667,
  "'": 191,
  '(': 333,
  ')': 333,
  '*': 389,
  '+': 584,
  ',': 278,
  '-': 333,
  '.': 278,
  '/': 278,
  ':': 278,
  ';': 278,
  '<': 584,
  '=': 584,
  '>': 584,
  '?': 556,
  '@': 1015,
  '[': 278,
  '\\': 278,
  ']': 278,
  '^': 469,
  _: 556,
  '`': 333,
  '{': 334,
  '|': 260,
  '}': 334,
  '~': 584,
  A: 667,
  B: 667,
  C: 722,
  D: 722,
  E: 667,
  F: 611,
  G: 778,
  H: 722,
  I: 278,
  J: 500,
  K: 667,
  L: 556,
  M: 833,
  N: 722,
  O: 778,
  P: 667,
  Q: 778,
  R: 722,
  S: 667,
  T: 611,
  U: 722,
  V: 667,
  W: 944,
  X: 667,
  Y: 667,
  Z: 611,
  a: 556,
  b: 556,
  c: 500,
  d: 556,
  e: 556,
  f: 278,
  g: 556,
  h: 556,
  i: 222,
  j: 222,
  k: 500,
  l: 222,
  m: 833,
  n: 556,
  o: 556,
  p: 556,
  q: 556,
  r: 333,
  s: 500,
  t: 278,
  u: 556,
  v: 500,
  w: 722,
  x: 500,
  y: 500,
  z: 500,
  // Punctuation editors type (or that Google adds).
  '¡': 333,
  '¿': 611,
  '–': 556,
  '—': 1000,
  '…': 1000,
  '·': 278,
  '•': 350,
  '‘': 222,
  '’': 222,
  '“': 333,
  '”': 333,
  '«': 556,
  '»': 556,
  '©': 737,
  '®': 737,
  '™': 1000,
  '€': 556,
  '°': 400,
  '×': 584,
  '\u00a0': 278,
};
for (const d of '0123456789') WIDTHS[d] = 556;

/** The width of one character in thousandths of the font size (accents take their base letter's). */
function charWidth(ch: string): number {
  const known = WIDTHS[ch];
  if (known !== undefined) return known;
  const base = ch.normalize('NFD')[0];
  return (base !== ch ? WIDTHS[base] : undefined) ?? UNKNOWN;
}

/** Width in CSS pixels of `text` set in Arial at `fontPx` (whitespace runs count as one space, as in HTML). */
export function textWidthPx(text: string, fontPx: number): number {
  let units = 0;
  for (const ch of text.replace(/\s+/g, ' ')) units += charWidth(ch);
  return Math.round((units * fontPx) / 1000);
}

/**
 * What Google shows of `text` in `maxPx`: the whole text when it fits, else the longest run of whole
 * words that fits with " ..." after it (a single word too long for the line is cut inside).
 */
export function fitToWidth(text: string, maxPx: number, fontPx: number): { shown: string; truncated: boolean } {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (textWidthPx(clean, fontPx) <= maxPx) return { shown: clean, truncated: false };
  const room = maxPx - textWidthPx(' ...', fontPx);
  let units = 0;
  let end = 0;
  let lastSpace = -1;
  const chars = [...clean];
  for (; end < chars.length; end++) {
    const next = units + charWidth(chars[end]);
    if ((next * fontPx) / 1000 > room) break;
    units = next;
    if (chars[end] === ' ') lastSpace = end;
  }
  const cut = lastSpace > 0 ? chars.slice(0, lastSpace) : chars.slice(0, end);
  return { shown: `${cut.join('').replace(/[\s,.;:–-]+$/, '')} ...`, truncated: true };
}
