import { canonicalCheck, descriptionCheck, duplicateDescriptionCheck, hreflangCheck, imageAltCheck, internalLinksCheck, robotsCheck, titleCheck } from '../utils/seo-checks.util.js';

describe('workbench checks', () => {
  it('title: pixels decide, not characters', () => {
    expect(titleCheck('Kyphoplasty in Chicago, IL | Lakeshore Spine')).toMatchObject({ verdict: 'pass', details: { chars: 44 } });
    // 40 characters, but W is the widest Latin glyph: wider than Google's column.
    expect(titleCheck('W'.repeat(40))).toMatchObject({ verdict: 'warn', details: { chars: 40, px: 755 } });
    // 70 narrow characters fit.
    expect(titleCheck('il '.repeat(23).trim() + ' tl')).toMatchObject({ verdict: 'pass' });
    expect(titleCheck('Kyphoplasty')).toMatchObject({ verdict: 'warn', message: expect.stringContaining('short') });
    expect(titleCheck('  ').verdict).toBe('fail');
  });

  it('description: missing fails, too wide or too short warns', () => {
    expect(descriptionCheck('').verdict).toBe('fail');
    expect(descriptionCheck('Short.').verdict).toBe('warn');
    expect(descriptionCheck('A'.repeat(200)).verdict).toBe('warn');
    expect(descriptionCheck('Balloon kyphoplasty treats painful spinal compression fractures through a small incision; most patients go home the same day.').verdict).toBe('pass');
  });

  it('duplicate descriptions name the other pages', () => {
    const others = [
      { path: '/chicago', description: 'Spine care in Chicago.' },
      { path: '/procedures/kyphoplasty', description: 'Something else.' },
    ];
    expect(duplicateDescriptionCheck('spine care in  Chicago.', others)).toMatchObject({ verdict: 'fail', details: { paths: ['/chicago'] } });
    expect(duplicateDescriptionCheck('Unique text.', others).verdict).toBe('pass');
    expect(duplicateDescriptionCheck('', others).verdict).toBe('fail');
  });

  it('image alt: a text image without alt fails, a share image without alt warns', () => {
    expect(imageAltCheck(null, [{ src: '/a.png', alt: '' }]).verdict).toBe('fail');
    expect(imageAltCheck({ url: '/og.png', alt: null }, []).verdict).toBe('warn');
    expect(imageAltCheck(null, []).verdict).toBe('warn');
    expect(imageAltCheck({ url: '/og.png', alt: 'Surgeon' }, [{ src: '/a.png', alt: 'Spine' }]).verdict).toBe('pass');
  });

  it('canonical and robots', () => {
    expect(canonicalCheck('https://a.example/chicago', 'https://a.example/chicago').verdict).toBe('pass');
    expect(canonicalCheck('https://a.example/chicago', 'https://a.example/evanston').verdict).toBe('warn');
    expect(robotsCheck('index, follow').verdict).toBe('pass');
    expect(robotsCheck('noindex, nofollow').verdict).toBe('warn');
  });

  it('hreflang: partners must exist; a page in one language of two warns', () => {
    const alternates = [
      { hreflang: 'en-US', url: 'https://a.example/chicago' },
      { hreflang: 'es-US', url: 'https://a.example/es/chicago' },
      { hreflang: 'x-default', url: 'https://a.example/chicago' },
    ];
    const ok = new Map(alternates.map((a) => [a.url, true]));
    expect(hreflangCheck(alternates, ok, []).verdict).toBe('pass');
    expect(hreflangCheck(alternates, new Map([...ok, ['https://a.example/es/chicago', false]]), [])).toMatchObject({
      verdict: 'fail',
      details: { broken: ['es-US → https://a.example/es/chicago'] },
    });
    expect(hreflangCheck([], new Map(), ['es']).verdict).toBe('warn');
    expect(hreflangCheck([], new Map(), []).verdict).toBe('pass');
  });

  it('internal links: missing fails, redirected warns', () => {
    expect(internalLinksCheck([]).verdict).toBe('pass');
    expect(internalLinksCheck([{ href: '/chicago', path: '/chicago', status: 'ok' }]).verdict).toBe('pass');
    expect(internalLinksCheck([{ href: '/old', path: '/old', status: 'redirect', to: '/new' }]).verdict).toBe('warn');
    expect(internalLinksCheck([{ href: '/gone', path: '/gone', status: 'missing' }])).toMatchObject({ verdict: 'fail', details: { broken: ['/gone'] } });
  });
});
