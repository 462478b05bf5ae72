import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import proxyaddr from '@fastify/proxy-addr';
import { inject } from 'light-my-request';
import { cdnCacheControl, cdnStaleCacheControl, edgeTagHeaders, pickEncoding } from '@clinic/shared';
import { siteForHost, type SiteConfig } from '../lib/sites';
import { newPageFacts, withPageFacts, type PageFacts } from './page-facts';
import { encodedBody, type PageCache, type PageEntry } from './page-cache';
import type { RenderBudget } from './render-budget';
import { inlineJsonLd, withoutRuntimeScripts } from './static-html';

export type NextHandler = (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> | void;

export interface FrontServerOptions {
  next: NextHandler;
  sites: SiteConfig[];
  defaultSite?: string;
  cache: PageCache;
  /** `Authorization: Bearer <secret>` of PURGE requests (the gateway's website purger). */
  purgeSecret: string;
  /** Who may name the visitor in X-Forwarded-For: false, a hop count, or proxy addresses/CIDRs. */
  trustProxy: false | number | string[];
  /** Shared caches keep a page this long (then serve it stale while refetching, up to `graceSeconds`). */
  ttlSeconds: number;
  graceSeconds: number;
  hsts: boolean;
  /** Called with each purge this process applies for a caller (not those relayed from peers). */
  onPurge?: (p: PurgeRequest) => void;
  /** When set, `/_web/metrics` needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Renders a visitor may cause per minute (misses only). */
  renderBudget: RenderBudget;
  /** Sites that opted in to IndexNow (slug → key): each serves its key at `/<key>.txt`, the others nothing. */
  indexNowKeys?: Map<string, string>;
}

export type PurgeRequest = { all: true } | { all?: false; tags: string[]; soft: boolean };

/** An IndexNow key file: `/<key>.txt` at the site's root. */
const INDEXNOW_KEY_FILE = /^\/([A-Za-z0-9-]{8,128})\.txt$/;

/** Headers of Next's answer a stored page keeps; everything else is per request or Next's internals. */
const KEPT = ['content-type', 'location', 'x-content-type-options', 'referrer-policy', 'x-frame-options', 'x-robots-tag', 'link'];
/** Answers worth keeping: pages, unknown pages, redirects. Anything else (5xx, 401) is rendered per request. */
const STORED_STATUS = new Set([200, 301, 302, 307, 308, 404, 410]);
/** Paths that are never pages: Next's assets, the preview, the image optimizer (unused), the gateway files. */
const NOT_PAGES = /^\/(?:_next\/|preview(?:\/|$)|api\/|sitemap\.xml$|robots\.txt$|icon\.svg$|favicon\.ico$)/;

/**
 * The website's front door: rendered pages from memory at close to static-file speed, Next only on a miss.
 *
 * - A page is keyed by site (from Host) and path; the query string is ignored, as the pages ignore it, so
 *   `?utm_…` variants and made-up queries never cost a render. Unknown pages (404) and redirects are kept too.
 * - A page carries the union of the gateway answers' tags it was built from (`Surrogate-Key`/`Cache-Tag`
 *   for a CDN in front); the gateway's purges reach it as `PURGE /` with `xkey-purge`/`xkey-softpurge`
 *   (the Varnish protocol, so one purger strategy serves both), authenticated with WEB_PURGE_SECRET.
 * - Concurrent misses of one page share one render; a render overtaken by a purge is not stored.
 * - A page past its TTL, or soft-purged, is served stale while one render replaces it, and told to shared
 *   caches as not fresh (s-maxage=0), so that a CDN never keeps stale content as fresh.
 * - When the gateway refuses work (a visitor's budget spent), a stored copy is served if there is one, else
 *   429/503 with Retry-After: never a 500 for a limited visitor.
 */
export function createFrontServer(o: FrontServerOptions) {
  const inflight = new Map<string, Promise<Rendered>>();
  const hops = o.trustProxy;
  const trust: (addr: string, i: number) => boolean = hops === false ? () => false : typeof hops === 'number' ? (_addr, i) => i < hops : proxyaddr.compile(hops);
  const visitorOf = (req: http.IncomingMessage) => proxyaddr(req, trust);
  const secret = Buffer.from(o.purgeSecret);

  interface Rendered {
    entry?: PageEntry;
    /** A render that could not be answered as a page (gateway refusal or failure). */
    refusal?: PageFacts['refusal'];
    failed?: { status: number; body: Buffer; headers: Record<string, string> };
  }

  function render(key: string, path: string, host: string, visitor: string): Promise<Rendered> {
    let p = inflight.get(key);
    if (p !== undefined) return p;
    p = (async (): Promise<Rendered> => {
      const epoch = o.cache.mark();
      const facts = newPageFacts(visitor);
      o.cache.counters.renders += 1;
      const res = await withPageFacts(facts, () =>
        inject(o.next as Parameters<typeof inject>[0], { method: 'GET', url: path, headers: { host, 'accept-encoding': 'identity', 'user-agent': 'clinic-web-front' } }),
      );
      const headers: Record<string, string> = {};
      for (const name of KEPT) {
        const v = res.headers[name];
        if (v !== undefined) headers[name] = Array.isArray(v) ? v.join(', ') : String(v);
      }
      if (facts.refusal) return { refusal: facts.refusal };
      if (!STORED_STATUS.has(res.statusCode)) return { failed: { status: res.statusCode, body: res.rawPayload, headers } };
      let body = res.rawPayload;
      if ((headers['content-type'] ?? '').startsWith('text/html')) body = Buffer.from(withoutRuntimeScripts(body.toString('utf8')));
      headers['content-security-policy'] = contentSecurityPolicy(body);
      const tags = res.statusCode === 404 ? [...new Set([...facts.tags, ...facts.ifNotFound])] : [...facts.tags];
      const entry = o.cache.entry(res.statusCode, headers, body, tags, facts.stale);
      o.cache.settle(key, epoch, entry);
      return { entry };
    })().finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  function send(req: http.IncomingMessage, res: http.ServerResponse, entry: PageEntry, status: 'HIT' | 'MISS' | 'STALE') {
    const fresh = !entry.stale && Date.now() < entry.freshUntil;
    const { bytes, encoding } = encodedBody(entry, pickEncoding(req.headers['accept-encoding']));
    const etag = encoding === 'identity' ? entry.etag : `${entry.etag.slice(0, -1)}-${encoding}"`;
    const headers: Record<string, string> = {
      ...entry.headers,
      ...securityHeaders(o.hsts),
      'content-security-policy': entry.headers['content-security-policy'] ?? contentSecurityPolicy(entry.body),
      etag,
      vary: 'Accept-Encoding',
      // A stale page (soft-purged, or built from a stale gateway answer) must not be kept as fresh downstream.
      'cache-control': fresh ? cdnCacheControl(o.ttlSeconds, o.ttlSeconds + o.graceSeconds) : cdnStaleCacheControl(o.ttlSeconds + o.graceSeconds),
      'x-page-cache': status,
      ...(entry.tags.length ? edgeTagHeaders(entry.tags) : {}),
    };
    if (encoding !== 'identity') headers['content-encoding'] = encoding;
    if (req.headers['if-none-match'] === etag && entry.status === 200) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    headers['content-length'] = String(bytes.length);
    res.writeHead(entry.status, headers);
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  function plain(res: http.ServerResponse, status: number, text: string, extra: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...securityHeaders(o.hsts), ...extra });
    res.end(`${text}\n`);
  }

  function purge(req: http.IncomingMessage, res: http.ServerResponse) {
    const auth = Buffer.from(String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, ''));
    if (auth.length !== secret.length || !timingSafeEqual(auth, secret)) return plain(res, 403, 'Purging is not allowed without the purge secret');
    const hard = req.headers['xkey-purge'];
    const soft = req.headers['xkey-softpurge'];
    let p: PurgeRequest;
    if (req.headers['x-purge-all']) p = { all: true };
    else if (typeof hard === 'string' || typeof soft === 'string')
      p = {
        tags: String(hard ?? soft)
          .split(/\s+/)
          .filter(Boolean),
        soft: typeof hard !== 'string',
      };
    else return plain(res, 400, 'PURGE needs an xkey-purge, xkey-softpurge or x-purge-all header');
    const n = applyPurge(p);
    o.onPurge?.(p);
    return plain(res, 200, `Purged ${n} pages`);
  }

  /** The page cache's counters, Prometheus text: renders, hits and purges are what a clinic team watches. */
  function metrics(req: http.IncomingMessage, res: http.ServerResponse) {
    if (o.metricsToken && req.headers.authorization !== `Bearer ${o.metricsToken}`) return plain(res, 401, 'Unauthorized');
    const c = o.cache.counters;
    const lines = [
      ...Object.entries(c).map(([name, value]) => `web_page_cache_${name.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`)}_total ${value}`),
      `web_page_cache_entries ${o.cache.size}`,
      `web_page_cache_bytes ${o.cache.bytes}`,
    ];
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
    res.end(`${lines.join('\n')}\n`);
  }

  function applyPurge(p: PurgeRequest): number {
    return p.all ? o.cache.purge(null) : o.cache.purge(p.tags, p.soft);
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = req.url ?? '/';
    if (req.method === 'PURGE') return purge(req, res);
    if (url === '/_web/metrics') return metrics(req, res);
    if (url === '/_web/health') return plain(res, 200, 'ok');
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (!path.startsWith('/') || !decodable(path)) return plain(res, 400, 'Bad request: the path is not valid percent-encoding', { 'x-error-code': 'BAD_PATH' });
    // The site shows no optimised images: Next's optimizer is not exposed (it would fetch URLs on request).
    if (path === '/_next/image') return plain(res, 404, 'Not found');
    const keyFile = INDEXNOW_KEY_FILE.exec(path);
    if (keyFile && (req.method === 'GET' || req.method === 'HEAD')) {
      // Search engines fetch it to check that a submission of this host's URLs came from its owner.
      const key = o.indexNowKeys?.get(siteForHost(o.sites, req.headers.host, o.defaultSite).slug);
      if (key === keyFile[1]) {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600', ...securityHeaders(o.hsts) });
        return res.end(req.method === 'HEAD' ? undefined : key);
      }
    }
    const visitor = visitorOf(req);
    if (NOT_PAGES.test(path)) {
      // Next reads these queries (a preview's token): a malformed one is the caller's fault, not a 500.
      if (q >= 0 && !decodable(url.slice(q + 1))) return plain(res, 400, 'Bad request: the query is not valid percent-encoding', { 'x-error-code': 'BAD_QUERY' });
      return withPageFacts(newPageFacts(visitor), () => o.next(req, res));
    }
    // Pages are read, never posted to (the site has no forms or server actions).
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed', { allow: 'GET, HEAD', 'x-error-code': 'METHOD_NOT_ALLOWED' });
    const site = siteForHost(o.sites, req.headers.host, o.defaultSite);
    const host = req.headers.host ?? site.host;
    const key = `${site.slug} ${path}`;
    const cached = o.cache.get(key);
    const now = Date.now();
    if (cached && !cached.stale && now < cached.freshUntil) {
      o.cache.counters.hits += 1;
      return send(req, res, cached, 'HIT');
    }
    if (cached) {
      // Served as it is while one render replaces it.
      o.cache.counters.stale += 1;
      void render(key, path, host, visitor).catch(() => undefined);
      return send(req, res, cached, 'STALE');
    }
    o.cache.counters.misses += 1;
    // A render of one's own costs the visitor's render budget; joining one under way does not.
    const wait = inflight.has(key) ? undefined : o.renderBudget.take(visitor);
    if (wait !== undefined) {
      o.cache.counters.limited += 1;
      return plain(res, 429, 'Too many requests: try again shortly', { 'retry-after': String(wait), 'x-error-code': 'RATE_LIMITED' });
    }
    let r: Rendered;
    try {
      r = await render(key, path, host, visitor);
    } catch {
      return plain(res, 503, 'Service unavailable: try again shortly', { 'retry-after': '5' });
    }
    if (r.entry) return send(req, res, r.entry, 'MISS');
    if (r.refusal) {
      const status = r.refusal.status === 429 ? 429 : 503;
      return plain(res, status, status === 429 ? 'Too many requests: try again shortly' : 'Service unavailable: try again shortly', {
        'retry-after': r.refusal.retryAfter ?? '5',
        'x-error-code': r.refusal.code,
      });
    }
    const f = r.failed!;
    res.writeHead(f.status, { ...f.headers, 'cache-control': 'no-store', ...securityHeaders(o.hsts) });
    res.end(req.method === 'HEAD' ? undefined : f.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) plain(res, 500, 'Internal error');
      else res.destroy();
    });
  });
  return { server, applyPurge };
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

function securityHeaders(hsts: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'SAMEORIGIN',
    ...(hsts ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/**
 * A page runs no script: only its JSON-LD blocks (data, allowed by hash should a browser treat them as
 * script), styles and images from the site itself.
 */
function contentSecurityPolicy(body: Buffer): string {
  const hashes = inlineJsonLd(body.toString('utf8')).map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`);
  return [
    "default-src 'self'",
    `script-src ${hashes.length ? hashes.join(' ') : "'none'"}`,
    "style-src 'self'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'self'",
  ].join('; ');
}
