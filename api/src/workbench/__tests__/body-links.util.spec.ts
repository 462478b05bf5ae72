import { imagesIn, internalPathOf, linksIn } from '../utils/body-links.util.js';

const md = `See [the city page](/chicago) and [recovery](https://lakeshore.example/procedures/kyphoplasty#recovery "Recovery").
![](/uploads/spine.png) ![X-ray of a fractured vertebra](/uploads/xray.png)
<a href="/es/chicago/kyphoplasty">en español</a> <img src="/uploads/a.png"> <img alt="Doctor" src='/uploads/b.png'>
[elsewhere](https://example.org/x) [mail](mailto:a@b.c) [anchor](#faq)`;

describe('linksIn / imagesIn', () => {
  it('reads markdown and inline HTML links, images apart', () => {
    expect(linksIn(md).map((l) => l.href)).toEqual([
      '/chicago',
      'https://lakeshore.example/procedures/kyphoplasty#recovery',
      'https://example.org/x',
      'mailto:a@b.c',
      '#faq',
      '/es/chicago/kyphoplasty',
    ]);
    expect(imagesIn(md)).toEqual([
      { src: '/uploads/spine.png', alt: '' },
      { src: '/uploads/xray.png', alt: 'X-ray of a fractured vertebra' },
      { src: '/uploads/a.png', alt: '' },
      { src: '/uploads/b.png', alt: 'Doctor' },
    ]);
  });
});

describe('internalPathOf', () => {
  const domain = 'https://lakeshore.example';
  it.each([
    ['/chicago?x=1#top', '/chicago'],
    ['https://lakeshore.example/procedures/kyphoplasty#recovery', '/procedures/kyphoplasty'],
    ['//lakeshore.example/es', '/es'],
    ['https://example.org/chicago', undefined],
    ['mailto:a@b.c', undefined],
    ['#faq', undefined],
    ['not a url', undefined],
  ])('%s → %s', (href, path) => {
    expect(internalPathOf(href, domain)).toBe(path);
  });
});
