/** Words per shingle: three-word runs tell a rewritten sentence from a copied one, yet survive small edits. */
export const SHINGLE_WORDS = 3;

/** Stands for the page's own place in its text: "Kyphoplasty in Chicago, IL" and "… in Evanston, IL" are the same sentence. */
const PLACE = '\u0000place';

/** Lowercase words without accents or punctuation: what a reader would call the same text is the same list. */
export function words(text: string): string[] {
  return (
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

/**
 * The words of `text` with every run of words naming its own place (e.g. ["city", "12"], ["il"]) replaced by one
 * marker. Longer names first, so that "New York" is masked before "York".
 */
export function maskPlace(list: string[], place: string[]): string[] {
  const names = place
    .map(words)
    .filter((n) => n.length)
    .sort((a, b) => b.length - a.length);
  if (!names.length) return list;
  const out: string[] = [];
  for (let i = 0; i < list.length; ) {
    const hit = names.find((n) => n.every((w, k) => list[i + k] === w));
    if (hit) {
      out.push(PLACE);
      i += hit.length;
    } else {
      out.push(list[i]);
      i += 1;
    }
  }
  return out;
}

/** FNV-1a, 32 bits: shingles are compared as numbers (a collision among a page's few hundred shingles is negligible). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * The distinct word shingles of a text (its place masked), sorted. Each line is a block of the page (a heading, a
 * clinic card, an answer) and is shingled alone: a run of words spanning two blocks is no sentence anyone wrote,
 * and would make two pages with the same blocks in another order look different. A block shorter than a shingle
 * is one shingle.
 */
export function shingles(text: string, place: string[]): Uint32Array {
  const set = new Set<number>();
  for (const line of text.split('\n')) {
    const list = maskPlace(words(line), place);
    if (list.length && list.length < SHINGLE_WORDS) set.add(hash(list.join(' ')));
    for (let i = 0; i + SHINGLE_WORDS <= list.length; i++) set.add(hash(list.slice(i, i + SHINGLE_WORDS).join(' ')));
  }
  return Uint32Array.from(set).sort();
}

/** How many shingles two sorted sets share (a merge walk: linear in their sizes). */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n += 1;
      i += 1;
      j += 1;
    } else if (a[i] < b[j]) i += 1;
    else j += 1;
  }
  return n;
}

/** The share of `a`'s shingles that `b` does not have (1 − containment of a in b); an empty text owns nothing. */
export function ownShare(a: Uint32Array, shared: number): number {
  return a.length ? 1 - shared / a.length : 0;
}
