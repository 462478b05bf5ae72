/** Response encodings the gateway and the website send, in order of preference. */
export type ContentEncoding = 'br' | 'gzip' | 'identity';

/** Few distinct Accept-Encoding headers exist in practice; the bound only guards against a flood of odd ones. */
const MEMO_MAX = 256;
const memo = new Map<string, ContentEncoding>();

/**
 * The encoding to answer with for an `Accept-Encoding` header: br, else gzip, else identity, honouring
 * `q=0` (refused) and `*`. Answers are memoised (a hit path asks this on every request).
 */
export function pickEncoding(accept: string | string[] | undefined): ContentEncoding {
  if (typeof accept !== 'string' || accept.length === 0 || accept.length > 512) return 'identity';
  let picked = memo.get(accept);
  if (picked) return picked;
  const q = new Map<string, number>();
  for (const part of accept.toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    if (name) q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const accepted = (name: string) => (q.get(name) ?? q.get('*') ?? 0) > 0;
  picked = accepted('br') ? 'br' : accepted('gzip') ? 'gzip' : 'identity';
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(accept, picked);
  return picked;
}
