import { createHash } from 'node:crypto';
import { BadGraphqlRequest, cacheKey, readOperation } from '../request/operation-key.util.js';

describe('operation keys', () => {
  const query = '{ site { slug } }';
  const sha = createHash('sha256').update(query).digest('hex');

  it('reads the document hash from documentId or APQ extensions, and refuses malformed ones', () => {
    expect(readOperation({ documentId: `sha256:${sha}` }, false).documentHash).toBe(sha);
    expect(readOperation({ extensions: { persistedQuery: { version: 1, sha256Hash: sha } } }, false).documentHash).toBe(sha);
    expect(() => readOperation({ extensions: { persistedQuery: { sha256Hash: 'nope' } } }, false)).toThrow(BadGraphqlRequest);
    expect(() => readOperation({ documentId: 'not hex' }, false)).toThrow(BadGraphqlRequest);
  });

  it('separates sites and variables, ignoring variable key order, prefixed by the site', () => {
    const a = cacheKey('site-a', sha, undefined, { x: 1, y: 2 });
    expect(a.startsWith('site-a:')).toBe(true);
    expect(cacheKey('site-a', sha, undefined, { y: 2, x: 1 })).toBe(a);
    expect(cacheKey('site-b', sha, undefined, { x: 1, y: 2 })).not.toBe(a);
    expect(cacheKey('site-a', sha, undefined, { x: 1, y: 3 })).not.toBe(a);
    expect(cacheKey('site-a', sha, 'Named', { x: 1, y: 2 })).not.toBe(a);
  });

  it('reads GET parameters and rejects malformed ones', () => {
    expect(readOperation({ query, variables: '{"a":1}' }, true)).toEqual({ query, variables: { a: 1 }, operationName: undefined, extensions: undefined, documentHash: undefined });
    expect(() => readOperation({ query, variables: '{bad' }, true)).toThrow(BadGraphqlRequest);
    expect(() => readOperation([{ query }], false)).toThrow(/Batched/);
    expect(() => readOperation({ query: 42 }, false)).toThrow(BadGraphqlRequest);
    expect(() => readOperation({ query, variables: [1] }, false)).toThrow(/object/);
  });
});
