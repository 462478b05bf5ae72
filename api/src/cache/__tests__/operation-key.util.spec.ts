import { createHash } from 'node:crypto';
import { BadGraphqlRequest, cacheKey, operationHash, readOperation } from '../utils/operation-key.util.js';

describe('operation keys', () => {
  const query = '{ site { slug } }';
  const sha = createHash('sha256').update(query).digest('hex');

  it('names an operation by its APQ hash, whether sent as text or as hash', () => {
    expect(operationHash({ query })).toBe(sha);
    expect(operationHash({ extensions: { persistedQuery: { version: 1, sha256Hash: sha } } })).toBe(sha);
    expect(operationHash({ extensions: { persistedQuery: { sha256Hash: 'nope' } } })).toBeUndefined();
  });

  it('separates sites and variables, ignoring variable key order', () => {
    const a = cacheKey('site-a', sha, { query, variables: { x: 1, y: 2 } });
    expect(cacheKey('site-a', sha, { query, variables: { y: 2, x: 1 } })).toBe(a);
    expect(cacheKey('site-b', sha, { query, variables: { x: 1, y: 2 } })).not.toBe(a);
    expect(cacheKey('site-a', sha, { query, variables: { x: 1, y: 3 } })).not.toBe(a);
  });

  it('reads GET parameters and rejects malformed ones', () => {
    expect(readOperation({ query, variables: '{"a":1}' }, true)).toEqual({ query, variables: { a: 1 }, operationName: undefined, extensions: undefined });
    expect(() => readOperation({ query, variables: '{bad' }, true)).toThrow(BadGraphqlRequest);
    expect(() => readOperation([{ query }], false)).toThrow(/Batched/);
    expect(() => readOperation({ query: 42 }, false)).toThrow(BadGraphqlRequest);
    expect(() => readOperation({ query, variables: [1] }, false)).toThrow(/object/);
  });
});
