import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { LRUCache } from 'lru-cache';
import type { AppConfig } from '../../config/app-config.schema.js';
import { APP_CONFIG } from '../../config/config.module.js';
import { ResponseCacheService } from '../../cache/services/response-cache.service.js';
import { operationNameOf } from '../../cache/types/cache-entry.types.js';
import { MetricsService } from '../../metrics/services/metrics.service.js';
import { RequestLoggerService } from '../../logging/services/request-logger.service.js';
import { PREVIEW_TOKEN_HEADER } from '../../sites/services/site-context.service.js';
import { SITE_SERVER_KEY_HEADER } from '../../sites/services/site-server-keys.service.js';
import { SiteResolverService } from '../site/site-resolver.service.js';
import { BudgetClientService } from '../budget/budget-client.service.js';
import { CORS_EXPOSE_HEADERS } from '../http/cors.util.js';
import { API_CSP, securityHeaders } from '../http/security-headers.util.js';
import { CorsStep } from '../steps/1-cors.step.js';
import { cdnCacheControl, cdnStaleCacheControl, JSON_TYPE, pickEncoding, presentation, wireOf, type Presentation, type Wire } from './cached-reply.util.js';

const REQUEST_ID = /^[\w.:-]{1,128}$/;
/** GET URLs remembered per site for the fast path (URL → cache key). */
const GET_KEYS_PER_SITE = 10_000;

/**
 * The shortcut for a repeated GET hit, ahead of Fastify (app.ts hands it every request through
 * Fastify's serverFactory): steps 0–6 reduced to what a hit needs — known key, known URL (remembered by
 * the cache step), fresh L1 entry — and written with one `writeHead` of a header block built once per
 * entry and encoding. Anything it is not sure of (unknown URL or key, preview, stale entry, conditional
 * request, shutdown) goes the long way.
 */
@Injectable()
export class FastPathService {
  private readonly security: Record<string, string>;
  /** Site-addressed GETs: the URL names the site, so shared caches may keep them. */
  private readonly publicGet: Presentation;
  /** The site is known only from a header: shared caches must not keep it; browsers revalidate. */
  private readonly privateGet: Presentation;
  private readonly getKeys = new Map<string, LRUCache<string, string>>();
  private closing = false;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly sites: SiteResolverService,
    private readonly clients: BudgetClientService,
    private readonly cors: CorsStep,
    private readonly cache: ResponseCacheService,
    private readonly metrics: MetricsService,
    private readonly requestLog: RequestLoggerService,
  ) {
    this.security = securityHeaders(config.isProduction);
    this.publicGet = presentation(
      JSON_TYPE,
      cdnCacheControl(config.CACHE_SOFT_TTL_SECONDS, config.CACHE_HARD_TTL_SECONDS),
      'origin, accept-encoding',
      cdnStaleCacheControl(config.CACHE_HARD_TTL_SECONDS),
    );
    this.privateGet = presentation(JSON_TYPE, 'private, no-cache', 'origin, x-site-key, accept-encoding');
  }

  register(fastify: FastifyInstance) {
    fastify.addHook('preClose', (done) => {
      this.closing = true; // from now on Fastify answers, so kept-alive clients hear `Connection: close`
      done();
    });
  }

  /** How a GraphQL answer is presented; the long way uses the same objects, so both share an entry's wire copies. */
  presentation(addressed: boolean): Presentation {
    return addressed ? this.publicGet : this.privateGet;
  }

  /** Remembers which entry a GET URL names, so that the next request for it may take the shortcut. */
  remember(site: string, url: string, key: string) {
    let memo = this.getKeys.get(site);
    // Per site: one site's stream of distinct URLs never pushes another's out of the fast path.
    if (!memo) this.getKeys.set(site, (memo = new LRUCache<string, string>({ max: GET_KEYS_PER_SITE })));
    if (memo.get(url) !== key) memo.set(url, key);
  }

  /** True when it answered. */
  tryHit(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || this.closing || !this.cache.enabled) return false;
    const url = req.url!;
    let urlSite: string | undefined;
    if (!url.startsWith('/graphql?')) {
      if (!url.startsWith('/sites/')) return false;
      const end = url.indexOf('/graphql?', 7);
      if (end < 0) return false;
      urlSite = url.slice(7, end);
    }
    const h = req.headers;
    if (h[PREVIEW_TOKEN_HEADER] !== undefined || h['if-none-match'] !== undefined) return false;
    const site = this.sites.peek(req, urlSite);
    if (!site) return false;
    // A server key is checked here too (a hit costs no budget, but a wrong key must answer 401, not 200).
    if (h[SITE_SERVER_KEY_HEADER] !== undefined && typeof this.clients.clientOf(h, site.slug, '') !== 'string') return false;
    const key = this.getKeys.get(site.slug)?.get(url);
    if (!key) return false;
    const entry = this.cache.freshFromL1(key);
    if (!entry) return false;
    const origin = h.origin;
    const corsOk = origin !== undefined && this.cors.policy.allows(origin);
    const wire = wireOf(entry, pickEncoding(h['accept-encoding']), urlSite === undefined ? this.privateGet : this.publicGet);
    // Per wire, a header block with fixed per-request slots; filled in and written at once (writeHead copies it synchronously).
    const raw = corsOk ? (wire.rawCors ??= this.rawHead(wire, true)) : (wire.raw ??= this.rawHead(wire, false));
    const given = h['x-request-id'];
    raw[1] = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    if (corsOk) raw[3] = origin;
    res.writeHead(200, raw);
    res.end(wire.bytes);
    this.metrics.countFastHit(site.slug, operationNameOf(entry.request));
    if (this.requestLog.enabled) this.requestLog.logFastHit(raw[1], site.slug, url, operationNameOf(entry.request));
    return true;
  }

  /** The header block of a fast-path hit; slot 1 is the request id, slot 3 the allowed CORS origin. */
  private rawHead(wire: Wire, cors: boolean): string[] {
    const raw = ['x-request-id', ''];
    if (cors) raw.push('access-control-allow-origin', '', 'access-control-expose-headers', CORS_EXPOSE_HEADERS);
    for (const [k, v] of Object.entries(wire.headers)) raw.push(k, v);
    raw.push('content-length', String(wire.bytes.length), 'x-cache', 'HIT');
    for (const [k, v] of Object.entries(this.security)) raw.push(k, v);
    raw.push('x-frame-options', 'DENY', 'content-security-policy', API_CSP);
    return raw;
  }
}
