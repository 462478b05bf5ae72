import { isValidSlug, slugify } from '../slug';
import { signPreviewToken, verifyPreviewToken, PREVIEW_TOKEN_MAX_TTL_SECONDS } from '../preview-token';
import { cacheTags } from '../cache-tags';
import { sitePaths, absoluteUrl, parseSitePath, pathOf } from '../site-paths';
import { truncateAtWord } from '../seo-rules';
import { contentTypeNameOf } from '../content-types';

describe('slugs', () => {
  it.each(['kyphoplasty', 'chicago-loop-spine-center', 'a1'])('accepts %s', (s) => expect(isValidSlug(s)).toBe(true));
  it.each(['Kyphoplasty', 'a--b', '-a', 'a-', 'a b', '', 'a'.repeat(101), 'é'])('refuses %j', (s) => expect(isValidSlug(s)).toBe(false));
  it('slugifies titles into valid slugs', () => {
    expect(slugify('Kyphoplasty in Chicago, IL')).toBe('kyphoplasty-in-chicago-il');
    expect(slugify('Cifoplastía  ¿Qué es?')).toBe('cifoplastia-que-es');
    expect(isValidSlug(slugify('x'.repeat(300)))).toBe(true);
  });
});

describe('preview tokens', () => {
  const now = 1_800_000_000_000;
  it('round-trips, bound to a site, and expires', () => {
    const t = signPreviewToken('s3cret', 'lakeshore-spine', 600, now);
    expect(verifyPreviewToken('s3cret', t, now)).toEqual({ ok: true, payload: { site: 'lakeshore-spine', exp: now / 1000 + 600 } });
    expect(verifyPreviewToken('s3cret', t, now + 601_000)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyPreviewToken('other', t, now)).toEqual({ ok: false, reason: 'signature' });
  });
  it('caps the lifetime at 15 minutes and refuses tampering', () => {
    const t = signPreviewToken('s3cret', 'a', 99_999, now);
    const check = verifyPreviewToken('s3cret', t, now);
    expect(check.ok && check.payload.exp - now / 1000).toBe(PREVIEW_TOKEN_MAX_TTL_SECONDS);
    const [v, , sig] = t.split('.');
    const forged = `${v}.${Buffer.from(JSON.stringify({ site: 'b', exp: now / 1000 + 60 })).toString('base64url')}.${sig}`;
    expect(verifyPreviewToken('s3cret', forged, now).ok).toBe(false);
    expect(verifyPreviewToken('s3cret', 'garbage', now)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('cache tags, paths, SEO rules', () => {
  it('names cache tags of documents and memberships', () => {
    expect(cacheTags.doc('location', 'abc', 'es')).toBe('doc:location:abc:es');
    expect(cacheTags.doc('clinic', 'c1')).toBe('doc:clinic:c1');
    expect(cacheTags.slug('location', 'chicago', 'en')).toBe('slug:location:chicago:en');
    expect(cacheTags.clinicsOffering('L', 'P')).toBe('members:clinic:location:L:procedure:P');
    expect(cacheTags.site('x')).toBe('site:x');
    expect(contentTypeNameOf('api::procedure.procedure')).toBe('procedure');
    expect(contentTypeNameOf('plugin::upload.file')).toBeUndefined();
  });
  it('builds the public URL scheme', () => {
    expect(sitePaths.landingPage('chicago', 'kyphoplasty', 'es')).toBe('/es/chicago/kyphoplasty');
    expect(sitePaths.procedure('kyphoplasty')).toBe('/procedures/kyphoplasty');
    expect(absoluteUrl('https://x.example/', '/a')).toBe('https://x.example/a');
  });
  it('reads site paths back into pages, and nothing else', () => {
    expect(parseSitePath('/es/chicago/kyphoplasty')).toEqual({ page: 'landingPage', locale: 'es', city: 'chicago', procedure: 'kyphoplasty' });
    expect(parseSitePath('/procedures/kyphoplasty/')).toEqual({ page: 'procedure', locale: 'en', procedure: 'kyphoplasty' });
    expect(parseSitePath('/chicago')).toEqual({ page: 'location', locale: 'en', city: 'chicago' });
    for (const bad of ['/', '/es', '/a/b/c', '/Chicago', '/chicago/../x']) expect(parseSitePath(bad)).toBeUndefined();
    for (const p of ['/chicago', '/es/procedures/kyphoplasty', '/evanston/kyphoplasty']) expect(pathOf(parseSitePath(p)!)).toBe(p);
  });
  it('truncates at a word boundary within the limit', () => {
    const t = truncateAtWord('word '.repeat(50), 160);
    expect(t.length).toBeLessThanOrEqual(160);
    expect(t.endsWith('…')).toBe(true);
    expect(truncateAtWord('short', 160)).toBe('short');
  });
});
