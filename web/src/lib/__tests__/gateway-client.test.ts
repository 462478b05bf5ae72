import { HomeQuery, LandingPageQuery } from '../../graphql/documents';
import { buildRequest, gatewayOptions } from '../gateway-client';
import { readFileSync } from 'node:fs';

const manifest = JSON.parse(readFileSync(new URL('../../gql/persisted-documents.json', import.meta.url), 'utf8')) as Record<string, string>;

const site = { host: 'a.example', slug: 'lakeshore-spine', key: 'key-a' };
const vars = { procedure: 'kyphoplasty', location: 'chicago', locale: 'en' as const };

describe('gateway requests', () => {
  it('text mode: GET /graphql with the query text, variables and the site key', () => {
    const { url, init } = buildRequest(gatewayOptions({ GATEWAY_URL: 'http://gw:4000/', GATEWAY_PERSISTED_DOCUMENTS: 'false' }), site, LandingPageQuery, vars);
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('http://gw:4000/graphql');
    expect(u.searchParams.get('query')).toBe(manifest[LandingPageQuery.__meta__!.hash]);
    expect(JSON.parse(u.searchParams.get('variables')!)).toEqual(vars);
    expect(init.method).toBe('GET');
    expect(init.headers).toMatchObject({ 'x-site-key': 'key-a' });
  });

  it('persisted mode (default): GET /sites/<site>/graphql with only the hash, which the manifest maps to the text', () => {
    const { url } = buildRequest(gatewayOptions({ GATEWAY_URL: 'http://gw' }), site, LandingPageQuery, vars);
    const u = new URL(url);
    expect(u.pathname).toBe('/sites/lakeshore-spine/graphql');
    expect(u.searchParams.has('query')).toBe(false);
    const id = u.searchParams.get('documentId')!;
    expect(id).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(manifest[id]).toMatch(/^fragment .* query LandingPage\(/);
  });

  it('every operation is in the manifest under the SHA-256 of its text', async () => {
    const { createHash } = await import('node:crypto');
    for (const [hash, text] of Object.entries(manifest)) {
      expect(hash).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
    }
    expect(Object.keys(manifest)).toContain(HomeQuery.__meta__?.hash);
  });

  it('APQ registration (gateway without the manifest): the hash with exactly the text it hashes', async () => {
    const { createHash } = await import('node:crypto');
    const { url } = buildRequest(gatewayOptions({ GATEWAY_URL: 'http://gw' }), site, LandingPageQuery, vars, undefined, true);
    const u = new URL(url);
    const text = u.searchParams.get('query')!;
    expect(u.searchParams.get('documentId')).toBe(`sha256:${createHash('sha256').update(text).digest('hex')}`);
  });

  it('preview: POST with the editor token, never a cacheable GET', () => {
    const { url, init } = buildRequest(gatewayOptions({ GATEWAY_URL: 'http://gw' }), site, LandingPageQuery, vars, 'v1.tok.sig');
    expect(url).toBe('http://gw/sites/lakeshore-spine/graphql');
    expect(init.method).toBe('POST');
    expect(init.headers).toMatchObject({ 'x-preview-token': 'v1.tok.sig', 'x-site-key': 'key-a' });
    expect(JSON.parse(String(init.body))).toMatchObject({ variables: vars });
  });
});
