import type { CdnPurgeLimits } from '../types/cdn-purger.types.js';

/**
 * Splits tags into batches that respect a provider's per-request limits (tag count, and bytes of the
 * tags joined by one separator). A tag longer than `maxBytes` on its own cannot be sent and is dropped
 * (returned in `dropped`); the gateway's tags are short, so that is a bug signal, not a normal case.
 */
export function tagBatches(tags: Iterable<string>, limits: CdnPurgeLimits): { batches: string[][]; dropped: string[] } {
  const batches: string[][] = [];
  const dropped: string[] = [];
  let current: string[] = [];
  let bytes = 0;
  for (const tag of tags) {
    const size = Buffer.byteLength(tag);
    if (size > limits.maxBytes) {
      dropped.push(tag);
      continue;
    }
    const added = current.length ? size + 1 : size;
    if (current.length >= limits.maxTags || bytes + added > limits.maxBytes) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    bytes += current.length ? size + 1 : size;
    current.push(tag);
  }
  if (current.length) batches.push(current);
  return { batches, dropped };
}
