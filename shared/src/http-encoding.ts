import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';

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

/** Smaller bodies are sent as they are: compressing them saves less than the headers it adds. */
export const MIN_COMPRESSED_BYTES = 1024;

/** `body` in `encoding`, compressed once per stored answer or page (br at quality 5: most of its gain for a fraction of its top levels' CPU). */
export function compressBody(encoding: Exclude<ContentEncoding, 'identity'>, body: Buffer): Buffer {
  return encoding === 'br' ? brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } }) : gzipSync(body, { level: 6 });
}
