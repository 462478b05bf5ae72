import type http from 'node:http';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFrontServer, type NextHandler } from '../front-server';
import { currentPageFacts, recordAnswer, recordRefusal } from '../page-facts';
import { PageCache } from '../page-cache';
import { RenderBudget } from '../render-budget';

/** The front server over a stand-in for Next: the page's gateway answers are simulated through page-facts. */
let renders = 0;
let gate: Promise<void> | undefined;
let refuse: number | undefined;
const visitors: Array<string | undefined> = [];

const fakeNext: NextHandler = async (req: http.IncomingMessage, res: http.ServerResponse) => {
  renders += 1;
  visitors.push(currentPageFacts()?.visitor);
  await gate;
  if (refuse) {
    recordRefusal(refuse, 'RATE_LIMITED', '7');
    res.statusCode = 500;
    res.end('error page');
    return;
  }
  recordAnswer(new Headers({ 'surrogate-key': `site:a doc:page:${req.url}`, 'x-cache': 'HIT' }));
  // The redirect lookup that found nothing: its facts are the page's only if the page is a 404.
  recordAnswer(new Headers({ 'surrogate-key': 'redirects:site:a', 'x-cache': 'HIT' }), 'ifNotFound');
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.statusCode = req.url === '/missing' ? 404 : 200;
  res.end(`<html><body><h1>${req.url}</h1><script src="/_next/x.js"></script></body></html>`);
};

let server: http.Server;
let base = '';
let cache: PageCache;

beforeAll(async () => {
  cache = new PageCache({ maxBytes: 1 << 20, ttlSeconds: 60 });
  const front = createFrontServer({
    next: fakeNext,
    sites: [
      { host: 'a.test', slug: 'a', key: 'k' },
      { host: 'b.test', slug: 'b', key: 'k2' },
    ],
    indexNowKeys: new Map([['a', 'a-key-0123456789']]),
    cache,
    purgeSecret: 'secret',
    trustProxy: false,
    ttlSeconds: 60,
    graceSeconds: 600,
    hsts: true,
    renderBudget: new RenderBudget(30),
  });
  server = front.server;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));
beforeEach(() => {
  renders = 0;
  refuse = undefined;
  gate = undefined;
  visitors.length = 0;
  cache.purge(null);
});

/** A GET with a Host header of our choosing (fetch may not set it). */
function getFor(host: string, path: string): Promise<{ status: number; type: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('front server', () => {
  it("serves an opted-in site's IndexNow key at /<key>.txt, and nothing of it to another site or another key", async () => {
    expect(await getFor('a.test', '/a-key-0123456789.txt')).toEqual({ status: 200, type: 'text/plain; charset=utf-8', body: 'a-key-0123456789' });
    expect(renders).toBe(0);
    // Another site (not opted in), or another key: not the key; the request goes on to Next (the site's 404 there).
    const other = await getFor('b.test', '/a-key-0123456789.txt');
    expect(other.body).not.toBe('a-key-0123456789');
    expect(renders).toBe(1);
    expect((await getFor('a.test', '/other-key-0123.txt')).body).not.toBe('a-key-0123456789');
    expect(renders).toBe(2);
  });

  it('concurrent misses of one page share one render; then hits; the query string is ignored', async () => {
    let open!: () => void;
    gate = new Promise((r) => (open = r));
    // The render is held until all five requests have reached the server.
    let arrived = 0;
    const allArrived = new Promise<void>((r) => {
      const onRequest = () => {
        if (++arrived < 5) return;
        server.off('request', onRequest);
        r();
      };
      server.on('request', onRequest);
    });
    const pending = Promise.all(Array.from({ length: 5 }, () => fetch(`${base}/chicago?x=${Math.random()}`)));
    await allArrived;
    open();
    const answers = await pending;
    expect(renders).toBe(1);
    expect(answers.map((a) => a.headers.get('x-page-cache'))).toEqual(Array(5).fill('MISS'));
    const hit = await fetch(`${base}/chicago`);
    expect(hit.headers.get('x-page-cache')).toBe('HIT');
    expect(hit.headers.get('surrogate-key')).toBe('site:a doc:page:/chicago');
    expect(hit.headers.get('strict-transport-security')).toMatch(/max-age=/);
    expect(await hit.text()).not.toContain('<script');
    expect(renders).toBe(1);
    expect(visitors).toEqual(['127.0.0.1']);
  });

  it("a 404 keeps the site's redirect facts (a redirect added for it purges it); a page does not", async () => {
    await fetch(`${base}/missing`, { headers: { host: 'a.test' } });
    await fetch(`${base}/chicago`, { headers: { host: 'a.test' } });
    expect((await fetch(`${base}/missing`, { headers: { host: 'a.test' } })).headers.get('surrogate-key')).toBe('site:a doc:page:/missing redirects:site:a');
    expect((await fetch(`${base}/chicago`, { headers: { host: 'a.test' } })).headers.get('surrogate-key')).toBe('site:a doc:page:/chicago');
    cache.purge(['redirects:site:a'], false);
    const before = renders;
    expect((await fetch(`${base}/missing`, { headers: { host: 'a.test' } })).headers.get('x-page-cache')).toBe('MISS');
    expect((await fetch(`${base}/chicago`, { headers: { host: 'a.test' } })).headers.get('x-page-cache')).toBe('HIT');
    expect(renders).toBe(before + 1);
  });

  it('answers 304 to a matching If-None-Match, and keeps 404s', async () => {
    const first = await fetch(`${base}/chicago`, { headers: { 'accept-encoding': 'identity' } });
    const etag = first.headers.get('etag')!;
    const again = await fetch(`${base}/chicago`, { headers: { 'if-none-match': etag, 'accept-encoding': 'identity' } });
    expect(again.status).toBe(304);
    expect((await fetch(`${base}/missing`)).status).toBe(404);
    expect((await fetch(`${base}/missing`)).headers.get('x-page-cache')).toBe('HIT');
    expect(renders).toBe(2);
  });

  it("a refused render (the visitor's budget) is a 429 with Retry-After, not a 500, and is not stored", async () => {
    refuse = 429;
    const res = await fetch(`${base}/limited`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    expect(res.headers.get('x-error-code')).toBe('RATE_LIMITED');
    refuse = undefined;
    expect((await fetch(`${base}/limited`)).status).toBe(200);
  });

  it('a soft-purged page is served stale (not fresh for shared caches) while one render replaces it', async () => {
    await fetch(`${base}/chicago`);
    cache.purge(['site:a'], true);
    const stale = await fetch(`${base}/chicago`);
    expect(stale.headers.get('x-page-cache')).toBe('STALE');
    expect(stale.headers.get('cache-control')).toMatch(/s-maxage=0/);
    await new Promise((r) => setTimeout(r, 50));
    expect((await fetch(`${base}/chicago`)).headers.get('x-page-cache')).toBe('HIT');
  });

  it('PURGE with the secret drops pages by tag; 400 on bad percent-encoding', async () => {
    await fetch(`${base}/chicago`);
    const denied = await fetch(`${base}/`, { method: 'PURGE', headers: { 'xkey-purge': 'doc:page:/chicago' } });
    expect(denied.status).toBe(403);
    const ok = await fetch(`${base}/`, { method: 'PURGE', headers: { 'xkey-purge': 'doc:page:/chicago', authorization: 'Bearer secret' } });
    expect(await ok.text()).toMatch(/Purged 1 pages/);
    expect((await fetch(`${base}/chicago`)).headers.get('x-page-cache')).toBe('MISS');
    expect((await fetch(`${base}/%ff`)).status).toBe(400);
    expect((await fetch(`${base}/preview/a/chicago?token=%ff`)).status).toBe(400);
    // A page ignores its query: a malformed one does not stop the page.
    expect((await fetch(`${base}/chicago?utm=%ff`)).status).toBe(200);
  });

  // Last: it spends this visitor's render budget.
  it('a visitor making up paths renders at most the render budget; cached pages stay free; pages take no POST', async () => {
    await fetch(`${base}/chicago`);
    const made = await Promise.all(Array.from({ length: 40 }, (_, i) => fetch(`${base}/made-up-${i}`)));
    const limited = made.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(9);
    expect(limited[0].headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await fetch(`${base}/chicago`)).status).toBe(200);
    expect((await fetch(`${base}/chicago`, { method: 'POST', body: 'x' })).status).toBe(405);
  });
});
