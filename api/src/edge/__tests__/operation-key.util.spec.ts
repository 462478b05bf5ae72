import { createHash } from 'node:crypto';
import { BadGraphqlRequest, MAX_INPUT_DEPTH, cacheKey, nestsDeeperThan, readOperation } from '../request/operation-key.util.js';

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

  it('refuses variables and extensions nested past MAX_INPUT_DEPTH (a few KB of JSON would overflow the stack later), from GET and POST', () => {
    const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
    const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
    expect(() => readOperation({ query, variables: `{"a":${deepArray(5000)}}` }, true)).toThrow(/nests deeper/);
    expect(() => readOperation({ query, extensions: deepObject(5000) }, true)).toThrow(BadGraphqlRequest);
    expect(() => readOperation({ query, variables: JSON.parse(deepObject(20_000)) }, false)).toThrow(/nests deeper/);
    // What real clients send passes.
    expect(readOperation({ query, variables: { slug: 'chicago', filter: { a: [1, { b: 2 }] } } }, false).variables).toEqual({ slug: 'chicago', filter: { a: [1, { b: 2 }] } });
    expect(nestsDeeperThan(JSON.parse(deepObject(MAX_INPUT_DEPTH - 1)), MAX_INPUT_DEPTH)).toBe(false);
    expect(nestsDeeperThan(JSON.parse(deepObject(MAX_INPUT_DEPTH + 1)), MAX_INPUT_DEPTH)).toBe(true);
  });
});
